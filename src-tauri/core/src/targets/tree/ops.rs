//! The changes a user makes on a plan's targets, each one step of the undo history: edit cells
//! (one, or a pasted block), lock, split all the way down, fix an inconsistency, undo, redo.

use super::check::{Allocation, CheckReport};
use super::history::{self, HistoryStep};
use super::org::{Shape, Spread};
use super::time::locked_error;
use super::{CellState, Key, PeriodKey, PlanRule, Tree};
use crate::calendar::PeriodKind;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::bulk::BulkMode;
use crate::store::{atomic, Workspace};
use crate::targets::store::Change;
use crate::targets::tiers::{Tier, Tiers};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which plan and metric: the newest plan of `year` (or the newest plan) and a metric code
/// (revenue by default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSel {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub metric: Option<String>,
}

/// A cell by place. JSON: `{"unitId":3,"dimensionId":null,"period":"2026-Q2"}` — quarters and
/// halves are addressed like stored cells even when they are derived from their months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellRef {
    pub unit_id: i64,
    #[serde(default)]
    pub dimension_id: Option<i64>,
    pub period: String,
}

impl CellRef {
    pub(super) fn key(&self) -> Key {
        (
            self.unit_id,
            self.dimension_id,
            PeriodKey::from(&self.period),
        )
    }
}

/// One typed or pasted value: `{"unitId":3,"period":"2026-03","tier":"base","value":500000000}`
/// (fen for money, units for counts, basis points for rates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellEdit {
    #[serde(flatten)]
    pub cell: CellRef,
    pub tier: Tier,
    pub value: i64,
}

/// What a parent's children do when the parent changes: `"spread"` (in their current shape,
/// all the way down; the default) or `"keep"` (the gap shows).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChildrenWay {
    #[default]
    Spread,
    Keep,
}

/// What a child's parent does when the child changes: `"keep"` (the default; the gap shows),
/// `"rebalance"` (the siblings take the opposite change, the parent stays) or `"rollUp"` (the
/// parent becomes the sum, and so on up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ParentWay {
    #[default]
    Keep,
    Rebalance,
    RollUp,
}

/// The answer to "what about the children / the parent?": `{"children":"spread","parent":"rollUp"}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditChoice {
    #[serde(default)]
    pub children: ChildrenWay,
    #[serde(default)]
    pub parent: ParentWay,
}

/// The one-click fixes: `"spread"` (the children follow the parent), `"rollUp"` (the parent
/// becomes the sum of the children), `"spreadYear"` (the months follow the year) and
/// `"sumMonths"` (the year and quarters become Σ months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Fix {
    Spread,
    RollUp,
    SpreadYear,
    SumMonths,
}

/// What a change did: its history step (None when nothing changed), how many cells it wrote,
/// and what is left inconsistent afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepOutcome {
    pub step: Option<i64>,
    pub changed: usize,
    pub time_issues: usize,
    pub outside_rule: usize,
}

/// Loads the selected plan.
pub fn load(ws: &Workspace, plan: &PlanSel) -> Result<Tree> {
    let metric = plan.metric.as_deref().unwrap_or("revenue");
    let (set, metric) = super::load::find_plan(ws.conn(), plan.year, metric)?;
    Tree::load(ws, set, metric)
}

/// Changes of at least this many cells are written in bulk mode.
const BULK_CELLS: usize = 5_000;

/// Writes the tree's changes and records them as one history step.
pub(super) fn commit(
    ws: &Workspace,
    tree: &mut Tree,
    change: Option<&Change>,
    label: &str,
) -> Result<StepOutcome> {
    let conn = ws.conn();
    let (set, metric) = (tree.set_id, tree.metric_id);
    // Many cells at once (a deep split) are written as a bulk write: foreign keys are not
    // re-checked row by row (every id comes from the tree loaded by this change) and the log
    // is checkpointed afterwards, off the user's path. Not when cells are deleted: their
    // revisions go with them by the foreign keys' cascade.
    let bulk = tree.touched.len() >= BULK_CELLS && conn.is_autocommit() && !tree.removes_cells();
    let _bulk = if bulk {
        Some(BulkMode::enter(conn)?)
    } else {
        None
    };
    let (step, changed) = atomic(conn, || {
        let cells = tree.write(conn, change)?;
        Ok((
            history::record(conn, set, metric, label, &cells)?,
            cells.len(),
        ))
    })?;
    Ok(outcome(tree, step, changed))
}

pub(super) fn outcome(tree: &Tree, step: Option<i64>, changed: usize) -> StepOutcome {
    let (time_issues, outside_rule) = tree.issue_counts();
    StepOutcome {
        step,
        changed,
        time_issues,
        outside_rule,
    }
}

pub(super) fn no_cell(key: &Key) -> Error {
    Error::new(
        Code::TargetNotFound,
        format!("单元 {} 在期间“{}”没有目标", key.0, key.2),
        format!("Unit {} has no target for \"{}\"", key.0, key.2),
    )
}

impl Tree {
    pub(super) fn check_place(&self, key: &Key) -> Result<()> {
        if !self.units.contains_key(&key.0) {
            return Err(Error::new(
                Code::OrgUnitNotFound,
                format!("找不到编号为 {} 的组织单元", key.0),
                format!("Organisation unit {} not found", key.0),
            ));
        }
        if self.period(&key.2).is_none() {
            return Err(Error::new(
                Code::BadPeriod,
                format!("期间“{}”不在方案的 {} 财年内", key.2, self.fiscal_year),
                format!(
                    "Period \"{}\" is not in the plan's fiscal year {}",
                    key.2, self.fiscal_year
                ),
            ));
        }
        Ok(())
    }

    /// The current tiers at a key: stored, or summed from its months (a derived quarter).
    pub(super) fn current(&self, key: &Key) -> Tiers {
        if let Some(s) = self.get(key) {
            return s.tiers;
        }
        let Some(p) = self.period(&key.2) else {
            return self.zero();
        };
        let months: Vec<Tiers> = self
            .cal
            .months
            .iter()
            .filter(|m| p.start <= m.start && m.end <= p.end)
            .filter_map(|m| self.get_at(key.0, key.1, &m.key).map(|s| s.tiers))
            .collect();
        if months.is_empty() {
            self.zero()
        } else {
            super::sum_tiers(&months)
        }
    }

    /// One edit on the tree (no write): time follows, then the children and the parent as chosen.
    pub fn apply_edit(&mut self, edit: &CellEdit, choice: EditChoice) -> Result<()> {
        let key = edit.cell.key();
        self.check_place(&key)?;
        if self.get(&key).is_some_and(|s| s.locked) {
            return Err(locked_error(&format!(
                "{} {}",
                self.unit_name(key.0),
                key.2
            )));
        }
        // A Keep edit leaves the parent as it is: only its own row needs months.
        self.prepare_months(
            (key.0, key.1),
            choice.parent != ParentWay::Keep,
            choice.children == ChildrenWay::Spread,
        )?;
        let new = self.with_tier(self.current(&key), edit.tier, edit.value);
        let drivers = self.set_in_time(&key, new)?;
        if !self.additive {
            return Ok(());
        }
        for d in &drivers {
            if choice.children == ChildrenWay::Spread {
                let mut spread = Spread {
                    depth: None,
                    shape: Shape::Current,
                    create: false,
                    weights: HashMap::new(),
                    tick: None,
                };
                self.spread_down(std::slice::from_ref(d), &mut spread)?;
            }
            match choice.parent {
                ParentWay::Keep => {}
                ParentWay::RollUp => self.roll_up(&d.0)?,
                ParentWay::Rebalance => self.rebalance(d)?,
            }
        }
        Ok(())
    }

    /// Locks or unlocks cells (quarters and halves are stored to be locked).
    pub fn apply_lock(&mut self, cell: &CellRef, locked: bool) -> Result<()> {
        let key = cell.key();
        self.check_place(&key)?;
        let state = match self.get(&key) {
            Some(s) => s,
            None if self.kind_of(&key.2).is_some_and(|k| k != PeriodKind::Week)
                && self.has_months((key.0, key.1)) =>
            {
                CellState {
                    tiers: self.current(&key),
                    locked: false,
                    commitment: None,
                }
            }
            None => return Err(no_cell(&key)),
        };
        self.put(&key, Some(CellState { locked, ..state }));
        Ok(())
    }

    /// The units a deep split reaches from `unit`, depth first, with their depth below it.
    pub(super) fn reach(&self, unit: i64, depth: Option<u32>) -> Vec<(i64, u32)> {
        let mut out = Vec::new();
        let mut stack = vec![(unit, 0u32)];
        while let Some((u, d)) = stack.pop() {
            out.push((u, d));
            if depth.is_some_and(|max| d >= max) {
                continue;
            }
            for k in self.active_kids(u).into_iter().rev() {
                stack.push((k, d + 1));
            }
        }
        out
    }
}

/// Edits cells — one typed value, or a pasted block — as one change and one undo step.
pub fn edit(
    ws: &Workspace,
    plan: &PlanSel,
    edits: &[CellEdit],
    choice: EditChoice,
    change: Option<&Change>,
) -> Result<StepOutcome> {
    let mut tree = load(ws, plan)?;
    for e in edits {
        tree.apply_edit(e, choice)?;
    }
    let label = if edits.len() > 1 { "paste" } else { "edit" };
    commit(ws, &mut tree, change, label)
}

/// Locks or unlocks cells as one undo step.
pub fn lock(
    ws: &Workspace,
    plan: &PlanSel,
    cells: &[CellRef],
    locked: bool,
) -> Result<StepOutcome> {
    let mut tree = load(ws, plan)?;
    for c in cells {
        tree.apply_lock(c, locked)?;
    }
    commit(ws, &mut tree, None, "lock")
}

/// Records bottom-up commitments (None clears one) on year cells, as one undo step.
pub fn set_commitments(
    ws: &Workspace,
    plan: &PlanSel,
    commitments: &[(CellRef, Option<i64>)],
    label: &str,
) -> Result<StepOutcome> {
    let mut tree = load(ws, plan)?;
    for (c, v) in commitments {
        let key = c.key();
        let state = tree.get(&key).ok_or_else(|| no_cell(&key))?;
        tree.put(
            &key,
            Some(CellState {
                commitment: *v,
                ..state
            }),
        );
    }
    commit(ws, &mut tree, None, label)
}

/// A one-click fix of an inconsistency at a cell: the children follow the parent, the parent
/// becomes their sum, the months follow the year, or the year becomes Σ months.
pub fn fix(
    ws: &Workspace,
    plan: &PlanSel,
    cell: &CellRef,
    fix: Fix,
    change: Option<&Change>,
) -> Result<StepOutcome> {
    let mut tree = load(ws, plan)?;
    let key = cell.key();
    tree.check_place(&key)?;
    let state = tree.get(&key).ok_or_else(|| no_cell(&key))?;
    tree.prepare_months((key.0, key.1), fix == Fix::RollUp, fix == Fix::Spread)?;
    match fix {
        Fix::Spread => {
            let mut spread = Spread {
                depth: None,
                shape: Shape::Current,
                create: false,
                weights: HashMap::new(),
                tick: None,
            };
            // Drive from a zero "old" so the children are re-cut to 100% of the parent when
            // they lay outside the rule.
            let drivers = if tree.kind_of(&key.2).is_some_and(|k| k < PeriodKind::Month)
                && tree.has_months((key.0, key.1))
            {
                let p = tree.period(&key.2).cloned().ok_or_else(|| no_cell(&key))?;
                tree.cal
                    .months
                    .iter()
                    .filter(|m| p.start <= m.start && m.end <= p.end)
                    .map(|m| (key.0, key.1, PeriodKey::from(&m.key)))
                    .filter_map(|k| tree.get(&k).map(|s| (k, tree.zero(), s.tiers)))
                    .collect::<Vec<_>>()
            } else {
                vec![(key.clone(), tree.zero(), state.tiers)]
            };
            tree.spread_down(&drivers, &mut spread)?;
        }
        Fix::RollUp => {
            let kids: Vec<Key> = tree
                .families(&key, false)
                .into_iter()
                .flat_map(|(_, k)| k)
                .filter(|k| tree.get(k).is_some())
                .collect();
            let Some(first) = kids.first() else {
                return Err(no_cell(&key));
            };
            // Rolling up from any child sets the parent to the sum of its family.
            let first = first.clone();
            let sum = super::sum_tiers(
                &tree
                    .parent_family(&first)
                    .map(|(_, f)| {
                        f.iter()
                            .filter_map(|k| tree.get(k).map(|s| s.tiers))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
            );
            if state.locked {
                return Err(locked_error(&format!(
                    "{} {}",
                    tree.unit_name(key.0),
                    key.2
                )));
            }
            for (k, _, _) in tree.set_in_time(&key, sum)? {
                tree.roll_up(&k)?;
            }
        }
        Fix::SpreadYear => {
            let year = (key.0, key.1, PeriodKey::from(&tree.cal.year.key));
            let t = tree.get(&year).ok_or_else(|| no_cell(&year))?.tiers;
            tree.set_in_time(&year, t)?;
        }
        Fix::SumMonths => tree.sync_row((key.0, key.1))?,
    }
    commit(ws, &mut tree, change, "fix")
}

/// `targets check`: time issues and allocations outside the rule.
pub fn check(ws: &Workspace, plan: &PlanSel) -> Result<CheckReport> {
    Ok(load(ws, plan)?.check())
}

/// Every parent's allocation at one period (or at every period but weeks).
pub fn allocations(
    ws: &Workspace,
    plan: &PlanSel,
    period: Option<&str>,
) -> Result<Vec<Allocation>> {
    Ok(load(ws, plan)?.allocations(period))
}

/// The plan's rules.
pub fn rule(ws: &Workspace, plan: &PlanSel) -> Result<PlanRule> {
    let tree = load(ws, plan)?;
    Ok(tree.rule)
}

/// Stores the plan's rules (the cells keep their values; `check` shows what now lies outside).
pub fn set_rule(ws: &Workspace, plan: &PlanSel, rule: PlanRule) -> Result<CheckReport> {
    let (set, metric) = super::load::find_plan(
        ws.conn(),
        plan.year,
        plan.metric.as_deref().unwrap_or("revenue"),
    )?;
    super::rule::save_plan_rule(ws.conn(), set, rule)?;
    Ok(Tree::load(ws, set, metric)?.check())
}

/// The session's history of target changes, oldest first.
pub fn history_steps(ws: &Workspace) -> Result<Vec<HistoryStep>> {
    history::steps(ws.conn())
}
