//! The approved baseline's store: the plan's approval and the snapshot of its targets' tiers.

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::targets::store::tiers_at;
use crate::targets::tiers::Tiers;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Snapshots every target of every approved plan that has no baseline yet.
pub(crate) fn snapshot_approved(conn: &Connection) -> Result<usize> {
    conn.run(
        "INSERT OR IGNORE INTO target_baseline(target_id, floor_value, base_value, challenge_value, sprint_value)
         SELECT t.id, t.floor_value, t.base_value, t.challenge_value, t.sprint_value
         FROM target t JOIN target_set s ON s.id = t.target_set_id WHERE s.status = 'approved'",
        [],
    )
}

/// (id, name, status) of plan `id` (None: no plan with that id, or none given).
pub(crate) fn plan_status(
    conn: &Connection,
    id: Option<i64>,
) -> Result<Option<(i64, String, String)>> {
    conn.optional_of(
        "SELECT id, name, status FROM target_set WHERE id = ?1",
        [id],
    )
}

/// Marks plan `id` approved by `who` at `at`.
pub(crate) fn mark_approved(conn: &Connection, id: i64, at: &str, who: &str) -> Result<()> {
    conn.run(
        "UPDATE target_set SET status = 'approved', approved_at = ?2, approved_by = ?3 WHERE id = ?1",
        params![id, at, who],
    )?;
    Ok(())
}

/// The baseline tiers of every target of a plan that has one, by target id.
pub fn baseline(conn: &Connection, target_set_id: i64) -> Result<HashMap<i64, Tiers>> {
    Ok(conn
        .rows(
            "SELECT b.target_id, b.floor_value, b.base_value, b.challenge_value, b.sprint_value
             FROM target_baseline b JOIN target t ON t.id = b.target_id WHERE t.target_set_id = ?1",
            [target_set_id],
            |r| Ok((r.get::<_, i64>(0)?, tiers_at(r, 1)?)),
        )?
        .into_iter()
        .collect())
}
