//! The target grid: the organisation tree down the side (optionally crossed with a dimension:
//! each unit followed by one row per member), the periods across, one tier at a time; and the
//! edits the grid makes (a cell, a lock, a split with its preview, storing weeks, and undo).

mod build;
mod choice;
mod ratios;
mod split;
mod weeks;

pub use build::grid;
pub(crate) use choice::method as choice_method;
pub use choice::{BlendDriver, DriverMethod, SplitChoice};
pub use ratios::{restore_tier_ratios, set_tier_ratios, TierRatiosOutcome};
pub use split::{split_cell, SplitAxis, SplitOutcome, SplitPart};
pub use weeks::store_weeks;

use super::reconcile::{Gap, ReconcileWay};
use super::smart::{SmartCheck, SmartConfig};
use super::store::{
    fiscal_start_month, get_target, node_gap, org_children, period_children, reconcile_node,
    revisions, set_commitment, set_locked, set_ratios, smart_check_target, update_tiers, Change,
    Revision,
};
use super::tiers::{Tier, TierRatios, Tiers};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::variance::DimFilter;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GridView {
    Year,
    Quarter,
    Month,
    /// The fiscal year's ISO weeks (keys like 2026-W14).
    Week,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridColumn {
    pub key: String,
    /// "year", "quarter", "month" or "week".
    pub kind: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridCell {
    /// The stored cell; None for a derived value.
    pub id: Option<i64>,
    pub value: i64,
    pub locked: bool,
    /// The value as the plan was approved (审批基线); None for a draft plan, a derived value or
    /// a cell created after the approval.
    pub baseline: Option<i64>,
    /// Not stored: a quarter summed from its months, or a week apportioned from the months
    /// (or the year) by working days.
    pub derived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridRow {
    pub unit_id: i64,
    /// The unit's parent; for a dimension member row, the unit itself (the row it sits under).
    pub parent_id: Option<i64>,
    pub kind: String,
    /// The unit's name (also on its member rows; the member is in `dimension_name`).
    pub name: String,
    pub depth: u32,
    pub has_children: bool,
    /// The dimension member of a crossed row (None on organisation rows).
    pub dimension_id: Option<i64>,
    pub dimension_name: Option<String>,
    pub dimension_name_en: Option<String>,
    /// One per column; None where no target is stored (or derivable, for weeks).
    pub cells: Vec<Option<GridCell>>,
    /// Σ of the organisation children's year cells (top-down check), when there are children.
    pub children_sum: Option<i64>,
    /// Σ of this row's month cells, to compare with its year cell (time check).
    pub months_sum: Option<i64>,
    /// On an organisation row of a crossed grid: Σ of its members' year cells, when any member
    /// has one (to compare with the unit's year cell).
    pub members_sum: Option<i64>,
    /// The bottom-up side: this row's own commitment (on its year cell) and the sum of its
    /// organisation children's commitments when any child committed.
    pub commitment: Option<i64>,
    pub children_commitments: Option<i64>,
    /// The year cell, which holds the commitment.
    pub year_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    pub target_set_id: i64,
    pub set_name: String,
    pub approved: bool,
    pub fiscal_year: i32,
    pub tier: Tier,
    /// The plan's tier ratios; `ratios.sprintBp` is null when the plan has no sprint tier.
    pub ratios: TierRatios,
    pub view: GridView,
    /// The dimension the rows are crossed with, if any (e.g. "product_line").
    pub cross: Option<String>,
    pub columns: Vec<GridColumn>,
    pub rows: Vec<GridRow>,
}

/// A stored cell as the grid reads it: id, tiers, locked, commitment.
type StoredCell = (i64, Tiers, bool, Option<i64>);
/// Where a stored cell sits: unit, dimension member, period.
type CellKey = (i64, Option<i64>, String);

fn no_plan() -> Error {
    Error::new(
        Code::NoTargetSet,
        "工作区还没有目标方案：请先新建年度目标",
        "The workspace has no target plan yet: create the year's targets first",
    )
}

/// Refuses the sprint tier of a plan that has none (`sprint_tier_off`).
fn refuse_sprint_when_off(tier: Tier, ratios: &TierRatios) -> Result<()> {
    if tier == Tier::Sprint && ratios.sprint_bp.is_none() {
        return Err(Error::new(
            Code::SprintTierOff,
            "这个目标方案没有冲刺档：请先在档位比例中开启冲刺档",
            "This plan has no sprint tier: turn it on in the tier ratios first",
        ));
    }
    Ok(())
}

/// The selected year's target set and its revenue metric.
fn current_set(ws: &Workspace) -> Result<(i64, String, bool, i32, i64)> {
    crate::targets::store::grid::plan_header(
        ws.conn(),
        crate::selection::current_set_id(ws.conn())?,
    )?
    .ok_or_else(no_plan)
}

/// The dimensions a grid can be crossed with and a target split along (those actuals carry).
pub const DIMENSIONS: [&str; 3] = ["product_line", "customer_type", "channel"];

/// The members of a dimension the grid is crossed with or a target is split along, in display
/// order. An unknown dimension is refused.
pub fn dimension_members(ws: &Workspace, dim: &str) -> Result<Vec<DimFilter>> {
    if !DIMENSIONS.contains(&dim) {
        return Err(Error::new(
            Code::BadDimension,
            format!("维度“{dim}”无效：应为 product_line（产品线）、customer_type（客户类型）或 channel（渠道）"),
            format!("Unknown dimension \"{dim}\": expected product_line, customer_type or channel"),
        ));
    }
    DimFilter::members(ws.conn(), dim)
}

/// A cell as it was, for undo: its tiers and lock, or None when the cell did not exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellSnapshot {
    pub id: i64,
    pub tiers: Option<Tiers>,
    pub locked: bool,
    #[serde(default)]
    pub commitment: Option<i64>,
}

fn snapshot(ws: &Workspace, id: i64) -> Result<CellSnapshot> {
    let c = get_target(ws.conn(), id)?;
    Ok(CellSnapshot {
        id,
        tiers: Some(c.tiers),
        locked: c.locked,
        commitment: c.commitment,
    })
}

/// Sets one tier of a cell. Setting the base moves floor, challenge and sprint with the set's
/// ratios; another tier moves alone (the sprint only when the plan has a sprint tier). Returns
/// the cell as it was (for undo).
pub fn set_cell(
    ws: &Workspace,
    id: i64,
    tier: Tier,
    value: i64,
    change: Option<&Change>,
) -> Result<CellSnapshot> {
    let before = snapshot(ws, id)?;
    let cell = get_target(ws.conn(), id)?;
    let ratios = set_ratios(ws.conn(), cell.target_set_id)?;
    refuse_sprint_when_off(tier, &ratios)?;
    let new = match tier {
        Tier::Base => ratios.tiers(value),
        Tier::Floor => Tiers {
            floor: value,
            ..cell.tiers
        },
        Tier::Challenge => Tiers {
            challenge: value,
            ..cell.tiers
        },
        Tier::Sprint => Tiers {
            sprint: Some(value),
            ..cell.tiers
        },
    };
    update_tiers(ws.conn(), id, new, change)?;
    Ok(before)
}

/// Locks or unlocks a cell; returns the cell as it was.
pub fn lock_cell(ws: &Workspace, id: i64, locked: bool) -> Result<CellSnapshot> {
    let before = snapshot(ws, id)?;
    set_locked(ws.conn(), id, locked)?;
    Ok(before)
}

/// Puts cells back as they were (undo): tiers and locks; a snapshot without tiers deletes the
/// cell a split created.
pub fn restore_cells(
    ws: &Workspace,
    cells: &[CellSnapshot],
    change: Option<&Change>,
) -> Result<()> {
    let tx = ws.conn().unchecked_transaction()?;
    restore_in(&tx, cells, change)?;
    tx.commit()?;
    Ok(())
}

/// The body of [`restore_cells`], inside the caller's transaction.
fn restore_in(
    conn: &rusqlite::Connection,
    cells: &[CellSnapshot],
    change: Option<&Change>,
) -> Result<()> {
    for c in cells {
        match c.tiers {
            Some(t) => {
                update_tiers(conn, c.id, t, change)?;
                set_locked(conn, c.id, c.locked)?;
                set_commitment(conn, c.id, c.commitment)?;
            }
            None => {
                crate::targets::store::grid::delete_target(conn, c.id)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod choice_tests;
#[cfg(test)]
mod cross_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod week_tests;

/// Records a node's bottom-up commitment (None clears it); returns the cell as it was.
pub fn commit_cell(ws: &Workspace, id: i64, commitment: Option<i64>) -> Result<CellSnapshot> {
    let before = snapshot(ws, id)?;
    set_commitment(ws.conn(), id, commitment)?;
    Ok(before)
}

/// Reconciles a node with its children's commitments either way; returns the node and its
/// children as they were (for undo).
pub fn reconcile_cell(
    ws: &Workspace,
    id: i64,
    way: ReconcileWay,
    change: Option<&Change>,
) -> Result<Vec<CellSnapshot>> {
    let parent = get_target(ws.conn(), id)?;
    let mut before = vec![snapshot(ws, id)?];
    for c in org_children(ws.conn(), &parent)? {
        before.push(snapshot(ws, c.id)?);
    }
    reconcile_node(ws.conn(), id, way, change)?;
    Ok(before)
}

/// What the side panel shows for one cell: SMART flags, revisions, the bottom-up gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellDetail {
    pub id: i64,
    pub period: String,
    pub last_year_actual: Option<i64>,
    pub smart: SmartCheck,
    pub revisions: Vec<Revision>,
    /// Σ children's commitments against this target, when the unit has children.
    pub gap: Option<Gap>,
}

pub fn cell_detail(ws: &Workspace, id: i64) -> Result<CellDetail> {
    let conn = ws.conn();
    let cell = get_target(conn, id)?;
    let has_children = !org_children(conn, &cell)?.is_empty();
    Ok(CellDetail {
        id,
        period: cell.period.clone(),
        last_year_actual: cell.last_year_actual,
        smart: smart_check_target(conn, id, &SmartConfig::default())?,
        revisions: revisions(conn, id)?,
        gap: if has_children {
            Some(node_gap(conn, id)?)
        } else {
            None
        },
    })
}

/// A change made on this machine now, by its operating system user (revisions record who and
/// when); see [`change_by`] for a named author.
pub fn local_change(category: super::store::ReasonCategory, reason: &str) -> Change {
    change_by(&crate::settings::os_user_name(), category, reason)
}

/// A change made now by `who` (the user's name from Settings), with its own reason.
pub fn change_by(who: &str, category: super::store::ReasonCategory, reason: &str) -> Change {
    Change {
        who: who.to_string(),
        at: crate::now_stamp(),
        category,
        reason: reason.to_string(),
        approver: None,
    }
}

/// The grid as a table for CSV/XLSX: unit (indented by depth; a crossed row shows its member's
/// name under its unit), one money column per period (derived week cells included), and the
/// commitment; labels in the user's language.
pub fn grid_table(g: &Grid, lang: crate::Lang) -> crate::export::Table {
    use crate::export::{Cell, Table};
    let zh = lang == crate::Lang::Zh;
    let label = |c: &GridColumn| match (c.kind, zh) {
        ("year", true) => format!("{} 全年", c.key),
        ("year", false) => format!("FY{}", c.key),
        ("month", true) => format!("{}月", c.key[5..].trim_start_matches('0')),
        _ => c.key.clone(),
    };
    let mut headers = vec![if zh {
        "组织".to_string()
    } else {
        "Unit".to_string()
    }];
    headers.extend(g.columns.iter().map(label));
    headers.push(if zh {
        "承诺".into()
    } else {
        "Commitment".into()
    });
    let rows = g
        .rows
        .iter()
        .map(|r| {
            let name = match (&r.dimension_name, &r.dimension_name_en) {
                (Some(zh_name), _) if zh => zh_name,
                (_, Some(en_name)) => en_name,
                _ => &r.name,
            };
            let mut row = vec![Cell::Text(format!(
                "{}{}",
                "  ".repeat(r.depth as usize),
                name
            ))];
            row.extend(r.cells.iter().map(|c| {
                c.as_ref()
                    .map(|c| Cell::Money(c.value))
                    .unwrap_or(Cell::Empty)
            }));
            row.push(r.commitment.map(Cell::Money).unwrap_or(Cell::Empty));
            row
        })
        .collect();
    let tier = match (g.tier, zh) {
        (Tier::Floor, true) => "保底",
        (Tier::Base, true) => "基准",
        (Tier::Challenge, true) => "挑战",
        (Tier::Sprint, true) => "冲刺",
        (t, false) => t.as_str(),
    };
    Table {
        sheet: format!("{} {}", g.fiscal_year, tier),
        headers,
        rows,
    }
}

/// Revises a year target mid-year (目标调整): the months that began by the as-of day stay
/// frozen, the remaining months share the rest in their current proportions, every tier adds
/// up exactly. Returns the year and its months as they were (for undo).
pub fn revise_year(
    ws: &Workspace,
    year_id: i64,
    new_base: i64,
    change: Option<&Change>,
) -> Result<Vec<CellSnapshot>> {
    let conn = ws.conn();
    let year = get_target(conn, year_id)?;
    let months = period_children(conn, &year, PeriodKind::Month)?;
    let mut before = vec![snapshot(ws, year_id)?];
    for m in &months {
        before.push(snapshot(ws, m.id)?);
    }
    let tiers = set_ratios(conn, year.target_set_id)?.tiers(new_base);
    super::store::resplit_remaining(
        conn,
        year_id,
        tiers,
        PeriodKind::Month,
        crate::variance::as_of(ws)?,
        change,
    )?;
    Ok(before)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthCell {
    pub id: i64,
    pub period: String,
    pub tiers: Tiers,
    pub locked: bool,
}

/// The stored months of a unit inside a quarter (`2026-Q2`), in time order.
pub fn quarter_months(ws: &Workspace, unit_id: i64, quarter: &str) -> Result<Vec<MonthCell>> {
    let conn = ws.conn();
    let (set_id, _, _, _, metric) = current_set(ws)?;
    let start_month = fiscal_start_month(conn, set_id)?;
    let q = parse_period(quarter, start_month)?;
    let mut out = Vec::new();
    for m in q.children(PeriodKind::Month, start_month)? {
        if let Some(c) = super::store::find_target(conn, set_id, metric, unit_id, None, &m.key)? {
            out.push(MonthCell {
                id: c.id,
                period: c.period,
                tiers: c.tiers,
                locked: c.locked,
            });
        }
    }
    Ok(out)
}

/// A team re-paces the months of a quarter: the new base values must add up to the quarter's
/// base total; every tier is split in the new proportions. Returns the months as they were.
pub fn redistribute_months(
    ws: &Workspace,
    unit_id: i64,
    quarter: &str,
    bases: &[i64],
    change: Option<&Change>,
) -> Result<Vec<CellSnapshot>> {
    let months = quarter_months(ws, unit_id, quarter)?;
    if months.len() != bases.len() || months.is_empty() {
        return Err(Error::new(
            Code::QuarterMonthsMissing,
            format!("季度“{quarter}”没有完整的月度目标"),
            format!("Quarter \"{quarter}\" does not have all its monthly targets"),
        ));
    }
    let total = months.iter().fold(Tiers::default(), |a, m| a + m.tiers);
    let weights = super::reconcile::quarter_month_weights(total.base, bases)?;
    let parts = total.split(&weights)?;
    let before = months
        .iter()
        .map(|m| snapshot(ws, m.id))
        .collect::<Result<Vec<_>>>()?;
    let tx = ws.conn().unchecked_transaction()?;
    for (m, t) in months.iter().zip(parts) {
        update_tiers(&tx, m.id, t, change)?;
    }
    tx.commit()?;
    Ok(before)
}
#[cfg(test)]
mod ratio_tests;
