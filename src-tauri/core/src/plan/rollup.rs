//! Progress rolls up from sub-actions to their parents, weighted by duration or by a manual weight.

use super::outline::Outline;
use super::store::ActionRow;
use crate::error::{Error, Result};
use crate::store::Workspace;
use serde::{Deserialize, Serialize};

const META_KEY: &str = "plan_rollup";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RollupMode {
    /// A parent's progress is the duration-weighted mean over all its leaf sub-actions
    /// (Σ progress × working days / Σ working days); milestones weigh nothing.
    #[default]
    Duration,
    /// A parent's progress is the mean of its direct children's progress weighted by their
    /// `rollup_weight` (set by hand).
    Weight,
}

impl RollupMode {
    pub fn as_str(self) -> &'static str {
        match self {
            RollupMode::Duration => "duration",
            RollupMode::Weight => "weight",
        }
    }

    pub fn parse(s: &str) -> Option<RollupMode> {
        match s {
            "duration" => Some(RollupMode::Duration),
            "weight" => Some(RollupMode::Weight),
            _ => None,
        }
    }
}

/// The workspace's rollup mode (duration unless set).
pub fn rollup_mode(ws: &Workspace) -> Result<RollupMode> {
    Ok(ws
        .meta(META_KEY)?
        .as_deref()
        .and_then(RollupMode::parse)
        .unwrap_or_default())
}

pub fn set_rollup_mode(ws: &Workspace, mode: RollupMode) -> Result<()> {
    ws.set_meta(META_KEY, mode.as_str())
}

/// Sets an action's manual rollup weight (0 or more).
pub fn set_rollup_weight(ws: &Workspace, action_id: i64, weight: i64) -> Result<()> {
    if weight < 0 {
        return Err(Error::new(
            "bad_weight",
            format!("举措 #{action_id} 的权重不能为负数（{weight}）"),
            format!("The weight of action #{action_id} cannot be negative ({weight})"),
        ));
    }
    if !super::store::set_rollup_weight(ws.conn(), action_id, weight)? {
        return Err(super::outline::missing_action(action_id));
    }
    Ok(())
}

/// Weighted mean of progress values in basis points, rounded half away from zero; the plain mean
/// when every weight is 0; 0 for no items.
fn weighted_mean_bp(items: impl Iterator<Item = (i64, i64)>) -> i64 {
    let (mut num, mut den, mut sum, mut count) = (0i128, 0i128, 0i128, 0i128);
    for (p, w) in items {
        num += p as i128 * w as i128;
        den += w as i128;
        sum += p as i128;
        count += 1;
    }
    if den > 0 {
        crate::ratio_bp(num, den * 10_000)
    } else {
        crate::ratio_bp(sum, count * 10_000)
    }
}

/// Progress of every action (leaves: their own; parents: rolled up), in basis points.
pub fn rolled_progress(
    actions: &[ActionRow],
    outline: &Outline,
    durations: &[i64],
    mode: RollupMode,
) -> Vec<i64> {
    let mut progress: Vec<i64> = actions.iter().map(|a| a.progress_bp).collect();
    let mut leaves: Vec<Vec<usize>> = vec![Vec::new(); actions.len()];
    for i in outline.bottom_up() {
        let kids = &outline.children[i];
        if kids.is_empty() {
            leaves[i].push(i);
            continue;
        }
        leaves[i] = kids
            .iter()
            .flat_map(|&c| leaves[c].iter().copied())
            .collect();
        progress[i] = match mode {
            RollupMode::Duration => weighted_mean_bp(
                leaves[i]
                    .iter()
                    .map(|&l| (actions[l].progress_bp, durations[l])),
            ),
            RollupMode::Weight => weighted_mean_bp(
                kids.iter()
                    .map(|&c| (progress[c], actions[c].rollup_weight)),
            ),
        };
    }
    progress
}
