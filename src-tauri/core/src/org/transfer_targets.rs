//! A transferred person's remaining targets: the months that start on or after the transfer
//! date move to their new row (and the old unit's chain gives them up while the new one takes
//! them on), or are re-split evenly among the old unit's other people. Coarser periods (quarter,
//! half, year) change by the sum of their moved months, so every level still adds up.

use super::store::transfer as store;
use crate::calendar::periods::{parse_period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::targets::store::{
    insert_target, update_tiers, Change, NewTarget, ReasonCategory, StoredPeriod,
};
use crate::targets::tiers::Tiers;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What happens to the remaining targets of a person who transfers.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Follow {
    /// They go with the person to the new unit.
    Move,
    /// They stay in the old unit, shared evenly by its other people.
    Resplit,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct YearChange {
    pub unit_id: i64,
    pub name: String,
    pub before: i64,
    pub after: i64,
}

#[derive(Debug, Clone)]
struct Cell {
    set: i64,
    metric: i64,
    dim: Option<i64>,
    period: StoredPeriod,
    kind: PeriodKind,
    tiers: Tiers,
}

fn neg(t: Tiers) -> Tiers {
    Tiers {
        floor: -t.floor,
        base: -t.base,
        challenge: -t.challenge,
        sprint: t.sprint.map(|s| -s),
    }
}

fn is_zero(t: &Tiers) -> bool {
    t.floor == 0 && t.base == 0 && t.challenge == 0 && t.sprint.unwrap_or(0) == 0
}

fn change() -> Change {
    crate::targets::grid::local_change(ReasonCategory::Resources, "人员调动 / transfer")
}

/// The person's cells in every plan that is not archived.
fn cells_of(conn: &Connection, unit: i64) -> Result<Vec<Cell>> {
    let mut out = Vec::new();
    for row in store::cells_of(conn, unit)? {
        let kind = parse_period(&row.period.key, row.start_month)?.kind;
        out.push(Cell {
            set: row.set,
            metric: row.metric,
            dim: row.dim,
            period: row.period,
            kind,
            tiers: row.tiers,
        });
    }
    Ok(out)
}

/// Adds `delta` to the unit's cell of the same plan, metric, member and period; a missing cell
/// is created when `create` (else left alone).
fn adjust(conn: &Connection, unit: i64, c: &Cell, delta: Tiers, create: bool) -> Result<()> {
    if is_zero(&delta) {
        return Ok(());
    }
    let found = store::cell(conn, (c.set, c.metric, unit, c.dim), &c.period.key)?;
    match found {
        Some((id, old)) => update_tiers(conn, id, old + delta, Some(&change())),
        None if create => insert_target(
            conn,
            NewTarget {
                target_set_id: c.set,
                metric_id: c.metric,
                org_unit_id: unit,
                dimension_id: c.dim,
                period: &c.period,
                tiers: delta,
                last_year_actual: None,
            },
        )
        .map(|_| ()),
        None => Ok(()),
    }
}

/// Moves or re-splits the person's targets from `day` on.
pub(super) fn follow(
    conn: &Connection,
    from: i64,
    to: i64,
    day: NaiveDate,
    how: Follow,
) -> Result<()> {
    let cells = cells_of(conn, from)?;
    let day_s = day.to_string();
    let moved: Vec<&Cell> = cells
        .iter()
        .filter(|c| c.kind == PeriodKind::Month && c.period.start >= day_s)
        .collect();
    // Who takes the moved months, with equal weights.
    let recipients: Vec<i64> = match how {
        Follow::Move => vec![to],
        Follow::Resplit => {
            let ids = store::colleagues(conn, from)?;
            if ids.is_empty() && !moved.is_empty() {
                return Err(Error::new(
                    Code::TransferNoOneToResplit,
                    "原团队没有其他在职人员可以分摊剩余目标：请选择“目标随人转移”",
                    "No one else in the old unit can take the remaining targets: let them move with the person",
                ));
            }
            ids
        }
    };
    // Each moved month's share per recipient.
    let mut shares: Vec<(&Cell, Vec<Tiers>)> = Vec::new();
    for m in &moved {
        shares.push((m, m.tiers.split(&vec![1u128; recipients.len()])?));
    }
    let chain_from = super::ancestry(conn, from)?;
    let chain_to = super::ancestry(conn, to)?;
    for c in cells.iter().filter(|c| c.kind <= PeriodKind::Month) {
        let inside = |m: &Cell| {
            m.set == c.set
                && m.metric == c.metric
                && m.dim == c.dim
                && m.period.start >= c.period.start
                && m.period.end <= c.period.end
        };
        let mut total = Tiers::default();
        let mut per: HashMap<i64, Tiers> = HashMap::new();
        for (m, parts) in shares.iter().filter(|(m, _)| inside(m)) {
            total = total + m.tiers;
            for (r, p) in recipients.iter().zip(parts) {
                let e = per.entry(*r).or_default();
                *e = *e + *p;
            }
        }
        if is_zero(&total) {
            continue;
        }
        adjust(conn, from, c, neg(total), false)?;
        // The new row takes every level the person had; others only get cells they lack at
        // month level (a year or quarter of theirs that is missing stays missing).
        let create = how == Follow::Move || c.kind == PeriodKind::Month;
        for (r, part) in &per {
            adjust(conn, *r, c, *part, create)?;
        }
        if how == Follow::Move {
            // The old chain gives the months up and the new one takes them on, up to the unit
            // both share (which keeps its target).
            for u in chain_from.iter().skip(1).filter(|u| !chain_to.contains(u)) {
                adjust(conn, *u, c, neg(total), false)?;
            }
            for u in chain_to.iter().skip(1).filter(|u| !chain_from.contains(u)) {
                adjust(conn, *u, c, total, false)?;
            }
        }
    }
    // Stored weeks and days after the date follow the person, or go (they derive from months).
    match how {
        Follow::Move => store::move_weeks_and_days(conn, from, to, &day_s),
        Follow::Resplit => store::drop_weeks_and_days(conn, from, &day_s),
    }
}

/// Every unit's base year target in the selected plan (revenue, no dimension).
pub(super) fn year_targets(conn: &Connection) -> Result<HashMap<i64, i64>> {
    let Some(set) = crate::setup::plan_year::current_set_id(conn)? else {
        return Ok(HashMap::new());
    };
    store::year_targets(conn, set)
}

pub(super) fn changes(
    conn: &Connection,
    before: &HashMap<i64, i64>,
    after: &HashMap<i64, i64>,
) -> Result<Vec<YearChange>> {
    let mut ids: Vec<i64> = before.keys().chain(after.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        let (b, a) = (
            before.get(&id).copied().unwrap_or(0),
            after.get(&id).copied().unwrap_or(0),
        );
        if a != b {
            let name = super::unit(conn, id)?.name;
            out.push(YearChange {
                unit_id: id,
                name,
                before: b,
                after: a,
            });
        }
    }
    Ok(out)
}
