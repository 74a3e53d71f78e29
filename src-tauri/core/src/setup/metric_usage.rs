//! Where a metric is used: target cells, actual rows, import batches, the scorecard, the ratio
//! metrics it is a component of, and review items that verify with it. A metric used anywhere
//! cannot be deleted (it can be retired), and the refusal names each place with its count.

use crate::error::Result;
use crate::Workspace;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub targets: i64,
    pub actuals: i64,
    pub imports: i64,
    /// Whether the scorecard weighs it.
    pub scorecard: bool,
    /// The ratio metrics it is the numerator or denominator of.
    pub ratios: Vec<RatioRef>,
    pub review_items: i64,
}

/// A ratio metric that divides by or into another metric.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RatioRef {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl Usage {
    pub fn is_empty(&self) -> bool {
        self == &Usage::default()
    }

    /// Each place with its count, in Chinese and in English ("12 个目标、评分卡").
    pub fn describe(&self) -> (String, String) {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        let mut count = |n: i64, z: &str, one: &str, many: &str| {
            if n > 0 {
                zh.push(format!("{n} {z}"));
                en.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        };
        count(self.targets, "个目标", "target", "targets");
        count(self.actuals, "条实际数据", "actual", "actuals");
        count(self.imports, "个导入批次", "import batch", "import batches");
        count(
            self.review_items,
            "个复盘事项",
            "review item",
            "review items",
        );
        if self.scorecard {
            zh.push("评分卡".to_string());
            en.push("the scorecard".to_string());
        }
        if !self.ratios.is_empty() {
            let names = |f: fn(&RatioRef) -> &str, sep: &str| {
                self.ratios.iter().map(f).collect::<Vec<_>>().join(sep)
            };
            zh.push(format!(
                "比率指标“{}”的分子或分母",
                names(|r| &r.name_zh, "”“")
            ));
            en.push(format!(
                "the numerator or denominator of \"{}\"",
                names(|r| &r.name_en, "\", \"")
            ));
        }
        (zh.join("、"), en.join(", "))
    }
}

/// Counts per metric code from `sql` (rows of code, count).
fn counts(ws: &Workspace, sql: &str) -> Result<HashMap<String, i64>> {
    let mut st = ws.conn().prepare(sql)?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The usage of every metric, by code (a metric used nowhere has no entry).
pub fn all(ws: &Workspace) -> Result<HashMap<String, Usage>> {
    let mut out: HashMap<String, Usage> = HashMap::new();
    let by = |table: &str, col: &str| {
        format!(
            "SELECT m.code, COUNT(*) FROM {table} x JOIN metric m ON m.id = x.{col} GROUP BY m.code"
        )
    };
    for (code, n) in counts(ws, &by("target", "metric_id"))? {
        out.entry(code).or_default().targets = n;
    }
    for (code, n) in counts(ws, &by("actual", "metric_id"))? {
        out.entry(code).or_default().actuals = n;
    }
    for (code, n) in counts(ws, &by("import_batch", "metric_id"))? {
        out.entry(code).or_default().imports = n;
    }
    for (code, n) in counts(ws, &by("review_item", "metric_id"))? {
        out.entry(code).or_default().review_items = n;
    }
    let defaults = crate::evaluation::defaults::load_default(ws)?.items;
    for item in crate::evaluation::load_scorecard(ws)?
        .items
        .into_iter()
        .chain(defaults)
    {
        out.entry(item.metric).or_default().scorecard = true;
    }
    let mut st = ws.conn().prepare(
        "SELECT c.code, r.code, r.name_zh, r.name_en FROM metric r JOIN metric c ON c.id IN (r.numerator_id, r.denominator_id)
         WHERE r.aggregation = 'ratio' ORDER BY r.sort, r.id",
    )?;
    let pairs = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            RatioRef {
                code: r.get(1)?,
                name_zh: r.get(2)?,
                name_en: r.get(3)?,
            },
        ))
    })?;
    for pair in pairs {
        let (component, ratio) = pair?;
        out.entry(component).or_default().ratios.push(ratio);
    }
    Ok(out)
}

/// The usage of the metric `id`.
pub fn of(ws: &Workspace, id: i64) -> Result<Usage> {
    let code: String = ws
        .conn()
        .query_row("SELECT code FROM metric WHERE id = ?1", [id], |r| r.get(0))?;
    Ok(all(ws)?.remove(&code).unwrap_or_default())
}
