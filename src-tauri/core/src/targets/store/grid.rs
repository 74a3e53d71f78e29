//! What the target grid reads and writes beyond the cells' own store: the plan it shows, every
//! stored cell of a plan and metric (with a crossed dimension's members), the organisation's
//! units, a row's stored weeks, and removing a cell an undo puts back as absent.

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::targets::store::tiers_at;
use crate::targets::tiers::Tiers;
use rusqlite::{params, Connection};

/// A plan as the grid heads it: id, name, approved, fiscal year, revenue metric id (or 0).
pub(crate) type PlanHeader = (i64, String, bool, i32, i64);

/// A unit: id, parent, kind, name.
pub(crate) type Unit = (i64, Option<i64>, String, String);

/// The header of plan `id` (None: no such plan).
pub(crate) fn plan_header(conn: &Connection, id: Option<i64>) -> Result<Option<PlanHeader>> {
    conn.optional(
        "SELECT s.id, s.name, s.status = 'approved', s.fiscal_year, (SELECT id FROM metric WHERE code = 'revenue')
         FROM target_set s WHERE s.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, Option<i64>>(4)?.unwrap_or(0))),
    )
}

/// Removes target `id` (an undo of a cell that did not exist before).
pub(crate) fn delete_target(conn: &Connection, id: i64) -> Result<()> {
    conn.run("DELETE FROM target WHERE id = ?1", [id])?;
    Ok(())
}

/// (id, name) of the active sub-units of `unit`, in display order.
pub(crate) fn active_kids(conn: &Connection, unit: i64) -> Result<Vec<(i64, String)>> {
    conn.rows_of(
        "SELECT id, name FROM org_unit WHERE parent_id = ?1 AND active = 1 ORDER BY sort, id",
        [unit],
    )
}

/// One stored cell as the grid reads it: ((unit, member, period), (id, tiers, locked, commitment)).
pub(crate) type GridStored = ((i64, Option<i64>, String), (i64, Tiers, bool, Option<i64>));

/// Every stored cell of the plan for the metric: organisation cells (no dimension member), and
/// with `cross` the cells of that dimension's members.
pub(crate) fn grid_cells(
    conn: &Connection,
    set_id: i64,
    metric: i64,
    cross: Option<&str>,
) -> Result<Vec<GridStored>> {
    conn.rows(
        "SELECT org_unit_id, dimension_id, period, id, floor_value, base_value, challenge_value, sprint_value, locked, commitment
         FROM target WHERE target_set_id = ?1 AND metric_id = ?2
         AND (dimension_id IS NULL OR dimension_id IN (SELECT id FROM dimension_member WHERE dim = ?3))",
        params![set_id, metric, cross.unwrap_or("")],
        |r| {
            Ok((
                (r.get(0)?, r.get(1)?, r.get(2)?),
                (
                    r.get(3)?,
                    tiers_at(r, 4)?,
                    r.get::<_, i64>(8)? != 0,
                    r.get(9)?,
                ),
            ))
        },
    )
}

/// (id, parent, kind, name) of every active unit, in display order.
pub(crate) fn active_units(conn: &Connection) -> Result<Vec<Unit>> {
    conn.rows_of(
        "SELECT id, parent_id, kind, name FROM org_unit WHERE active = 1 ORDER BY sort, id",
        [],
    )
}

/// The ids of the stored week cells of a row (plan, metric, unit and dimension member).
pub(crate) fn week_ids(
    conn: &Connection,
    set_id: i64,
    metric_id: i64,
    unit_id: i64,
    dimension_id: Option<i64>,
) -> Result<Vec<i64>> {
    conn.rows(
        "SELECT id FROM target WHERE target_set_id = ?1 AND metric_id = ?2 AND org_unit_id = ?3 \
         AND IFNULL(dimension_id, 0) = IFNULL(?4, 0) AND period LIKE '%-W%'",
        params![set_id, metric_id, unit_id, dimension_id],
        |r| r.get(0),
    )
}
