//! The target tree of one plan and metric, held in memory while a change runs: every stored
//! cell by (unit, dimension member, period). A change (an edit, a pasted block, a deep split, a
//! fix, an undo) works on the tree, which keeps time and the organisation consistent:
//!
//! - time: on every row (unit × member) that has months, the year, halves and quarters stored
//!   are Σ of their months, stored weeks follow the months by working days;
//! - organisation: a parent edit spreads to, or keeps, its children; a child edit rebalances
//!   its siblings or rolls up; Σ children against a parent is checked against the plan's band.
//!
//! Then the touched cells are written in one savepoint, each with its revision when the plan is
//! approved, and the change becomes one step of the session's undo history.

pub mod check;
mod deep;
mod deep_dim;
#[cfg(test)]
mod deep_tests;
mod fill;
pub mod history;
mod joint;
mod load;
pub mod ops;
mod org;
mod period_key;
pub mod remember;
pub mod round;
pub mod rule;
mod step_codec;
mod store;
mod time;
mod undo;
mod write;

pub use check::{Allocation, CheckReport, TimeIssue};
pub use deep::{
    split_deep, split_deep_with, DeepRequest, DeepSplit, DimShares, LeafPart, MemberName,
    MemberShares, SplitProgress, Watch,
};
pub use ops::{CellEdit, CellRef, ChildrenWay, EditChoice, ParentWay};
pub use period_key::PeriodKey;
pub use rule::PlanRule;
pub use undo::undo_redo;

use super::tiers::{Tier, TierRatios, Tiers};
use crate::calendar::{Period, PeriodKind, WorkCalendar};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a cell sits: organisation unit, dimension member (None for the unit's own cell), period.
pub type Key = (i64, Option<i64>, PeriodKey);

/// A row of cells: organisation unit and dimension member.
pub(crate) type Row = (i64, Option<i64>);

/// What a cell holds; a step of the undo history keeps it before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellState {
    pub tiers: Tiers,
    pub locked: bool,
    pub commitment: Option<i64>,
}

/// A cell in the tree. A cell removed by the change under way keeps its slot (state None) until
/// the tree is dropped, so the index of every slot stays what `touched` recorded.
#[derive(Debug, Clone)]
struct Slot {
    id: Option<i64>,
    state: Option<CellState>,
    /// Where the cell is in `touched` once the change under way touched it.
    touched: Option<u32>,
}

/// Every cell by key, in the order loaded or created (a slot is found by key or by index).
type Cells = indexmap::IndexMap<Key, Slot, rustc_hash::FxBuildHasher>;

/// The fiscal year's periods, computed once.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    pub year: Period,
    pub months: Vec<Period>,
    /// Halves and quarters with the indexes of their months.
    pub groups: Vec<(Period, Vec<usize>)>,
    /// Every period of the year by key (year, halves, quarters, months, weeks).
    pub by_key: HashMap<String, Period>,
}

/// One plan and metric in memory.
pub struct Tree {
    pub set_id: i64,
    pub metric_id: i64,
    pub start_month: u32,
    pub fiscal_year: i32,
    pub approved: bool,
    pub ratios: TierRatios,
    pub rule: PlanRule,
    /// Only metrics that add up (sum aggregation) are kept consistent; rates are left alone.
    pub additive: bool,
    /// Currency metrics round to the plan's unit; counts and rates to 1.
    pub money: bool,
    pub(crate) cal: Calendar,
    /// Unit → parent, name, active.
    units: HashMap<i64, (Option<i64>, String, bool)>,
    /// Unit → child units in display order.
    kids: HashMap<i64, Vec<i64>>,
    /// Dimension member → its dimension.
    member_dim: HashMap<i64, String>,
    cells: Cells,
    /// Rows (unit, member) and the periods stored on each with their slots in `cells` (a row's
    /// cells are read from its list, without a look-up by key); ordered, so a unit's member rows
    /// are one range (a unit's families are found without scanning every row).
    rows: BTreeMap<Row, Vec<(PeriodKey, u32)>>,
    /// The cells the change under way touched, in the order first touched (so writes and
    /// history are stable): the slot's index in `cells` and its state before (None: absent).
    touched: Vec<(u32, Option<CellState>)>,
    work_calendar: Option<WorkCalendar>,
}

impl Tree {
    pub fn get(&self, key: &Key) -> Option<CellState> {
        self.cells.get(key).and_then(|s| s.state)
    }

    /// [`Tree::get`] by parts (a key is cheap to build: its period is held in place).
    pub(crate) fn get_at(&self, unit: i64, member: Option<i64>, period: &str) -> Option<CellState> {
        self.cells
            .get(&(unit, member, PeriodKey::new(period)))
            .and_then(|s| s.state)
    }

    pub fn id_of(&self, key: &Key) -> Option<i64> {
        self.cells
            .get(key)
            .filter(|s| s.state.is_some())
            .and_then(|s| s.id)
    }

    /// Whether a cell is stored.
    pub(crate) fn holds(&self, key: &Key) -> bool {
        self.get(key).is_some()
    }

    pub fn unit_name(&self, unit: i64) -> &str {
        self.units.get(&unit).map(|u| u.1.as_str()).unwrap_or("")
    }

    pub fn parent_unit(&self, unit: i64) -> Option<i64> {
        self.units.get(&unit).and_then(|u| u.0)
    }

    /// The unit's path from the root, e.g. `/华东/华东一组` (the root itself is `/`).
    pub fn unit_path(&self, unit: i64) -> String {
        let mut names = Vec::new();
        let mut at = Some(unit);
        while let Some(u) = at {
            let Some((parent, name, _)) = self.units.get(&u) else {
                break;
            };
            if parent.is_some() {
                names.push(name.clone());
            }
            at = *parent;
        }
        names.reverse();
        format!("/{}", names.join("/"))
    }

    /// The unit at a path such as `/华东/华东一组` (`/` is the root). A person back in a former
    /// team has a row per stint under one path: the active row, else the latest (highest id).
    pub fn unit_by_path(&self, path: &str) -> Option<i64> {
        let want = format!("/{}", path.trim().trim_matches('/'));
        self.units
            .iter()
            .filter(|(u, _)| self.unit_path(**u) == want)
            .max_by_key(|(u, (_, _, active))| (*active, **u))
            .map(|(u, _)| *u)
    }

    /// Active child units, in display order.
    pub fn active_kids(&self, unit: i64) -> Vec<i64> {
        self.kids
            .get(&unit)
            .map(|k| {
                k.iter()
                    .copied()
                    .filter(|c| self.units.get(c).is_some_and(|u| u.2))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) fn all_kids(&self, unit: i64) -> &[i64] {
        self.kids.get(&unit).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn period(&self, key: &str) -> Option<&Period> {
        self.cal.by_key.get(key)
    }

    pub fn kind_of(&self, key: &str) -> Option<PeriodKind> {
        self.period(key).map(|p| p.kind)
    }

    /// Every cell, for checks and tests.
    pub fn cells(&self) -> impl Iterator<Item = (&Key, CellState)> {
        self.cells
            .iter()
            .filter_map(|(k, s)| s.state.map(|state| (k, state)))
    }

    /// The periods stored on a row, each with its cell's slot.
    pub(crate) fn row_cells(&self, row: Row) -> &[(PeriodKey, u32)] {
        self.rows.get(&row).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The state of the cell in a slot (None: removed).
    pub(crate) fn slot_state(&self, i: u32) -> Option<CellState> {
        self.cells.get_index(i as usize).and_then(|(_, s)| s.state)
    }

    /// A cell of a row by period, found in the row's list (`row_cells`).
    pub(crate) fn in_row(&self, cells: &[(PeriodKey, u32)], period: &str) -> Option<CellState> {
        let (_, i) = cells.iter().find(|(p, _)| p.as_str() == period)?;
        self.slot_state(*i)
    }

    /// Sets (or with None removes) a cell, remembering its first state for the write and undo.
    pub(crate) fn put(&mut self, key: &Key, state: Option<CellState>) {
        self.update(key, |_| state, true);
    }

    /// Sets a cell to what `f` makes of its state (None: absent), in one look-up; `always`
    /// counts the cell as touched even when its state stays the same.
    fn update(
        &mut self,
        key: &Key,
        f: impl FnOnce(Option<CellState>) -> Option<CellState>,
        always: bool,
    ) {
        let next = self.touched.len() as u32;
        let (i, slot) = match self.cells.entry(key.clone()) {
            indexmap::map::Entry::Occupied(e) => (e.index() as u32, e.into_mut()),
            indexmap::map::Entry::Vacant(e) => {
                // Removing a cell that is not there changes nothing.
                let Some(state) = f(None) else {
                    return;
                };
                let i = e.index() as u32;
                e.insert(Slot {
                    id: None,
                    state: Some(state),
                    touched: Some(next),
                });
                self.touched.push((i, None));
                let room = self.cal.months.len() + 1;
                self.rows
                    .entry((key.0, key.1))
                    .or_insert_with(|| Vec::with_capacity(room))
                    .push((key.2.clone(), i));
                return;
            }
        };
        let was = slot.state;
        let state = f(was);
        if state == was && !always {
            return;
        }
        if slot.touched.is_none() {
            slot.touched = Some(next);
            self.touched.push((i, was));
        }
        slot.state = state;
        match (was.is_some(), state.is_some()) {
            (false, true) => self
                .rows
                .entry((key.0, key.1))
                .or_default()
                .push((key.2.clone(), i)),
            (true, false) => {
                if let Some(r) = self.rows.get_mut(&(key.0, key.1)) {
                    r.retain(|(p, _)| *p != key.2);
                }
            }
            _ => {}
        }
    }

    /// A touched cell's state before the change under way (None: absent); None when the change
    /// has not touched it.
    pub(crate) fn before(&self, key: &Key) -> Option<Option<CellState>> {
        let at = self.cells.get(key)?.touched?;
        self.touched.get(at as usize).map(|t| t.1)
    }

    /// Whether the change under way removes any stored cell.
    pub(crate) fn removes_cells(&self) -> bool {
        self.touched
            .iter()
            .any(|&(i, before)| before.is_some() && self.slot_state(i).is_none())
    }

    /// Room for `n` more touched cells (a deep split knows roughly how many it will write), so
    /// the maps are not grown again and again while it runs.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.cells.reserve(n);
        self.touched.reserve(n);
    }

    /// Sets the tiers of a cell (a new cell is unlocked, without a commitment).
    pub(crate) fn put_tiers(&mut self, key: &Key, tiers: Tiers) {
        let state = |now: Option<CellState>| match now {
            Some(s) => Some(CellState { tiers, ..s }),
            None => Some(CellState {
                tiers,
                locked: false,
                commitment: None,
            }),
        };
        self.update(key, state, false);
    }

    /// The cells a change touched: key, before, after (only those that differ), in order.
    pub fn changes(&self) -> Vec<(Key, Option<CellState>, Option<CellState>)> {
        self.touched
            .iter()
            .filter_map(|&(i, before)| {
                let (k, slot) = self.cells.get_index(i as usize)?;
                (before != slot.state).then(|| (k.clone(), before, slot.state))
            })
            .collect()
    }

    /// Zero tiers in the plan's shape (a sprint tier when the plan has one).
    pub(crate) fn zero(&self) -> Tiers {
        Tiers {
            sprint: self.ratios.sprint_bp.map(|_| 0),
            ..Tiers::default()
        }
    }

    /// The tiers of a base value under the plan's ratios.
    pub fn tiers_of(&self, base: i64) -> Tiers {
        self.ratios.tiers(base)
    }

    /// One tier changed, the others kept (setting the base moves every tier with the ratios).
    pub fn with_tier(&self, old: Tiers, tier: Tier, value: i64) -> Tiers {
        match tier {
            Tier::Base => {
                // A plan without a sprint ratio keeps a sprint typed by hand.
                let t = self.ratios.tiers(value);
                Tiers {
                    sprint: t.sprint.or(old.sprint),
                    ..t
                }
            }
            Tier::Floor => Tiers {
                floor: value,
                ..old
            },
            Tier::Challenge => Tiers {
                challenge: value,
                ..old
            },
            Tier::Sprint => Tiers {
                sprint: Some(value),
                ..old
            },
        }
    }
}

/// Σ of tiers.
pub(crate) fn sum_tiers<'a>(it: impl IntoIterator<Item = &'a Tiers>) -> Tiers {
    it.into_iter().fold(Tiers::default(), |a, b| a + *b)
}

#[cfg(test)]
mod exact_tests;
#[cfg(test)]
mod last_year_tests;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod tests;
