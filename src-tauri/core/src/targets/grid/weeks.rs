//! Weeks in the grid: the fiscal year's ISO weeks as columns, week values derived from the
//! month (or year) cells by working days, and storing a row's weeks so they can be edited and
//! locked like any cell.

use super::super::store::{
    fiscal_start_month, get_target, period_children, store_weeks_from_months, Change, TargetCell,
};
use super::CellSnapshot;
use crate::calendar::{parse_period, Period, PeriodKind, WorkCalendar};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::split::largest_remainder;
use crate::store::Workspace;
use std::collections::HashMap;

/// Working days of each period; calendar days when none of them has a working day.
fn day_weights(periods: &[Period], cal: &WorkCalendar) -> Vec<u128> {
    let w: Vec<u128> = periods
        .iter()
        .map(|p| p.working_days(cal).max(0) as u128)
        .collect();
    if w.iter().any(|v| *v > 0) {
        return w;
    }
    periods
        .iter()
        .map(|p| ((p.end - p.start).num_days() + 1).max(0) as u128)
        .collect()
}

/// A period's weeks as (week column, weight).
type Parts = Vec<(usize, u128)>;

/// The week columns of one fiscal year and how its months and the year spread over them.
pub(super) struct WeekPlan {
    pub keys: Vec<String>,
    months: HashMap<String, Parts>,
    year: Parts,
}

impl WeekPlan {
    pub fn new(fy: &Period, start_month: u32, cal: &WorkCalendar) -> Result<WeekPlan> {
        let weeks = fy.children(PeriodKind::Week, start_month)?;
        let keys: Vec<String> = weeks.iter().map(|w| w.key.clone()).collect();
        let index: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let parts = |periods: &[Period]| -> Parts {
            periods
                .iter()
                .zip(day_weights(periods, cal))
                .filter_map(|(p, w)| index.get(p.key.as_str()).map(|i| (*i, w)))
                .collect()
        };
        let mut months = HashMap::new();
        for m in fy.children(PeriodKind::Month, start_month)? {
            let ws = m.children(PeriodKind::Week, start_month)?;
            months.insert(m.key.clone(), parts(&ws));
        }
        let year = parts(&weeks);
        Ok(WeekPlan { keys, months, year })
    }

    /// A row's week values derived from its stored months (each month spread over its weeks by
    /// working days, largest remainder, so the weeks add up exactly to the months), or from its
    /// year cell when it has no month; None for weeks nothing spreads into.
    pub fn derive(&self, months: &[(&str, i64)], year: Option<i64>) -> Result<Vec<Option<i64>>> {
        let mut out = vec![None; self.keys.len()];
        let mut spread = |value: i64, parts: &Parts| -> Result<()> {
            let weights: Vec<u128> = parts.iter().map(|p| p.1).collect();
            for ((i, _), v) in parts.iter().zip(largest_remainder(value, &weights)?) {
                *out[*i].get_or_insert(0) += v;
            }
            Ok(())
        };
        if months.is_empty() {
            if let Some(y) = year {
                spread(y, &self.year)?;
            }
        }
        for (key, value) in months {
            if let Some(parts) = self.months.get(*key) {
                spread(*value, parts)?;
            }
        }
        Ok(out)
    }
}

/// The stored week cells of a row (same set, metric, unit and dimension member), by key.
fn stored_weeks(ws: &Workspace, cell: &TargetCell) -> Result<HashMap<String, TargetCell>> {
    let conn = ws.conn();
    let start_month = fiscal_start_month(conn, cell.target_set_id)?;
    let ids = super::super::store::grid::week_ids(
        conn,
        cell.target_set_id,
        cell.metric_id,
        cell.org_unit_id,
        cell.dimension_id,
    )?;
    let mut out = HashMap::new();
    for id in ids {
        let c = get_target(conn, id)?;
        if parse_period(&c.period, start_month).is_ok_and(|p| p.kind == PeriodKind::Week) {
            out.insert(c.period.clone(), c);
        }
    }
    Ok(out)
}

/// Stores the ISO weeks of a cell's row (its unit and dimension member) from the row's stored
/// months, apportioned by working days (a week across a month boundary holds its parts of both
/// months), so the week cells become editable and lockable. `cell_id` is a month or the year
/// of the row. A locked week whose value would change is refused. Returns the weeks as they
/// were (a snapshot without tiers for a week that did not exist), for undo.
pub fn store_weeks(
    ws: &Workspace,
    cell_id: i64,
    change: Option<&Change>,
) -> Result<Vec<CellSnapshot>> {
    let conn = ws.conn();
    let cell = get_target(conn, cell_id)?;
    let start_month = fiscal_start_month(conn, cell.target_set_id)?;
    let kind = parse_period(&cell.period, start_month)?.kind;
    let month_id = match kind {
        PeriodKind::Month => cell.id,
        PeriodKind::Week | PeriodKind::Day => {
            return Err(Error::new(
                Code::WeeksNeedMonth,
                format!(
                    "“{}”不是月度或年度目标：请选择月度或年度单元格来生成周目标",
                    cell.period
                ),
                format!(
                "\"{}\" is not a month or year target: pick a month or the year to make its weeks",
                cell.period
            ),
            ))
        }
        _ => period_children(conn, &cell, PeriodKind::Month)?
            .first()
            .map(|m| m.id)
            .ok_or_else(|| {
                Error::new(
                    Code::NoMonthTargets,
                    format!(
                        "目标“{}”尚未拆分到月，请先按月拆分再生成周目标",
                        cell.period
                    ),
                    format!(
                        "Target \"{}\" has no months yet: split it into months before making weeks",
                        cell.period
                    ),
                )
            })?,
    };
    let before = stored_weeks(ws, &cell)?;
    let cal = crate::variance::workspace_calendar(ws)?;
    let savepoint = crate::store::Savepoint::begin(conn, "grid_weeks")?;
    let result = store_weeks_from_months(conn, month_id, &cal, change).and_then(|stored| {
        let mut snaps = Vec::with_capacity(stored.len());
        for c in &stored {
            match before.get(&c.period) {
                Some(b) if b.locked && b.tiers != c.tiers => {
                    return Err(Error::new(
                        Code::WeekLocked,
                        format!("周目标“{}”已锁定，无法按月重新生成；请先解锁", c.period),
                        format!(
                            "Week target \"{}\" is locked and cannot be regenerated from the months; unlock it first",
                            c.period
                        ),
                    ))
                }
                Some(b) => snaps.push(CellSnapshot {
                    id: b.id,
                    tiers: Some(b.tiers),
                    locked: b.locked,
                    commitment: b.commitment,
                }),
                None => snaps.push(CellSnapshot {
                    id: c.id,
                    tiers: None,
                    locked: false,
                    commitment: None,
                }),
            }
        }
        Ok(snaps)
    });
    if result.is_err() {
        savepoint.rollback()?;
    } else {
        savepoint.commit()?;
    }
    result
}
