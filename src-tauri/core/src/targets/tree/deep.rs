//! The deep split: a cell split down every level below it (or some levels), each node's
//! children sharing it by a split method, locks honoured at every level, in round numbers, as
//! one undo step — with a preview of the leaf level.

use super::ops::{commit, load, no_cell, outcome, CellRef, PlanSel, StepOutcome};
use super::org::{Shape, Spread};
use super::{Key, Tree};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::targets::grid::SplitChoice;
use crate::targets::store::{Change, ChildPlace};
use crate::targets::tiers::Tiers;
use serde::Serialize;
use std::collections::HashMap;

/// A leaf of a deep split (its preview): the unit, its path and its tiers at the split period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeafPart {
    pub unit_id: i64,
    pub path: String,
    pub depth: u32,
    pub tiers: Tiers,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeepSplit {
    pub leaves: Vec<LeafPart>,
    pub outcome: StepOutcome,
}

/// Weights of the children of one node for a deep split by `choice`: the choice itself on the
/// first level; on deeper levels the same method when it applies to any node (even, capacity,
/// history, current), else the children's current shape.
fn level_weights(
    ws: &Workspace,
    tree: &Tree,
    top: &Key,
    parent: &Key,
    kids: &[Key],
    choice: &SplitChoice,
) -> Result<Vec<u128>> {
    let conn = ws.conn();
    let first = parent.0 == top.0 && parent.1 == top.1;
    let places = || -> Result<Vec<ChildPlace>> {
        let period = parse_period(&parent.2, tree.start_month)?;
        Ok(kids
            .iter()
            .map(|k| ChildPlace {
                org_unit_id: k.0,
                dimension_id: k.1,
                period: period.clone(),
            })
            .collect())
    };
    let current = || {
        kids.iter()
            .map(|k| tree.get(k).map_or(0, |s| s.tiers.base.max(0) as u128))
            .collect::<Vec<_>>()
    };
    let method = match choice {
        SplitChoice::Even => return Ok(vec![1; kids.len()]),
        SplitChoice::Current => return Ok(current()),
        SplitChoice::Capacity => {
            let ids: Vec<i64> = kids.iter().map(|k| k.0).collect();
            crate::targets::store::capacity_method(conn, &ids)?
        }
        SplitChoice::History => crate::split::Method::History(
            crate::targets::history::last_year_actuals(conn, tree.metric_id, &places()?)?,
        ),
        _ if first => {
            let id = tree.id_of(top).ok_or_else(|| no_cell(top))?;
            crate::targets::grid::choice_method(ws, id, &places()?, choice)?
        }
        _ => return Ok(current()),
    };
    method.weights()
}

/// Splits a cell down every level below it (or `depth` levels): each node's children share it
/// by `choice` (locked cells keep their values at every level), every level's months in the
/// node's months' shape, multiples of the plan's rounding unit. With `preview` nothing is
/// written and the leaves show what the split would give.
pub fn split_deep(
    ws: &Workspace,
    plan: &PlanSel,
    cell: &CellRef,
    choice: &SplitChoice,
    depth: Option<u32>,
    change: Option<&Change>,
    preview: bool,
) -> Result<DeepSplit> {
    let mut tree = load(ws, plan)?;
    let top = cell.key();
    tree.check_place(&top)?;
    let tiers = tree
        .get(&top)
        .map(|s| s.tiers)
        .ok_or_else(|| no_cell(&top))?;
    if tree.active_kids(top.0).is_empty() {
        return Err(Error::new(
            "no_children",
            "这个组织单元没有下级，无法向下拆分",
            "This unit has no sub-units to split into",
        ));
    }
    let row = (top.0, top.1);
    // Rows that hold only a year get months first, in step with their parents and children.
    tree.prepare_months(row, true, true)?;
    let period = tree.period(&top.2).cloned().ok_or_else(|| no_cell(&top))?;
    if period.kind == PeriodKind::Year && !tree.has_months(row) {
        tree.materialise_months(row)?;
    }
    let drivers: Vec<(Key, Tiers, Tiers)> =
        if period.kind < PeriodKind::Month && tree.has_months(row) {
            tree.cal
                .months
                .iter()
                .filter(|m| period.start <= m.start && m.end <= period.end)
                .map(|m| (row.0, row.1, m.key.clone()))
                .filter_map(|k| tree.get(&k).map(|s| (k, s.tiers, s.tiers)))
                .collect()
        } else {
            vec![(top.clone(), tiers, tiers)]
        };
    let year_key = tree.cal.year.key.clone();
    let mut weigh = |t: &Tree, parent: &Key, kids: &[Key]| -> Result<Vec<u128>> {
        let at_year = |k: &Key| (k.0, k.1, year_key.clone());
        let kids_year: Vec<Key> = kids.iter().map(at_year).collect();
        level_weights(ws, t, &top, &at_year(parent), &kids_year, choice)
    };
    let mut spread = Spread {
        depth,
        shape: Shape::Method(&mut weigh),
        create: true,
        weights: HashMap::new(),
    };
    tree.spread_down(&drivers, &mut spread)?;
    drop(spread);
    let reach = tree.reach(top.0, depth);
    let leaves = reach
        .iter()
        .filter(|(u, d)| *d > 0 && (tree.active_kids(*u).is_empty() || depth == Some(*d)))
        .map(|(u, d)| {
            let k = (*u, top.1, top.2.clone());
            let s = tree.get(&k);
            LeafPart {
                unit_id: *u,
                path: tree.unit_path(*u),
                depth: *d,
                tiers: tree.current(&k),
                locked: s.is_some_and(|s| s.locked),
            }
        })
        .collect();
    let outcome = if preview {
        let changed = tree.changes().len();
        outcome(&tree, None, changed)
    } else {
        commit(ws, &mut tree, change, "split")?
    };
    Ok(DeepSplit { leaves, outcome })
}
