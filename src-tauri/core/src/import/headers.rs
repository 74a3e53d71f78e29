//! Header rows: Chinese and English synonyms for every field, the normalised header key that
//! finds a saved mapping again, and the detection of the header row below any title rows.

use super::ImportKind;

/// What a column holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    Date,
    Person,
    Amount,
    Quantity,
    ProductLine,
    Region,
    Team,
    Customer,
    CustomerType,
    Channel,
    OrderId,
    Note,
    Headcount,
    Capacity,
    TeamType,
    /// A target grid's period column (2026-01, 1月, 2026-Q1): the header names the period.
    Period,
}

/// (field, synonyms already normalised), first match wins.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Date,
        &[
            "日期",
            "交易日期",
            "订单日期",
            "销售日期",
            "成交日期",
            "下单日期",
            "单据日期",
            "时间",
            "date",
            "orderdate",
            "transactiondate",
            "saledate",
            "day",
        ],
    ),
    (
        Field::Person,
        &[
            "销售员",
            "业务员",
            "销售代表",
            "销售人员",
            "销售",
            "姓名",
            "人员",
            "负责人",
            "员工",
            "业务代表",
            "salesrep",
            "rep",
            "salesperson",
            "seller",
            "owner",
            "name",
            "employee",
            "person",
        ],
    ),
    (
        Field::Amount,
        &[
            "金额",
            "销售额",
            "销售金额",
            "成交金额",
            "订单金额",
            "实收金额",
            "收入",
            "营收",
            "业绩",
            "目标",
            "目标额",
            "amount",
            "revenue",
            "sales",
            "value",
            "total",
            "target",
        ],
    ),
    (
        Field::Quantity,
        &[
            "数量",
            "销量",
            "件数",
            "销售数量",
            "quantity",
            "qty",
            "units",
        ],
    ),
    (
        Field::ProductLine,
        &[
            "产品线",
            "产品",
            "产品类别",
            "品类",
            "产品名称",
            "productline",
            "product",
            "category",
        ],
    ),
    (
        Field::Region,
        &["区域", "大区", "地区", "片区", "region", "area"],
    ),
    (
        Field::Team,
        &[
            "团队",
            "小组",
            "组别",
            "部门",
            "team",
            "group",
            "department",
        ],
    ),
    (
        Field::Customer,
        &[
            "客户",
            "客户名称",
            "客户名",
            "customer",
            "client",
            "account",
            "customername",
        ],
    ),
    (
        Field::CustomerType,
        &[
            "客户类型",
            "客户类别",
            "客户分类",
            "客户等级",
            "customertype",
            "customerclass",
            "segment",
        ],
    ),
    (
        Field::Channel,
        &["渠道", "销售渠道", "channel", "saleschannel"],
    ),
    (
        Field::OrderId,
        &[
            "订单号",
            "订单编号",
            "单号",
            "订单id",
            "单据编号",
            "orderid",
            "orderno",
            "ordernumber",
            "order",
        ],
    ),
    (
        Field::Note,
        &[
            "备注", "说明", "note", "notes", "remark", "remarks", "comment", "memo",
        ],
    ),
    (Field::Headcount, &["人数", "编制", "编制人数", "headcount"]),
    (
        Field::Capacity,
        &[
            "人均产能",
            "产能",
            "人均能力",
            "capacity",
            "capacityperhead",
        ],
    ),
    (Field::TeamType, &["团队类型", "类型", "teamtype", "type"]),
];

impl Field {
    /// Reads a field name as typed on the command line: camelCase, snake_case or a synonym.
    pub fn parse(s: &str) -> Option<Field> {
        let n = normalise(s);
        let by_name = match n.as_str() {
            "date" => Some(Field::Date),
            "person" => Some(Field::Person),
            "amount" => Some(Field::Amount),
            "quantity" => Some(Field::Quantity),
            "productline" => Some(Field::ProductLine),
            "region" => Some(Field::Region),
            "team" => Some(Field::Team),
            "customer" => Some(Field::Customer),
            "customertype" => Some(Field::CustomerType),
            "channel" => Some(Field::Channel),
            "orderid" => Some(Field::OrderId),
            "note" => Some(Field::Note),
            "headcount" => Some(Field::Headcount),
            "capacity" => Some(Field::Capacity),
            "teamtype" => Some(Field::TeamType),
            "period" => Some(Field::Period),
            _ => None,
        };
        by_name.or_else(|| match_header(s))
    }

    /// The fields an import kind can use.
    pub fn allowed(self, kind: ImportKind) -> bool {
        use Field::*;
        match kind {
            ImportKind::Actuals => !matches!(self, Headcount | Capacity | TeamType | Period),
            ImportKind::Targets => matches!(self, Person | Period),
            ImportKind::Org => matches!(
                self,
                Person | Region | Team | Headcount | Capacity | TeamType
            ),
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Field::Date => "日期",
            Field::Person => "销售员",
            Field::Amount => "金额",
            Field::Quantity => "数量",
            Field::ProductLine => "产品线",
            Field::Region => "区域",
            Field::Team => "团队",
            Field::Customer => "客户",
            Field::CustomerType => "客户类型",
            Field::Channel => "渠道",
            Field::OrderId => "订单号",
            Field::Note => "备注",
            Field::Headcount => "人数",
            Field::Capacity => "人均产能",
            Field::TeamType => "团队类型",
            Field::Period => "期间",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Person => "sales rep",
            Field::Amount => "amount",
            Field::Quantity => "quantity",
            Field::ProductLine => "product line",
            Field::Region => "region",
            Field::Team => "team",
            Field::Customer => "customer",
            Field::CustomerType => "customer type",
            Field::Channel => "channel",
            Field::OrderId => "order id",
            Field::Note => "note",
            Field::Headcount => "headcount",
            Field::Capacity => "capacity per head",
            Field::TeamType => "team type",
            Field::Period => "period",
        }
    }
}

/// Lower case, without spaces, punctuation or anything in brackets: "金额（元）" -> "金额",
/// "Sales Rep" -> "salesrep", "Order_ID" -> "orderid".
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0u32;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || "_-.:：*#/\\'\"".contains(c) || c == '\u{feff}' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The field a header names: an exact synonym, else the longest synonym it contains
/// ("实际销售额" -> amount), else nothing.
pub fn match_header(header: &str) -> Option<Field> {
    let n = normalise(header);
    if n.is_empty() {
        return None;
    }
    for (field, words) in SYNONYMS {
        if words.contains(&n.as_str()) {
            return Some(*field);
        }
    }
    let mut best: Option<(usize, Field)> = None;
    for (field, words) in SYNONYMS {
        for w in *words {
            let chars = w.chars().count();
            let long_enough = if w.is_ascii() { chars >= 5 } else { chars >= 2 };
            if long_enough && n.contains(w) && best.is_none_or(|(len, _)| chars > len) {
                best = Some((chars, *field));
            }
        }
    }
    best.map(|(_, f)| f)
}

/// The normalised header row as one key: the same headers in the same order give the same key.
pub fn header_key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalise(h))
        .collect::<Vec<_>>()
        .join("|")
        .trim_end_matches('|')
        .to_string()
}

/// Proposes a field for each header; each field once, only fields the kind uses. Period
/// columns (targets) are recognised by `is_period`.
pub fn propose(
    headers: &[String],
    kind: ImportKind,
    is_period: &dyn Fn(&str) -> bool,
) -> Vec<(usize, Field)> {
    let mut taken = Vec::new();
    let mut out = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if kind == ImportKind::Targets && is_period(h) {
            out.push((i, Field::Period));
            continue;
        }
        if let Some(f) = match_header(h) {
            if f.allowed(kind) && !taken.contains(&f) {
                taken.push(f);
                out.push((i, f));
            }
        }
    }
    out
}

/// Index (into `rows`) of the header row: the row among the first ones that names the most
/// fields; title rows above it name none. `None` when no row names at least two fields.
pub fn detect_header_row(
    rows: &[Vec<String>],
    kind: ImportKind,
    is_period: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate() {
        let score = propose(row, kind, is_period).len();
        if score >= 2 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_period(_: &str) -> bool {
        false
    }

    #[test]
    fn chinese_and_english_synonyms_map_to_fields() {
        for (h, f) in [
            ("日期", Field::Date),
            ("Date", Field::Date),
            ("销售员", Field::Person),
            ("业务员", Field::Person),
            ("Sales Rep", Field::Person),
            ("金额（元）", Field::Amount),
            ("销售额", Field::Amount),
            ("实际销售额", Field::Amount),
            ("数量", Field::Quantity),
            ("产品线", Field::ProductLine),
            ("Product Line", Field::ProductLine),
            ("区域", Field::Region),
            ("团队", Field::Team),
            ("客户", Field::Customer),
            ("客户名称", Field::Customer),
            ("客户类型", Field::CustomerType),
            ("渠道", Field::Channel),
            ("订单号", Field::OrderId),
            ("Order_ID", Field::OrderId),
            ("备注", Field::Note),
        ] {
            assert_eq!(match_header(h), Some(f), "{h}");
        }
        assert_eq!(match_header("毫不相干"), None);
        assert_eq!(Field::parse("product_line"), Some(Field::ProductLine));
        assert_eq!(Field::parse("orderId"), Some(Field::OrderId));
    }

    #[test]
    fn the_header_row_is_found_below_title_rows() {
        let rows: Vec<Vec<String>> = [
            vec!["2026年3月销售明细", "", ""],
            vec!["制表：财务部", "", ""],
            vec!["日期", "业务员", "金额(元)"],
            vec!["2026-03-01", "张三", "100"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        assert_eq!(
            detect_header_row(&rows, ImportKind::Actuals, &no_period),
            Some(2)
        );
        let mapping = propose(&rows[2], ImportKind::Actuals, &no_period);
        assert_eq!(
            mapping,
            vec![(0, Field::Date), (1, Field::Person), (2, Field::Amount)]
        );
        assert_eq!(header_key(&rows[2]), "日期|业务员|金额");
    }
}
