//! What the data says a review should look at (seed 000: "若某产品线超额完成目标，需总结……；
//! 若某区域目标未达成，需排查……"): the children and the product lines of the node that beat
//! their revenue target (success factors to name) or missed it (root causes to find), and every
//! other indicator behind its target. Each prompt is a proposed finding the user confirms.

use super::FindingKind;
use crate::error::Result;
use crate::units::format_percent;
use crate::variance::{DimFilter, Engine, Figures, IndicatorGroup, VarianceQuery};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prompt {
    pub kind: FindingKind,
    /// child | productLine | indicator
    pub source: String,
    pub subject_zh: String,
    pub subject_en: String,
    pub achievement_bp: i64,
    pub text_zh: String,
    pub text_en: String,
}

fn prompt(source: &str, zh: &str, en: &str, what_zh: &str, what_en: &str, bp: i64) -> Prompt {
    let kind = if bp >= 10_000 {
        FindingKind::Success
    } else {
        FindingKind::Cause
    };
    // "revenue at 101.50% of target"; for an indicator, whose achievement may be inverted
    // (lower is better), just "achievement 63.29%".
    let figure_en = if what_en.is_empty() {
        format!("achievement {}", format_percent(bp))
    } else {
        format!("{what_en} at {} of target", format_percent(bp))
    };
    let (text_zh, text_en) = match kind {
        FindingKind::Success => (
            format!(
                "{zh}{what_zh}达成 {}，超额完成：总结成功的关键因素",
                format_percent(bp)
            ),
            format!("{en}: {figure_en} — name what made it work"),
        ),
        FindingKind::Cause => (
            format!(
                "{zh}{what_zh}达成 {}，未达标：排查根本原因",
                format_percent(bp)
            ),
            format!("{en}: {figure_en} — find the root cause"),
        ),
    };
    Prompt {
        kind,
        source: source.to_string(),
        subject_zh: zh.to_string(),
        subject_en: en.to_string(),
        achievement_bp: bp,
        text_zh,
        text_en,
    }
}

/// Prompts for a review of `node` over `period`, with the period's indicators already read.
pub(super) fn prompts(
    eng: &Engine,
    node: &str,
    period: &str,
    indicators: &[IndicatorGroup],
) -> Result<Vec<Prompt>> {
    let revenue = VarianceQuery::new("revenue", node, period);
    let mut out = Vec::new();
    let report = eng.variance(&revenue)?;
    for c in &report.figures.children {
        if let Some(bp) = c.achievement_bp {
            out.push(prompt("child", &c.name, &c.name, "营收", "revenue", bp));
        }
    }
    let lines = eng.by_dimension(&revenue, "product_line")?;
    let members = DimFilter::members(eng.conn, "product_line")?;
    for (f, m) in lines.figures.children.iter().zip(&members) {
        if let Some(bp) = f.achievement_bp {
            out.push(prompt(
                "productLine",
                &m.name_zh,
                &m.name_en,
                "营收",
                "revenue",
                bp,
            ));
        }
    }
    for g in indicators {
        for i in g.short_term.iter().chain(&g.long_term) {
            if i.metric.code == "revenue" {
                continue;
            }
            if let Some(bp) = behind(&i.figures) {
                out.push(prompt(
                    "indicator",
                    &i.metric.name_zh,
                    &i.metric.name_en,
                    "",
                    "",
                    bp,
                ));
            }
        }
    }
    // Successes best first, causes worst first.
    out.sort_by_key(|p| match p.kind {
        FindingKind::Success => (0, -p.achievement_bp),
        FindingKind::Cause => (1, p.achievement_bp),
    });
    Ok(out)
}

/// Achievement of an indicator behind its target (only those are prompted: the revenue lines
/// above already name what went well).
fn behind(f: &Figures) -> Option<i64> {
    f.achievement_bp.filter(|&bp| bp < 10_000)
}
