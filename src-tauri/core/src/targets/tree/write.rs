//! Writing a tree's changes: new cells inserted, changed ones updated, removed ones deleted, and
//! on an approved plan one revision per tier that moved, with the change's own reason.

use super::store;
use super::{CellState, Key, PeriodKey, Tree};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::targets::store::Change;
use crate::targets::tiers::Tier;
use rusqlite::Connection;

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
        // Each touched cell is read through its slot's index: no key is looked up again.
        let states = |t: &Tree, i: u32| t.cells.get_index(i as usize).map(|(_, s)| s.state);
        let moved = |t: &Tree, i: u32, before: Option<CellState>| {
            states(t, i).is_some_and(|after| after != before)
        };
        if !self.touched.iter().any(|&(i, b)| moved(self, i, b)) {
            return Ok(Vec::new());
        }
        let tiers_moved = self.touched.iter().any(|&(i, b)| {
            states(self, i).is_some_and(|a| b.map(|s| s.tiers) != a.map(|s| s.tiers))
        });
        let change = match (self.approved && tiers_moved, change) {
            (true, None) => return Err(reason_required()),
            (true, Some(c)) => Some(c),
            (false, _) => None,
        };
        // New cells get their ids here, so they are known without reading them back.
        let mut next_id = store::max_cell_id(conn)?;
        let mut writer = store::CellWriter::new(conn, self.set_id, self.metric_id)?;
        // Each period's first and last day, written once per period.
        let mut bounds: Vec<(PeriodKey, String, String)> = Vec::new();
        let mut changes: Vec<Touched> = Vec::with_capacity(self.touched.len());
        for t in 0..self.touched.len() {
            let (i, before) = self.touched[t];
            let Some((key, slot)) = self.cells.get_index(i as usize) else {
                continue;
            };
            let after = slot.state;
            if before == after {
                continue;
            }
            let (key, known_id) = (key.clone(), slot.id);
            // A cell that did not exist before the change has no id yet.
            let id = match before.and(known_id) {
                Some(id) => Some(id),
                None if before.is_none() => None,
                None => store::cell_id(conn, self.set_id, self.metric_id, &key)?,
            };
            let id = match (id, &after) {
                (Some(id), Some(s)) => {
                    writer.flush()?;
                    store::update_cell(conn, id, s)?;
                    Some(id)
                }
                (None, Some(s)) => {
                    let at = match bounds.iter().position(|b| b.0 == key.2) {
                        Some(at) => at,
                        None => {
                            let p = self.period(&key.2).ok_or_else(|| bad_period(&key.2))?;
                            let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
                            bounds.push((key.2.clone(), day(p.start), day(p.end)));
                            bounds.len() - 1
                        }
                    };
                    let (_, start, end) = &bounds[at];
                    next_id += 1;
                    writer.insert(&store::NewCell {
                        id: next_id,
                        key: &key,
                        start,
                        end,
                        state: s,
                    })?;
                    Some(next_id)
                }
                (Some(id), None) => {
                    writer.flush()?;
                    store::delete_cell(conn, id)?;
                    None
                }
                (None, None) => None,
            };
            if let Some((_, slot)) = self.cells.get_index_mut(i as usize) {
                slot.id = id;
            }
            if let (Some(id), Some(ch)) = (id, change) {
                for tier in Tier::ALL {
                    let o = before.and_then(|s| s.tiers.get(tier));
                    let n = after.and_then(|s| s.tiers.get(tier));
                    if o != n {
                        writer.revision(&store::NewRevision {
                            target_id: id,
                            change: ch,
                            tier: tier.as_str(),
                            old: o.unwrap_or(0),
                            new: n.unwrap_or(0),
                        })?;
                    }
                }
            }
            changes.push((key, before, after));
        }
        writer.finish()?;
        for &(i, _) in &self.touched {
            if let Some((_, slot)) = self.cells.get_index_mut(i as usize) {
                slot.touched = None;
            }
        }
        self.touched.clear();
        Ok(changes)
    }
}
