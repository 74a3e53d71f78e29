//! Building the grid: its periods (the columns, the year's months and quarters, the week plan),
//! the stored cells read as one tier (quarters and weeks derived from months where they are not
//! stored), and the organisation walked depth first into rows.

use super::weeks::WeekPlan;
use super::{
    current_set, dimension_members, refuse_sprint_when_off, CellKey, Grid, GridCell, GridColumn,
    GridRow, GridView, StoredCell,
};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::Result;
use crate::store::Workspace;
use crate::targets::store::grid::{self, Unit};
use crate::targets::store::{fiscal_start_month, set_ratios};
use crate::targets::tiers::{Tier, Tiers};
use crate::variance::DimFilter;
use std::collections::HashMap;

/// The periods of a grid.
struct Frame {
    year_key: String,
    months: Vec<String>,
    /// Each quarter with its months.
    quarters: Vec<(String, Vec<String>)>,
    week_plan: Option<WeekPlan>,
    columns: Vec<GridColumn>,
}

fn frame(ws: &Workspace, view: GridView, year: i32, start_month: u32) -> Result<Frame> {
    let year_key = year.to_string();
    let fy = parse_period(&year_key, start_month)?;
    let months: Vec<String> = fy
        .children(PeriodKind::Month, start_month)?
        .into_iter()
        .map(|p| p.key)
        .collect();
    let quarters: Vec<(String, Vec<String>)> = fy
        .children(PeriodKind::Quarter, start_month)?
        .into_iter()
        .map(|q| {
            let ms = q
                .children(PeriodKind::Month, start_month)
                .map(|v| v.into_iter().map(|p| p.key).collect())
                .unwrap_or_default();
            (q.key, ms)
        })
        .collect();
    let week_plan = match view {
        GridView::Week => Some(WeekPlan::new(
            &fy,
            start_month,
            &crate::variance::workspace_calendar(ws)?,
        )?),
        _ => None,
    };
    let column = |key: &String, kind| GridColumn {
        key: key.clone(),
        kind,
    };
    let mut columns: Vec<GridColumn> = match (view, &week_plan) {
        (GridView::Quarter, _) => quarters.iter().map(|(k, _)| column(k, "quarter")).collect(),
        (GridView::Month, _) => months.iter().map(|k| column(k, "month")).collect(),
        (GridView::Week, Some(plan)) => plan.keys.iter().map(|k| column(k, "week")).collect(),
        _ => vec![],
    };
    columns.push(column(&year_key, "year"));
    Ok(Frame {
        year_key,
        months,
        quarters,
        week_plan,
        columns,
    })
}

/// Every stored cell of the set for the metric: organisation cells (no dimension), and with a
/// cross the cells of that dimension's members.
fn stored_cells(
    ws: &Workspace,
    set_id: i64,
    metric: i64,
    cross: Option<&str>,
) -> Result<HashMap<CellKey, StoredCell>> {
    Ok(grid::grid_cells(ws.conn(), set_id, metric, cross)?
        .into_iter()
        .collect())
}

/// The stored cells read as one tier, on the grid's periods.
struct Cells<'a> {
    frame: &'a Frame,
    cells: HashMap<CellKey, StoredCell>,
    approved: HashMap<i64, Tiers>,
    tier: Tier,
}

impl Cells<'_> {
    fn value(&self, t: &Tiers) -> i64 {
        t.get(self.tier).unwrap_or(0)
    }

    fn stored(&self, unit: i64, member: Option<i64>, key: &str) -> Option<GridCell> {
        self.cells
            .get(&(unit, member, key.to_string()))
            .map(|(id, t, locked, _)| GridCell {
                id: Some(*id),
                value: self.value(t),
                locked: *locked,
                baseline: self.approved.get(id).and_then(|b| b.get(self.tier)),
                derived: false,
            })
    }

    fn year_of(&self, unit: i64, member: Option<i64>) -> Option<&StoredCell> {
        self.cells.get(&(unit, member, self.frame.year_key.clone()))
    }

    fn months_sum(&self, unit: i64, member: Option<i64>) -> Option<i64> {
        let ms: Vec<GridCell> = self
            .frame
            .months
            .iter()
            .filter_map(|m| self.stored(unit, member, m))
            .collect();
        (!ms.is_empty()).then(|| ms.iter().map(|c| c.value).sum())
    }

    /// A quarter's value: Σ of its stored months (locked when they all are).
    fn quarter(&self, unit: i64, member: Option<i64>, key: &str) -> Option<GridCell> {
        let ms = self
            .frame
            .quarters
            .iter()
            .find(|(k, _)| k == key)
            .map(|q| q.1.as_slice())
            .unwrap_or_default();
        let parts: Vec<GridCell> = ms
            .iter()
            .filter_map(|m| self.stored(unit, member, m))
            .collect();
        (!parts.is_empty()).then(|| GridCell {
            locked: parts.iter().all(|p| p.locked),
            ..derived(parts.iter().map(|p| p.value).sum())
        })
    }

    fn row_cells(&self, unit: i64, member: Option<i64>) -> Result<Vec<Option<GridCell>>> {
        let derived_weeks = match &self.frame.week_plan {
            Some(plan) => {
                let month_values: Vec<(&str, i64)> = self
                    .frame
                    .months
                    .iter()
                    .filter_map(|m| self.stored(unit, member, m).map(|c| (m.as_str(), c.value)))
                    .collect();
                let year = self.year_of(unit, member).map(|c| self.value(&c.1));
                plan.derive(&month_values, year)?
            }
            None => Vec::new(),
        };
        Ok(self
            .frame
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| match c.kind {
                "quarter" => self.quarter(unit, member, &c.key),
                "week" => self
                    .stored(unit, member, &c.key)
                    .or_else(|| derived_weeks.get(i).copied().flatten().map(derived)),
                _ => self.stored(unit, member, &c.key),
            })
            .collect())
    }
}

fn derived(value: i64) -> GridCell {
    GridCell {
        id: None,
        value,
        locked: false,
        baseline: None,
        derived: true,
    }
}

/// The organisation's rows, depth first in sort order, each unit followed by its member rows.
fn rows(ws: &Workspace, cells: &Cells, members: &[DimFilter]) -> Result<Vec<GridRow>> {
    let units: Vec<Unit> = grid::active_units(ws.conn())?;
    let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        children.entry(u.1).or_default().push(i);
    }
    let year_key = &cells.frame.year_key;
    let mut out = Vec::with_capacity(units.len() * (1 + members.len()));
    let mut stack: Vec<(usize, u32)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|&i| (i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        let (id, parent, kind, name) = &units[i];
        let kids = children.get(&Some(*id)).cloned().unwrap_or_default();
        let children_sum = (!kids.is_empty()).then(|| {
            kids.iter()
                .filter_map(|&k| cells.stored(units[k].0, None, year_key))
                .map(|c| c.value)
                .sum()
        });
        let kid_commitments: Vec<i64> = kids
            .iter()
            .filter_map(|&k| cells.year_of(units[k].0, None).and_then(|c| c.3))
            .collect();
        let member_years: Vec<i64> = members
            .iter()
            .filter_map(|m| cells.stored(*id, Some(m.member_id), year_key))
            .map(|c| c.value)
            .collect();
        out.push(GridRow {
            unit_id: *id,
            parent_id: *parent,
            kind: kind.clone(),
            name: name.clone(),
            depth,
            has_children: !kids.is_empty(),
            dimension_id: None,
            dimension_name: None,
            dimension_name_en: None,
            cells: cells.row_cells(*id, None)?,
            children_sum,
            months_sum: cells.months_sum(*id, None),
            members_sum: (!member_years.is_empty()).then(|| member_years.iter().sum()),
            commitment: cells.year_of(*id, None).and_then(|c| c.3),
            children_commitments: (!kid_commitments.is_empty())
                .then(|| kid_commitments.iter().sum()),
            year_id: cells.year_of(*id, None).map(|c| c.0),
        });
        for m in members {
            out.push(member_row(cells, &units[i], depth, m)?);
        }
        for &k in kids.iter().rev() {
            stack.push((k, depth + 1));
        }
    }
    Ok(out)
}

fn member_row(cells: &Cells, unit: &Unit, depth: u32, m: &DimFilter) -> Result<GridRow> {
    let (id, _, kind, name) = unit;
    let member = Some(m.member_id);
    Ok(GridRow {
        unit_id: *id,
        parent_id: Some(*id),
        kind: kind.clone(),
        name: name.clone(),
        depth: depth + 1,
        has_children: false,
        dimension_id: member,
        dimension_name: Some(m.name_zh.clone()),
        dimension_name_en: Some(m.name_en.clone()),
        cells: cells.row_cells(*id, member)?,
        children_sum: None,
        months_sum: cells.months_sum(*id, member),
        members_sum: None,
        commitment: cells.year_of(*id, member).and_then(|c| c.3),
        children_commitments: None,
        year_id: cells.year_of(*id, member).map(|c| c.0),
    })
}

/// The grid of the newest target set's revenue targets for one tier. With `cross` (a dimension
/// such as "product_line"), each organisation row is followed by one row per member of that
/// dimension showing the targets stored for (unit, member, period); the organisation row then
/// carries `members_sum`. In the week view a cell is the stored week target, else the week's
/// share of the row's months (or year) by working days, marked `derived`.
pub fn grid(ws: &Workspace, tier: Tier, view: GridView, cross: Option<&str>) -> Result<Grid> {
    let conn = ws.conn();
    let (set_id, set_name, approved, year, metric) = current_set(ws)?;
    let ratios = set_ratios(conn, set_id)?;
    refuse_sprint_when_off(tier, &ratios)?;
    let members = match cross {
        Some(dim) => dimension_members(ws, dim)?,
        None => Vec::new(),
    };
    let frame = frame(ws, view, year, fiscal_start_month(conn, set_id)?)?;
    let cells = Cells {
        frame: &frame,
        cells: stored_cells(ws, set_id, metric, cross)?,
        approved: crate::targets::baseline::baseline(conn, set_id)?,
        tier,
    };
    let rows = rows(ws, &cells, &members)?;
    Ok(Grid {
        target_set_id: set_id,
        set_name,
        approved,
        fiscal_year: year,
        tier,
        ratios,
        view,
        cross: cross.map(str::to_string),
        columns: frame.columns,
        rows,
    })
}
