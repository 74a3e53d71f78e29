//! Changing a plan's tier ratios (floor / challenge / optional sprint, in basis points of the
//! base) after its targets exist: every stored cell's floor, challenge and sprint are re-derived
//! from its base so that they add up along the organisation, the calendar and the dimensions
//! exactly as the bases do (see [`crate::targets::retier`]).

use super::{current_set, restore_in, snapshot, CellSnapshot};
use crate::error::Result;
use crate::store::Workspace;
use crate::targets::retier::recomputed_tiers;
use crate::targets::store::{save_ratios, set_ratios, update_tiers, Change};
use crate::targets::tiers::TierRatios;
use serde::Serialize;

/// What a change of tier ratios did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierRatiosOutcome {
    pub target_set_id: i64,
    /// The ratios now stored.
    pub ratios: TierRatios,
    /// The ratios before (for undo with [`restore_tier_ratios`]).
    pub previous: TierRatios,
    /// How many cells changed.
    pub changed: usize,
    /// The changed cells as they were (for undo).
    pub before: Vec<CellSnapshot>,
}

/// Stores new tier ratios for the newest target set (the one [`super::grid`] shows) and
/// re-derives every cell's floor, challenge and sprint from its base; turning the sprint tier
/// off (`sprint_bp: None`) clears every sprint value. Bases do not move. In an approved set a
/// [`Change`] is required and every tier that moves writes a revision. One transaction: all of
/// it is stored, or nothing.
pub fn set_tier_ratios(
    ws: &Workspace,
    ratios: TierRatios,
    change: Option<&Change>,
) -> Result<TierRatiosOutcome> {
    ratios.validate()?;
    let conn = ws.conn();
    let (set_id, ..) = current_set(ws)?;
    let previous = set_ratios(conn, set_id)?;
    let tx = conn.unchecked_transaction()?;
    let mut before = Vec::new();
    for (id, old, new) in recomputed_tiers(&tx, set_id, ratios)? {
        if old != new {
            before.push(snapshot(ws, id)?);
            update_tiers(&tx, id, new, change)?;
        }
    }
    save_ratios(&tx, set_id, ratios)?;
    tx.commit()?;
    Ok(TierRatiosOutcome {
        target_set_id: set_id,
        ratios,
        previous,
        changed: before.len(),
        before,
    })
}

/// Undoes [`set_tier_ratios`]: stores `previous` again and puts the cells back as they were,
/// in one transaction.
pub fn restore_tier_ratios(
    ws: &Workspace,
    previous: TierRatios,
    before: &[CellSnapshot],
    change: Option<&Change>,
) -> Result<()> {
    let (set_id, ..) = current_set(ws)?;
    let tx = ws.conn().unchecked_transaction()?;
    restore_in(&tx, before, change)?;
    save_ratios(&tx, set_id, previous)?;
    tx.commit()?;
    Ok(())
}
