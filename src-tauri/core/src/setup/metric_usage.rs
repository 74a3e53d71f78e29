//! Where a metric is used: target cells, actual rows, import batches, the scorecard, the ratio
//! metrics it is a component of, and review items that verify with it. A metric used anywhere
//! cannot be deleted (it can be retired), and the refusal names each place with its count.

use super::store::usage::{self as store, UsedIn};
pub use super::store::usage::{RatioRef, Usage};
use crate::error::Result;
use crate::Workspace;
use std::collections::HashMap;

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

/// The usage of every metric, by code (a metric used nowhere has no entry).
pub fn all(ws: &Workspace) -> Result<HashMap<String, Usage>> {
    let mut out: HashMap<String, Usage> = HashMap::new();
    let conn = ws.conn();
    for (code, n) in store::counts(conn, UsedIn::Targets)? {
        out.entry(code).or_default().targets = n;
    }
    for (code, n) in store::counts(conn, UsedIn::Actuals)? {
        out.entry(code).or_default().actuals = n;
    }
    for (code, n) in store::counts(conn, UsedIn::Imports)? {
        out.entry(code).or_default().imports = n;
    }
    for (code, n) in store::counts(conn, UsedIn::ReviewItems)? {
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
    for (component, ratio) in store::ratio_parts(conn)? {
        out.entry(component).or_default().ratios.push(ratio);
    }
    Ok(out)
}

/// The usage of the metric `id`.
pub fn of(ws: &Workspace, id: i64) -> Result<Usage> {
    let code = store::metric_code(ws.conn(), id)?;
    Ok(all(ws)?.remove(&code).unwrap_or_default())
}
