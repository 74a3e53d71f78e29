//! The tooltip of every mark: its name, period and exact figures (money to the fen, grouped:
//! "3,600,000.00"), in zh-CN and en. The window shows them on hover and keyboard focus.

use super::TipLine;
use crate::error::Lang;

/// A value in a metric's unit, exactly: money in yuan with thousands separators and two
/// decimals, percent and ratio values with two decimals, counts grouped.
pub(crate) fn exact(unit: &str, v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    match unit {
        "currency" | "percent" | "ratio" => {
            let s = format!("{sign}{}.{:02}", group(abs / 100), abs % 100);
            if unit == "percent" {
                format!("{s}%")
            } else {
                s
            }
        }
        _ => format!("{sign}{}", group(abs)),
    }
}

/// Basis points as a signed-when-asked percentage with two decimals: 10123 -> "101.23%".
pub(crate) fn bp(v: i64) -> String {
    crate::units::format_percent(v)
}

fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The fixed words of the tooltips.
pub(crate) struct TipWords {
    pub name: &'static str,
    pub period: &'static str,
    pub month: &'static str,
    pub target: &'static str,
    pub target_to_date: &'static str,
    pub actual: &'static str,
    pub achievement: &'static str,
    pub pace: &'static str,
    pub month_actual: &'static str,
    pub day_actual: &'static str,
    pub cumulative_actual: &'static str,
    pub cumulative_expected: &'static str,
    pub stage: &'static str,
    pub reached: &'static str,
    pub conversion: &'static str,
    pub benchmark: &'static str,
    pub overdue: &'static str,
}

pub(crate) fn words(lang: Lang) -> TipWords {
    match lang {
        Lang::Zh => TipWords {
            name: "名称",
            period: "期间",
            month: "月份",
            target: "目标",
            target_to_date: "目标（截至统计日）",
            actual: "实际",
            achievement: "达成率",
            pace: "进度偏差（相对应达）",
            month_actual: "当月实际",
            day_actual: "当日实际",
            cumulative_actual: "累计实际",
            cumulative_expected: "累计应达（基准）",
            stage: "阶段",
            reached: "到达商机数",
            conversion: "转化率",
            benchmark: "基准转化率",
            overdue: "超时商机",
        },
        Lang::En => TipWords {
            name: "Name",
            period: "Period",
            month: "Month",
            target: "Target",
            target_to_date: "Target to date",
            actual: "Actual",
            achievement: "Achievement",
            pace: "Pace variance (relative)",
            month_actual: "Actual in the month",
            day_actual: "Actual on the day",
            cumulative_actual: "Cumulative actual",
            cumulative_expected: "Cumulative expected (base)",
            stage: "Stage",
            reached: "Deals reached",
            conversion: "Conversion",
            benchmark: "Benchmark",
            overdue: "Overdue deals",
        },
    }
}

/// One line of a tooltip; `raw` is the exact number behind money and counts (fen, bp).
pub(crate) fn line(label: &str, value: String, raw: Option<i64>) -> TipLine {
    TipLine {
        label: label.to_string(),
        value,
        raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_values_are_grouped_to_the_fen() {
        assert_eq!(exact("currency", 360_000_000), "3,600,000.00");
        assert_eq!(exact("currency", 123_456_789), "1,234,567.89");
        assert_eq!(exact("currency", -5), "-0.05");
        assert_eq!(exact("currency", 99_999), "999.99");
        assert_eq!(exact("count", 1_234_567), "1,234,567");
        assert_eq!(exact("percent", 1_250), "12.50%");
        assert_eq!(bp(10_123), "101.23%");
    }
}
