//! Target rows as the variance engine reads them: which set is in force for a year, and every
//! row of one set, metric and dimension member at once.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;

/// One stored target row: org unit, period key, first and last day, floor, base, challenge.
pub(crate) type TargetRow = (i64, String, String, String, i64, i64, i64);

/// Which target set is in force for a fiscal year: the newest approved one, else the newest.
pub(crate) fn set_for(conn: &Connection, fiscal_year: i32) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM target_set WHERE fiscal_year = ?1
         ORDER BY status = 'approved' DESC, id DESC LIMIT 1",
        [fiscal_year],
        |r| r.get(0),
    )
}

/// Every row of the set for the metric and dimension member (None: the rows without one).
pub(crate) fn rows(
    conn: &Connection,
    set: i64,
    metric_id: i64,
    dim_id: Option<i64>,
) -> Result<Vec<TargetRow>> {
    conn.rows_of(
        "SELECT org_unit_id, period, period_start, period_end, floor_value, base_value, challenge_value
         FROM target WHERE target_set_id = ?1 AND metric_id = ?2 AND IFNULL(dimension_id, 0) = ?3",
        rusqlite::params![set, metric_id, dim_id.unwrap_or(0)])
}
