//! The deep split: a cell split down every level below it (or some levels), each node's
//! children sharing it by a split method, locks honoured at every level, in round numbers, as
//! one undo step — with a preview of the leaf level.

use super::deep_dim::{dimension_members, Across, Member};
pub use super::deep_dim::{DimShares, MemberShares};
use super::ops::{commit, load, no_cell, outcome, CellRef, PlanSel, StepOutcome};
use super::org::{Shape, Spread};
use super::{Key, PeriodKey, Tree};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::targets::grid::SplitChoice;
use crate::targets::store::{Change, ChildPlace};
use crate::targets::tiers::Tiers;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Leaves a split lists (the rest are counted and totalled).
pub const LEAF_ROWS: usize = 1_000;

/// A dimension member's name, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberName {
    pub zh: String,
    pub en: String,
}

/// A leaf of a deep split (its preview): the unit, its path and its tiers at the split period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeafPart {
    pub unit_id: i64,
    /// The dimension member of the leaf, when split across a dimension.
    pub dimension_id: Option<i64>,
    pub path: String,
    pub member: Option<MemberName>,
    pub depth: u32,
    pub tiers: Tiers,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeepSplit {
    /// The first [`LEAF_ROWS`] leaves.
    pub leaves: Vec<LeafPart>,
    pub leaf_count: usize,
    /// Σ every leaf, at the split period.
    pub totals: Tiers,
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

/// What a deep split does: the cell, the method, how many levels (None: every level), the
/// dimension whose members the leaves are split across (None: the organisation only), and
/// whether it only previews.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeepRequest {
    pub cell: CellRef,
    pub choice: SplitChoice,
    #[serde(default)]
    pub depth: Option<u32>,
    #[serde(default)]
    pub dim: Option<DimShares>,
    #[serde(default)]
    pub preview: bool,
}

/// How far a running deep split has got: rows done of all the rows it will fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitProgress {
    pub done: u64,
    pub total: u64,
}

/// Progress reports and the cancel flag of a running deep split.
pub struct Watch<'a> {
    pub progress: &'a mut dyn FnMut(SplitProgress),
    pub cancel: &'a AtomicBool,
}

fn cancelled() -> Error {
    Error::new(
        Code::Cancelled,
        "拆分已取消，没有写入任何内容",
        "The split was cancelled; nothing was written",
    )
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
    let req = DeepRequest {
        cell: cell.clone(),
        choice: choice.clone(),
        depth,
        dim: None,
        preview,
    };
    let cancel = AtomicBool::new(false);
    let watch = Watch {
        progress: &mut |_| {},
        cancel: &cancel,
    };
    split_deep_with(ws, plan, &req, change, watch)
}

/// [`split_deep`] as a [`DeepRequest`] (optionally across a dimension's members at the leaf
/// level, every unit above taking Σ its children per member), reporting progress and stopping
/// when `watch.cancel` is set — before anything is written, so a cancelled split leaves the
/// workspace and the undo history as they were.
pub fn split_deep_with(
    ws: &Workspace,
    plan: &PlanSel,
    req: &DeepRequest,
    change: Option<&Change>,
    watch: Watch,
) -> Result<DeepSplit> {
    let Watch { progress, cancel } = watch;
    let mut tree = load(ws, plan)?;
    let top = req.cell.key();
    if req.dim.is_some() && top.1.is_some() {
        return Err(Error::new(
            Code::AlreadyDimension,
            "这个目标已经属于某个维度成员，不能再按维度拆分",
            "This target already belongs to a dimension member and cannot be split along a dimension again",
        ));
    }
    tree.check_place(&top)?;
    let tiers = tree
        .get(&top)
        .map(|s| s.tiers)
        .ok_or_else(|| no_cell(&top))?;
    if tree.active_kids(top.0).is_empty() {
        return Err(Error::new(
            Code::NoChildren,
            "这个组织单元没有下级，无法向下拆分",
            "This unit has no sub-units to split into",
        ));
    }
    let members = match &req.dim {
        Some(d) => dimension_members(ws, &d.dim)?,
        None => Vec::new(),
    };
    let depth = req.depth;
    let reach = tree.reach(top.0, depth);
    let is_leaf =
        |t: &Tree, u: i64, d: u32| d > 0 && (t.active_kids(u).is_empty() || depth == Some(d));
    let leaf_units: Vec<i64> = reach
        .iter()
        .filter(|(u, d)| is_leaf(&tree, *u, *d))
        .map(|(u, _)| *u)
        .collect();
    let total = (reach.len() + if members.is_empty() { 0 } else { reach.len() }) as u64;
    let mut done = 0u64;
    let every = (total / 100).max(1);
    let mut tick = || -> Result<()> {
        if cancel.load(Ordering::SeqCst) {
            return Err(cancelled());
        }
        done += 1;
        if done.is_multiple_of(every) {
            progress(SplitProgress {
                done: done.min(total),
                total,
            });
        }
        Ok(())
    };
    // Every unit reached (on each member) takes its months and year.
    let rows_reached = reach.len() * members.len().max(1);
    tree.reserve(rows_reached * (tree.cal.months.len() + 1));
    let row = (top.0, top.1);
    // Rows that hold only a year get months first, in step with their parents and children.
    tree.prepare_months(row, true, true)?;
    let period = tree.period(&top.2).cloned().ok_or_else(|| no_cell(&top))?;
    if period.kind == PeriodKind::Year && !tree.has_months(row) {
        tree.materialise_months(row)?;
    }
    let months: Vec<PeriodKey> = if period.kind < PeriodKind::Month && tree.has_months(row) {
        tree.cal
            .months
            .iter()
            .filter(|m| period.start <= m.start && m.end <= period.end)
            .map(|m| PeriodKey::from(&m.key))
            .collect()
    } else {
        Vec::new()
    };
    let drivers: Vec<(Key, Tiers, Tiers)> = if months.is_empty() {
        vec![(top.clone(), tiers, tiers)]
    } else {
        months
            .iter()
            .map(|m| (row.0, row.1, m.clone()))
            .filter_map(|k| tree.get(&k).map(|s| (k, s.tiers, s.tiers)))
            .collect()
    };
    let year_key = PeriodKey::from(&tree.cal.year.key);
    let choice = &req.choice;
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
        tick: Some(&mut tick),
    };
    tree.spread_down(&drivers, &mut spread)?;
    drop(spread);
    if let Some(d) = &req.dim {
        let periods = if months.is_empty() {
            vec![top.2.clone()]
        } else {
            months
        };
        let across = Across {
            members: &members,
            shares: d.by,
            periods: &periods,
        };
        tree.split_members(ws, &reach, &leaf_units, &across, &mut tick)?;
    }
    if cancel.load(Ordering::SeqCst) {
        return Err(cancelled());
    }
    let (leaves, leaf_count, totals) = leaf_parts(&tree, &top, &reach, &leaf_units, &members);
    let outcome = if req.preview {
        let changed = tree.changes().len();
        outcome(&tree, None, changed)
    } else {
        commit(ws, &mut tree, change, "split")?
    };
    progress(SplitProgress { done: total, total });
    Ok(DeepSplit {
        leaves,
        leaf_count,
        totals,
        outcome,
    })
}

/// The first [`LEAF_ROWS`] leaves of a split (each leaf unit, or each of its members when split
/// across a dimension), how many there are, and their totals.
fn leaf_parts(
    tree: &Tree,
    top: &Key,
    reach: &[(i64, u32)],
    leaf_units: &[i64],
    members: &[Member],
) -> (Vec<LeafPart>, usize, Tiers) {
    let depth_of: HashMap<i64, u32> = reach.iter().copied().collect();
    let mut leaves = Vec::new();
    let mut count = 0;
    let mut totals = tree.zero();
    let places: Vec<(i64, Option<&Member>)> = leaf_units
        .iter()
        .flat_map(|u| {
            if members.is_empty() {
                vec![(*u, None)]
            } else {
                members.iter().map(|m| (*u, Some(m))).collect()
            }
        })
        .collect();
    for (u, m) in places {
        let k = (u, m.map(|m| m.id).or(top.1), top.2.clone());
        let tiers = tree.current(&k);
        totals = super::sum_tiers(&[totals, tiers]);
        count += 1;
        if leaves.len() >= LEAF_ROWS {
            continue;
        }
        leaves.push(LeafPart {
            unit_id: u,
            dimension_id: m.map(|m| m.id),
            path: tree.unit_path(u),
            member: m.map(|m| MemberName {
                zh: m.name_zh.clone(),
                en: m.name_en.clone(),
            }),
            depth: depth_of.get(&u).copied().unwrap_or(0),
            tiers,
            locked: tree.get(&k).is_some_and(|s| s.locked),
        });
    }
    (leaves, count, totals)
}
