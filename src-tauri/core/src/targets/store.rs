//! Targets in the workspace, the repository: read and write target cells, tier ratios, lock
//! flags and commitments, revisions once a target set is approved. The algorithms that re-split
//! stored targets (split to children, weeks from months, reconcile, quarter redistribution, the
//! re-split of the remaining periods) are in [`resplit`] and re-exported here.
//!
//! Functions take a `&Connection` and run inside a savepoint, so they are atomic on their own
//! and compose inside a caller's transaction.

pub use super::capacity::capacity_method;
use super::tiers::{Tier, TierRatios, Tiers};
use crate::calendar::{parse_period, Period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::split::Method;
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// One stored target cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetCell {
    pub id: i64,
    pub target_set_id: i64,
    pub metric_id: i64,
    pub org_unit_id: i64,
    pub dimension_id: Option<i64>,
    pub period: String,
    pub period_start: String,
    pub period_end: String,
    pub tiers: Tiers,
    pub commitment: Option<i64>,
    pub locked: bool,
    pub strategy_id: Option<i64>,
    pub last_year_actual: Option<i64>,
}

/// A period with its key and bounds already in stored form (built once, shared by many cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPeriod {
    pub key: String,
    pub start: String,
    pub end: String,
}

impl From<&Period> for StoredPeriod {
    fn from(p: &Period) -> Self {
        StoredPeriod {
            key: p.key.clone(),
            start: p.start.format("%Y-%m-%d").to_string(),
            end: p.end.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A cell to insert.
#[derive(Debug, Clone, Copy)]
pub struct NewTarget<'a> {
    pub target_set_id: i64,
    pub metric_id: i64,
    pub org_unit_id: i64,
    pub dimension_id: Option<i64>,
    pub period: &'a StoredPeriod,
    pub tiers: Tiers,
    pub last_year_actual: Option<i64>,
}

/// Where a child of a split goes: an organisation unit, an optional dimension member, a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildPlace {
    pub org_unit_id: i64,
    pub dimension_id: Option<i64>,
    pub period: Period,
}

/// Why an approved target changed (目标调整): external (policy, market) or internal
/// (execution, resources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasonCategory {
    Policy,
    Market,
    Execution,
    Resources,
    Other,
}

impl ReasonCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCategory::Policy => "policy",
            ReasonCategory::Market => "market",
            ReasonCategory::Execution => "execution",
            ReasonCategory::Resources => "resources",
            ReasonCategory::Other => "other",
        }
    }
}

/// Who changes a target, when and why; required once the target set is approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub who: String,
    /// ISO timestamp, e.g. 2026-05-10T09:30:00.
    pub at: String,
    pub category: ReasonCategory,
    pub reason: String,
    pub approver: Option<String>,
}

const COLS: &str = "t.id, t.target_set_id, t.metric_id, t.org_unit_id, t.dimension_id, t.period, \
    t.period_start, t.period_end, t.floor_value, t.base_value, t.challenge_value, t.sprint_value, \
    t.commitment, t.locked, t.strategy_id, t.last_year_actual";

const INSERT: &str = "INSERT INTO target(target_set_id, metric_id, org_unit_id, dimension_id, \
    period, period_start, period_end, floor_value, base_value, challenge_value, sprint_value, \
    last_year_actual) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

/// The four tiers stored in consecutive columns from `first`: floor, base, challenge, sprint.
pub(crate) fn tiers_at(r: &Row, first: usize) -> rusqlite::Result<Tiers> {
    Ok(Tiers {
        floor: r.get(first)?,
        base: r.get(first + 1)?,
        challenge: r.get(first + 2)?,
        sprint: r.get(first + 3)?,
    })
}

fn read_cell(r: &Row) -> rusqlite::Result<TargetCell> {
    Ok(TargetCell {
        id: r.get(0)?,
        target_set_id: r.get(1)?,
        metric_id: r.get(2)?,
        org_unit_id: r.get(3)?,
        dimension_id: r.get(4)?,
        period: r.get(5)?,
        period_start: r.get(6)?,
        period_end: r.get(7)?,
        tiers: tiers_at(r, 8)?,
        commitment: r.get(12)?,
        locked: r.get::<_, i64>(13)? != 0,
        strategy_id: r.get(14)?,
        last_year_actual: r.get(15)?,
    })
}

pub(crate) use crate::store::atomic;

pub fn get_target(conn: &Connection, id: i64) -> Result<TargetCell> {
    conn.query_row(
        &format!("SELECT {COLS} FROM target t WHERE t.id = ?1"),
        [id],
        read_cell,
    )
    .optional()?
    .ok_or_else(|| {
        Error::new(
            Code::TargetNotFound,
            format!("找不到编号为 {id} 的目标"),
            format!("Target {id} not found"),
        )
    })
}

/// The cell at (set, metric, unit, dimension, period), if stored.
pub fn find_target(
    conn: &Connection,
    target_set_id: i64,
    metric_id: i64,
    org_unit_id: i64,
    dimension_id: Option<i64>,
    period: &str,
) -> Result<Option<TargetCell>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLS} FROM target t WHERE t.target_set_id = ?1 AND t.metric_id = ?2 \
             AND t.org_unit_id = ?3 AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) AND t.period = ?5"
        ))?
        .query_row(
            params![target_set_id, metric_id, org_unit_id, dimension_id, period],
            read_cell,
        )
        .optional()?)
}

/// The cell stored at each child place of `parent` (same plan and metric), if any.
pub fn cells_at(
    conn: &Connection,
    parent: &TargetCell,
    places: &[ChildPlace],
) -> Result<Vec<Option<TargetCell>>> {
    places
        .iter()
        .map(|p| {
            find_target(
                conn,
                parent.target_set_id,
                parent.metric_id,
                p.org_unit_id,
                p.dimension_id,
                &p.period.key,
            )
        })
        .collect()
}

/// Inserts cells with one prepared statement (the caller's transaction makes it fast);
/// returns how many were stored.
pub fn insert_targets<'a>(
    conn: &Connection,
    cells: impl IntoIterator<Item = NewTarget<'a>>,
) -> Result<usize> {
    let mut st = conn.prepare_cached(INSERT)?;
    let mut n = 0;
    for c in cells {
        st.execute(params![
            c.target_set_id,
            c.metric_id,
            c.org_unit_id,
            c.dimension_id,
            c.period.key,
            c.period.start,
            c.period.end,
            c.tiers.floor,
            c.tiers.base,
            c.tiers.challenge,
            c.tiers.sprint,
            c.last_year_actual,
        ])?;
        n += 1;
    }
    Ok(n)
}

/// Inserts one cell and returns its id.
pub fn insert_target(conn: &Connection, cell: NewTarget) -> Result<i64> {
    insert_targets(conn, [cell])?;
    Ok(conn.last_insert_rowid())
}

fn set_approved(conn: &Connection, target_set_id: i64) -> Result<bool> {
    let status: String = conn.query_row(
        "SELECT status FROM target_set WHERE id = ?1",
        [target_set_id],
        |r| r.get(0),
    )?;
    Ok(status == "approved")
}

/// The tier ratios of a target set.
pub fn set_ratios(conn: &Connection, target_set_id: i64) -> Result<TierRatios> {
    Ok(conn.query_row(
        "SELECT floor_bp, challenge_bp, sprint_bp FROM target_set WHERE id = ?1",
        [target_set_id],
        |r| {
            Ok(TierRatios {
                floor_bp: r.get(0)?,
                challenge_bp: r.get(1)?,
                sprint_bp: r.get(2)?,
            })
        },
    )?)
}

/// Stores the tier ratios of a target set (after [`TierRatios::validate`]); the cells keep their
/// values (see `targets::grid::set_tier_ratios` to re-derive them).
pub fn save_ratios(conn: &Connection, target_set_id: i64, ratios: TierRatios) -> Result<()> {
    ratios.validate()?;
    conn.execute(
        "UPDATE target_set SET floor_bp = ?1, challenge_bp = ?2, sprint_bp = ?3 WHERE id = ?4",
        params![
            ratios.floor_bp,
            ratios.challenge_bp,
            ratios.sprint_bp,
            target_set_id
        ],
    )?;
    Ok(())
}

/// The fiscal year's start month of a target set (January when the year is not recorded).
pub fn fiscal_start_month(conn: &Connection, target_set_id: i64) -> Result<u32> {
    let m: Option<u32> = conn
        .query_row(
            "SELECT f.start_month FROM target_set s JOIN fiscal_year f ON f.year = s.fiscal_year \
             WHERE s.id = ?1",
            [target_set_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(m.unwrap_or(1))
}

/// Writes new tiers to a cell. Once its target set is approved, a [`Change`] is required and
/// every tier that moves is recorded in `target_revision`.
pub fn update_tiers(conn: &Connection, id: i64, new: Tiers, change: Option<&Change>) -> Result<()> {
    let old = get_target(conn, id)?;
    if old.tiers == new {
        return Ok(());
    }
    atomic(conn, || {
        if set_approved(conn, old.target_set_id)? {
            let Some(ch) = change else {
                return Err(Error::new(
                    Code::RevisionReasonRequired,
                    format!(
                        "目标（{}）所属方案已审批，修改须填写调整人和原因",
                        old.period
                    ),
                    format!(
                        "The target ({}) belongs to an approved plan: a change needs who and why",
                        old.period
                    ),
                ));
            };
            let mut st = conn.prepare_cached(
                "INSERT INTO target_revision(target_id, at, who, reason_category, reason, tier, \
                 old_value, new_value, approver) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for tier in Tier::ALL {
                let (o, n) = (old.tiers.get(tier), new.get(tier));
                if o != n {
                    st.execute(params![
                        id,
                        ch.at,
                        ch.who,
                        ch.category.as_str(),
                        ch.reason,
                        tier.as_str(),
                        o.unwrap_or(0),
                        n.unwrap_or(0),
                        ch.approver,
                    ])?;
                }
            }
        }
        conn.prepare_cached(
            "UPDATE target SET floor_value = ?1, base_value = ?2, challenge_value = ?3, \
             sprint_value = ?4 WHERE id = ?5",
        )?
        .execute(params![new.floor, new.base, new.challenge, new.sprint, id])?;
        Ok(())
    })
}

pub fn set_locked(conn: &Connection, id: i64, locked: bool) -> Result<()> {
    get_target(conn, id)?;
    conn.execute(
        "UPDATE target SET locked = ?1 WHERE id = ?2",
        params![locked as i64, id],
    )?;
    Ok(())
}

/// Records a node's bottom-up commitment (None clears it).
pub fn set_commitment(conn: &Connection, id: i64, commitment: Option<i64>) -> Result<()> {
    get_target(conn, id)?;
    conn.execute(
        "UPDATE target SET commitment = ?1 WHERE id = ?2",
        params![commitment, id],
    )?;
    Ok(())
}

/// The cells one level down the organisation: same set, metric, dimension and period, on the
/// child units of the parent's unit, in the units' order.
pub fn org_children(conn: &Connection, parent: &TargetCell) -> Result<Vec<TargetCell>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM target t JOIN org_unit o ON o.id = t.org_unit_id \
         WHERE o.parent_id = ?1 AND t.target_set_id = ?2 AND t.metric_id = ?3 \
         AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) AND t.period = ?5 ORDER BY o.sort, o.id"
    ))?;
    let rows = st.query_map(
        params![
            parent.org_unit_id,
            parent.target_set_id,
            parent.metric_id,
            parent.dimension_id,
            parent.period
        ],
        read_cell,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The cells of a finer period `kind` inside the parent's period, for the same set, metric,
/// unit and dimension, in time order.
pub fn period_children(
    conn: &Connection,
    parent: &TargetCell,
    kind: PeriodKind,
) -> Result<Vec<TargetCell>> {
    let start_month = fiscal_start_month(conn, parent.target_set_id)?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM target t WHERE t.org_unit_id = ?1 AND t.target_set_id = ?2 \
         AND t.metric_id = ?3 AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) \
         AND t.period_start >= ?5 AND t.period_end <= ?6 AND t.id <> ?7 \
         ORDER BY t.period_start, t.period"
    ))?;
    let rows = st.query_map(
        params![
            parent.org_unit_id,
            parent.target_set_id,
            parent.metric_id,
            parent.dimension_id,
            parent.period_start,
            parent.period_end,
            parent.id
        ],
        read_cell,
    )?;
    let mut out = Vec::new();
    for cell in rows {
        let cell = cell?;
        if parse_period(&cell.period, start_month).is_ok_and(|p| p.kind == kind) {
            out.push(cell);
        }
    }
    Ok(out)
}

/// Every cell of a target's row (same plan, metric, unit and dimension), in time order.
pub fn row_cells(conn: &Connection, cell: &TargetCell) -> Result<Vec<TargetCell>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM target t WHERE t.org_unit_id = ?1 AND t.target_set_id = ?2 \
         AND t.metric_id = ?3 AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) ORDER BY t.period_start"
    ))?;
    let cells = st
        .query_map(
            params![
                cell.org_unit_id,
                cell.target_set_id,
                cell.metric_id,
                cell.dimension_id
            ],
            read_cell,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cells)
}

pub(crate) mod baseline;
pub(crate) mod grid;
mod members;
pub use members::dimension_members;
pub(crate) mod org;
mod resplit;
pub(crate) mod retier;
pub(crate) mod revisions;
pub use revisions::{revisions, Revision, RevisionPlace};
pub mod seed;
pub use resplit::{
    node_gap, reconcile_node, redistribute_quarter, resplit_remaining, smart_check_target,
    split_to_children, store_weeks_from_months, time_places, workdays_method,
};

#[cfg(test)]
mod tests;
