//! Scorecard defaults (Settings → Scorecard defaults): the metrics, weights and caps an
//! evaluation uses until the Evaluation section gives it weights of its own. A workspace that
//! saved none starts from seed 000's split, kept to the metrics it tracks and re-weighted exactly
//! to 100%.

use super::{load_setting, save_setting, ScoreItem, ScorecardConfig, SCORECARD_KEY};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::variance::Metric;
use serde::Serialize;

const DEFAULT_KEY: &str = "scorecard_default";

/// What the Settings card shows and edits.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardDefaults {
    pub config: ScorecardConfig,
    /// Whether the Evaluation section uses these defaults (it has no weights of its own).
    pub evaluation_follows: bool,
    /// The metrics a default item may name: not retired, or already in the defaults.
    pub metrics: Vec<Metric>,
}

/// Seed 000's items whose metrics are not retired, their weights re-split in proportion so they
/// total exactly 100% (revenue is never retired, so one item at least stays).
fn seed_for_tracked(ws: &Workspace) -> Result<ScorecardConfig> {
    let retired = Metric::retired_codes(ws.conn())?;
    let known: Vec<String> = Metric::all(ws.conn())?
        .into_iter()
        .map(|m| m.code)
        .collect();
    let mut items: Vec<ScoreItem> = ScorecardConfig::seed_default()
        .items
        .into_iter()
        .filter(|it| known.contains(&it.metric) && !retired.contains(&it.metric))
        .collect();
    if items.is_empty() {
        return Ok(ScorecardConfig::seed_default());
    }
    let weights: Vec<u128> = items.iter().map(|it| it.weight_bp as u128).collect();
    let split = crate::split::largest_remainder(10_000, &weights)?;
    for (it, w) in items.iter_mut().zip(split) {
        it.weight_bp = w;
    }
    Ok(ScorecardConfig { items })
}

/// The defaults: the saved ones, else seed 000's kept to the tracked metrics.
pub fn load_default(ws: &Workspace) -> Result<ScorecardConfig> {
    match load_setting(ws, DEFAULT_KEY)? {
        Some(c) => Ok(c),
        None => seed_for_tracked(ws),
    }
}

/// Stores the defaults as they are now when none were saved, so retiring a metric they weigh
/// does not re-weigh every evaluation behind the user's back (the metric stays, retired).
pub fn keep_current(ws: &Workspace) -> Result<()> {
    if load_setting::<ScorecardConfig>(ws, DEFAULT_KEY)?.is_none() {
        save_setting(ws, DEFAULT_KEY, &seed_for_tracked(ws)?)?;
    }
    Ok(())
}

/// Each item's metric exists, and is not retired unless `before` already weighed it (a retired
/// metric is not chosen anew, but an existing scorecard keeps it).
pub(super) fn check_metrics(
    ws: &Workspace,
    config: &ScorecardConfig,
    before: &ScorecardConfig,
) -> Result<()> {
    let retired = Metric::retired_codes(ws.conn())?;
    for it in &config.items {
        let m = Metric::by_code(ws.conn(), &it.metric)?;
        let kept = before.items.iter().any(|b| b.metric == it.metric);
        if retired.contains(&m.code) && !kept {
            return Err(Error::new(
                Code::MetricRetired,
                format!("指标“{}”已停用，不能加入评分卡；请先在“设置 → 指标”中恢复它", m.name_zh),
                format!(
                    "The metric \"{}\" is retired and cannot be added to the scorecard; restore it in Settings → Metrics first",
                    m.name_en
                ),
            ));
        }
    }
    Ok(())
}

/// Validates (weights total 100%, caps above 0, each metric once, known and not retired), then
/// stores the defaults.
pub fn save_default(ws: &Workspace, config: &ScorecardConfig) -> Result<()> {
    config.validate()?;
    check_metrics(ws, config, &load_default(ws)?)?;
    save_setting(ws, DEFAULT_KEY, config)
}

/// Whether the Evaluation section has weights of its own.
fn evaluation_has_own(ws: &Workspace) -> Result<bool> {
    Ok(load_setting::<ScorecardConfig>(ws, SCORECARD_KEY)?.is_some())
}

pub fn defaults(ws: &Workspace) -> Result<ScorecardDefaults> {
    let config = load_default(ws)?;
    let keep: Vec<String> = config.items.iter().map(|i| i.metric.clone()).collect();
    Ok(ScorecardDefaults {
        evaluation_follows: !evaluation_has_own(ws)?,
        metrics: Metric::choosable(ws.conn(), &keep)?,
        config,
    })
}

/// The Evaluation section drops its own weights and uses the defaults again.
pub fn evaluation_use_defaults(ws: &Workspace) -> Result<ScorecardDefaults> {
    super::store::delete_setting(ws.conn(), SCORECARD_KEY)?;
    defaults(ws)
}
