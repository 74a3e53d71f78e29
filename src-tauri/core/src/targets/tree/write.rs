//! Writing a tree's changes: new cells inserted, changed ones updated, removed ones deleted, and
//! on an approved plan one revision per tier that moved, with the change's own reason.

use super::store;
use super::{CellState, Key, Tree};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::targets::store::Change;
use crate::targets::tiers::Tier;
use rusqlite::Connection;
use rustc_hash::FxHashMap as HashMap;

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
        // The touched keys move into the list written (no key is copied); they are put back
        // when nothing is written.
        let mut changes: Vec<Touched> = std::mem::take(&mut self.touched)
            .into_iter()
            .map(|k| {
                let before = self.before.get(&k).copied().flatten();
                let after = self.get(&k);
                (k, before, after)
            })
            .collect();
        let put_back = |tree: &mut Tree, changes: Vec<Touched>| {
            tree.touched = changes.into_iter().map(|(k, _, _)| k).collect();
        };
        if changes.iter().all(|(_, b, a)| b == a) {
            put_back(self, changes);
            return Ok(Vec::new());
        }
        let tiers_moved = changes
            .iter()
            .any(|(_, b, a)| b.map(|s| s.tiers) != a.map(|s| s.tiers));
        let change = match (self.approved && tiers_moved, change) {
            (true, None) => {
                put_back(self, changes);
                return Err(reason_required());
            }
            (true, Some(c)) => Some(c),
            (false, _) => None,
        };
        changes.retain(|(_, b, a)| b != a);
        // New cells get their ids here, so they are known without reading them back.
        let mut next_id = store::max_cell_id(conn)?;
        let mut writer = store::CellWriter::new(conn, self.set_id, self.metric_id)?;
        // Each period's first and last day, written once per period.
        let mut bounds: HashMap<&str, (String, String)> = HashMap::default();
        let mut new_ids: Vec<(&Key, i64)> = Vec::new();
        for (key, before, after) in &changes {
            // A cell that did not exist before the change has no id yet.
            let id = match before.and_then(|_| self.id_of(key)) {
                Some(id) => Some(id),
                None if before.is_none() => None,
                None => store::cell_id(conn, self.set_id, self.metric_id, key)?,
            };
            let id = match (id, after) {
                (Some(id), Some(s)) => {
                    store::update_cell(conn, id, s)?;
                    id
                }
                (None, Some(s)) => {
                    if !bounds.contains_key(key.2.as_str()) {
                        let p = self.period(&key.2).ok_or_else(|| bad_period(&key.2))?;
                        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
                        bounds.insert(key.2.as_str(), (day(p.start), day(p.end)));
                    }
                    let (start, end) = &bounds[key.2.as_str()];
                    next_id += 1;
                    writer.insert(&store::NewCell {
                        id: next_id,
                        key,
                        start,
                        end,
                        state: s,
                    })?;
                    new_ids.push((key, next_id));
                    next_id
                }
                (Some(id), None) => {
                    store::delete_cell(conn, id)?;
                    continue;
                }
                (None, None) => continue,
            };
            let Some(ch) = change else { continue };
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
        drop(writer);
        for (key, id) in new_ids {
            if let Some(slot) = self.cells.get_mut(key) {
                slot.id = Some(id);
            }
        }
        self.before.clear();
        self.touched.clear();
        Ok(changes)
    }
}
