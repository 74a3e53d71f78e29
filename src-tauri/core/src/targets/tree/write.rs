//! Writing a tree's changes: new cells inserted, changed ones updated, removed ones deleted, and
//! on an approved plan one revision per tier that moved, with the change's own reason.

use super::{CellState, Key, Tree};
use crate::error::{Error, Result};
use crate::targets::store::Change;
use crate::targets::tiers::Tier;
use rusqlite::{params, Connection, OptionalExtension};

/// A cell a change touched: where, before and after (None: absent).
pub type Touched = (Key, Option<CellState>, Option<CellState>);

pub(crate) fn reason_required() -> Error {
    Error::new(
        "revision_reason_required",
        "目标方案已审批：每次修改都须填写这次修改的原因",
        "The plan is approved: each change needs its own reason",
    )
}

impl Tree {
    /// Writes the cells the change touched (inside the caller's savepoint); returns them.
    pub(crate) fn write(
        &mut self,
        conn: &Connection,
        change: Option<&Change>,
    ) -> Result<Vec<Touched>> {
        let changes = self.changes();
        if changes.is_empty() {
            return Ok(changes);
        }
        let tiers_moved = changes
            .iter()
            .any(|(_, b, a)| b.map(|s| s.tiers) != a.map(|s| s.tiers));
        let change = match (self.approved && tiers_moved, change) {
            (true, None) => return Err(reason_required()),
            (true, Some(c)) => Some(c),
            (false, _) => None,
        };
        let mut insert = conn.prepare_cached(
            "INSERT INTO target(target_set_id, metric_id, org_unit_id, dimension_id, period, \
             period_start, period_end, floor_value, base_value, challenge_value, sprint_value, \
             locked, commitment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut update = conn.prepare_cached(
            "UPDATE target SET floor_value = ?1, base_value = ?2, challenge_value = ?3, \
             sprint_value = ?4, locked = ?5, commitment = ?6 WHERE id = ?7",
        )?;
        let mut find = conn.prepare_cached(
            "SELECT id FROM target WHERE target_set_id = ?1 AND metric_id = ?2 AND org_unit_id = ?3 \
             AND IFNULL(dimension_id, 0) = IFNULL(?4, 0) AND period = ?5",
        )?;
        let mut revision = conn.prepare_cached(
            "INSERT INTO target_revision(target_id, at, who, reason_category, reason, tier, \
             old_value, new_value, approver) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (key, before, after) in &changes {
            let id = match self.id_of(key) {
                Some(id) => Some(id),
                None if before.is_none() => None,
                None => find
                    .query_row(
                        params![self.set_id, self.metric_id, key.0, key.1, key.2],
                        |r| r.get::<_, i64>(0),
                    )
                    .optional()?,
            };
            let id = match (id, after) {
                (Some(id), Some(s)) => {
                    update.execute(params![
                        s.tiers.floor,
                        s.tiers.base,
                        s.tiers.challenge,
                        s.tiers.sprint,
                        s.locked as i64,
                        s.commitment,
                        id
                    ])?;
                    id
                }
                (None, Some(s)) => {
                    let p = self.period(&key.2).cloned().ok_or_else(|| {
                        Error::new(
                            "bad_period",
                            format!("期间“{}”不在方案的财年内", key.2),
                            format!("Period \"{}\" is not in the plan's fiscal year", key.2),
                        )
                    })?;
                    insert.execute(params![
                        self.set_id,
                        self.metric_id,
                        key.0,
                        key.1,
                        key.2,
                        p.start.format("%Y-%m-%d").to_string(),
                        p.end.format("%Y-%m-%d").to_string(),
                        s.tiers.floor,
                        s.tiers.base,
                        s.tiers.challenge,
                        s.tiers.sprint,
                        s.locked as i64,
                        s.commitment
                    ])?;
                    let id = conn.last_insert_rowid();
                    if let Some(slot) = self.cells.get_mut(key) {
                        slot.id = Some(id);
                    }
                    id
                }
                (Some(id), None) => {
                    conn.execute("DELETE FROM target WHERE id = ?1", [id])?;
                    continue;
                }
                (None, None) => continue,
            };
            let Some(ch) = change else { continue };
            for tier in Tier::ALL {
                let o = before.and_then(|s| s.tiers.get(tier));
                let n = after.and_then(|s| s.tiers.get(tier));
                if o != n {
                    revision.execute(params![
                        id,
                        ch.at,
                        ch.who,
                        ch.category.as_str(),
                        ch.reason,
                        tier.as_str(),
                        o.unwrap_or(0),
                        n.unwrap_or(0),
                        ch.approver
                    ])?;
                }
            }
        }
        self.before.clear();
        self.touched.clear();
        Ok(changes)
    }
}
