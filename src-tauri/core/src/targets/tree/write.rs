//! Writing a tree's changes: new cells inserted, changed ones updated, removed ones deleted, and
//! on an approved plan one revision per tier that moved, with the change's own reason.

use super::batch::Batch;
use super::{CellState, Key, Tree};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::targets::store::Change;
use crate::targets::tiers::Tier;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// A cell a change touched: where, before and after (None: absent).
pub type Touched = (Key, Option<CellState>, Option<CellState>);

pub(crate) fn reason_required() -> Error {
    Error::new(
        Code::RevisionReasonRequired,
        "目标方案已审批：每次修改都须填写这次修改的原因",
        "The plan is approved: each change needs its own reason",
    )
}

fn bad_period(key: &str) -> Error {
    Error::new(
        Code::BadPeriod,
        format!("期间“{key}”不在方案的财年内"),
        format!("Period \"{key}\" is not in the plan's fiscal year"),
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
        let mut update = conn.prepare_cached(
            "UPDATE target SET floor_value = ?1, base_value = ?2, challenge_value = ?3, \
             sprint_value = ?4, locked = ?5, commitment = ?6 WHERE id = ?7",
        )?;
        let mut find = conn.prepare_cached(
            "SELECT id FROM target WHERE target_set_id = ?1 AND metric_id = ?2 AND org_unit_id = ?3 \
             AND IFNULL(dimension_id, 0) = IFNULL(?4, 0) AND period = ?5",
        )?;
        // New cells get their ids here, so they are known without reading them back.
        let mut next_id: i64 =
            conn.query_row("SELECT IFNULL(MAX(id), 0) FROM target", [], |r| r.get(0))?;
        let mut inserts = Batch::new(
            conn,
            "INSERT INTO target(id, target_set_id, metric_id, org_unit_id, dimension_id, period, \
             period_start, period_end, floor_value, base_value, challenge_value, sprint_value, \
             locked, commitment) VALUES",
            14,
        );
        let mut bounds: HashMap<String, (Value, Value)> = HashMap::new();
        let mut revisions: Vec<[Value; 9]> = Vec::new();
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
                    if !bounds.contains_key(&key.2) {
                        let p = self.period(&key.2).ok_or_else(|| bad_period(&key.2))?;
                        let day =
                            |d: chrono::NaiveDate| Value::Text(d.format("%Y-%m-%d").to_string());
                        bounds.insert(key.2.clone(), (day(p.start), day(p.end)));
                    }
                    let (start, end) = bounds[&key.2].clone();
                    next_id += 1;
                    let opt = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
                    inserts.push([
                        Value::Integer(next_id),
                        Value::Integer(self.set_id),
                        Value::Integer(self.metric_id),
                        Value::Integer(key.0),
                        opt(key.1),
                        Value::Text(key.2.clone()),
                        start,
                        end,
                        Value::Integer(s.tiers.floor),
                        Value::Integer(s.tiers.base),
                        Value::Integer(s.tiers.challenge),
                        opt(s.tiers.sprint),
                        Value::Integer(s.locked as i64),
                        opt(s.commitment),
                    ])?;
                    if let Some(slot) = self.cells.get_mut(key) {
                        slot.id = Some(next_id);
                    }
                    next_id
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
                    revisions.push([
                        Value::Integer(id),
                        Value::Text(ch.at.clone()),
                        Value::Text(ch.who.clone()),
                        Value::Text(ch.category.as_str().to_string()),
                        Value::Text(ch.reason.clone()),
                        Value::Text(tier.as_str().to_string()),
                        Value::Integer(o.unwrap_or(0)),
                        Value::Integer(n.unwrap_or(0)),
                        ch.approver.clone().map_or(Value::Null, Value::Text),
                    ]);
                }
            }
        }
        inserts.flush()?;
        // Revisions name their cells, so they follow the cells.
        let mut batch = Batch::new(
            conn,
            "INSERT INTO target_revision(target_id, at, who, reason_category, reason, tier, \
             old_value, new_value, approver) VALUES",
            9,
        );
        for r in revisions {
            batch.push(r)?;
        }
        batch.flush()?;
        self.before.clear();
        self.touched.clear();
        Ok(changes)
    }
}
