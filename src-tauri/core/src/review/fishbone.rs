//! A review's root causes as a fishbone chart: the effect is the unit's revenue achievement in
//! the period, the bones the six categories, each cause marked controllable or not.

use super::{FindingKind, Review};
use crate::chart::{draw_chart, ChartData, Fishbone, FishboneCause, Format, Hit};
use crate::error::{Lang, Result};
use crate::store::Workspace;
use crate::units::format_percent;
use std::path::Path;

/// The chart's data: title, effect (what the causes explain) and the root causes.
pub fn fishbone_data(r: &Review, lang: Lang) -> Fishbone {
    let zh = lang == Lang::Zh;
    let s = &r.summary;
    let revenue = r
        .results
        .iter()
        .flat_map(|g| g.short_term.iter().chain(&g.long_term))
        .find(|i| i.metric.code == "revenue");
    let effect = match revenue.and_then(|i| i.figures.achievement_bp) {
        Some(bp) if zh => format!("营收达成 {}", format_percent(bp)),
        Some(bp) => format!("Revenue at {} of target", format_percent(bp)),
        None if zh => "未达标的结果".to_string(),
        None => "The shortfall".to_string(),
    };
    Fishbone {
        title: if zh {
            format!("{} · {} 复盘：根本原因", s.node_name, s.period)
        } else {
            format!("{} · {} review: root causes", s.node_name, s.period)
        },
        effect,
        causes: r
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Cause)
            .map(|f| FishboneCause {
                category: f.category.clone(),
                text: f.text.clone(),
                controllable: f.controllable,
            })
            .collect(),
    }
}

/// A review's fishbone as SVG (screen) or PNG (2×), with its bones' hit regions.
pub fn fishbone_chart(r: &Review, lang: Lang, format: Format) -> Result<(Vec<u8>, Vec<Hit>)> {
    draw_chart(ChartData::Fishbone(&fishbone_data(r, lang)), lang, format)
}

/// Writes the fishbone of review `id` to `path` (.png or .svg).
pub fn write_fishbone(ws: &Workspace, id: i64, lang: Lang, path: &Path) -> Result<()> {
    let (bytes, _) = fishbone_chart(&super::get(ws, id)?, lang, Format::from_path(path)?)?;
    std::fs::write(path, bytes).map_err(|e| crate::dashboard::write_error(path, e))
}
