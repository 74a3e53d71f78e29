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
/// The Evaluation's own weights as they were before "use the defaults" dropped them, kept for
/// its undo.
const DROPPED_KEY: &str = "scorecard_dropped";

/// What the Settings card shows and edits.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardDefaults {
    pub config: ScorecardConfig,
    /// Whether the Evaluation section uses these defaults (it has no weights of its own).
    pub evaluation_follows: bool,
    /// The Evaluation's own weights (what "use the defaults" would replace), if it has them.
    pub own: Option<ScorecardConfig>,
    /// The metrics a default item may name: not retired, or already in the defaults.
    pub metrics: Vec<Metric>,
}

/// Seed 000's items whose metrics the workspace tracks (not retired), their weights re-split in
/// proportion so they total exactly 100%. When it tracks none of the seed's metrics, its first
/// active metric alone weighs 100%; with no active metric at all the defaults are empty (the
/// Settings card then says to track one). Never a metric the workspace does not track.
fn seed_for_tracked(ws: &Workspace) -> Result<ScorecardConfig> {
    let active = Metric::choosable(ws.conn(), &[])?;
    let is_active = |code: &str| active.iter().any(|m| m.code == code);
    let mut items: Vec<ScoreItem> = ScorecardConfig::seed_default()
        .items
        .into_iter()
        .filter(|it| is_active(&it.metric))
        .collect();
    if items.is_empty() {
        let items = active
            .first()
            .map(|m| ScoreItem {
                metric: m.code.clone(),
                weight_bp: 10_000,
                cap_bp: 12_000, // the seed's cap
            })
            .into_iter()
            .collect();
        return Ok(ScorecardConfig { items });
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
    let own = load_setting::<ScorecardConfig>(ws, SCORECARD_KEY)?;
    Ok(ScorecardDefaults {
        evaluation_follows: own.is_none(),
        own,
        metrics: Metric::choosable(ws.conn(), &keep)?,
        config,
    })
}

/// The Evaluation section drops its own weights and uses the defaults again; the dropped
/// weights are kept for [`evaluation_undo_use_defaults`] (in one transaction).
pub fn evaluation_use_defaults(ws: &Workspace) -> Result<ScorecardDefaults> {
    if let Some(own) = load_setting::<ScorecardConfig>(ws, SCORECARD_KEY)? {
        crate::store::atomic(ws.conn(), || {
            save_setting(ws, DROPPED_KEY, &own)?;
            super::store::delete_setting(ws.conn(), SCORECARD_KEY)
        })?;
    }
    defaults(ws)
}

/// Undoes "use the defaults": the Evaluation's own weights come back exactly as they were.
/// Refused (nothing changes) when there is nothing to put back, or the Evaluation has saved
/// weights of its own since (they would be overwritten).
pub fn evaluation_undo_use_defaults(ws: &Workspace) -> Result<ScorecardDefaults> {
    let dropped = load_setting::<ScorecardConfig>(ws, DROPPED_KEY)?;
    let dropped = match dropped {
        Some(d) if !evaluation_has_own(ws)? => d,
        _ => {
            return Err(Error::new(
                Code::ScorecardUndoUnavailable,
                "没有可撤销的“改用默认权重”：评估的权重此后已另行保存，或从未被替换",
                "There is no \"use the defaults\" to undo: the Evaluation's weights were saved since, or never replaced",
            ))
        }
    };
    crate::store::atomic(ws.conn(), || {
        save_setting(ws, SCORECARD_KEY, &dropped)?;
        super::store::delete_setting(ws.conn(), DROPPED_KEY)
    })?;
    defaults(ws)
}
