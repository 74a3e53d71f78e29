//! The selection's reads in SQL: a meta value, a year's first month, and which plan years exist.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;

pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.optional("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
}

/// The first month of the fiscal year `year` (as set for it or the latest year before).
pub(super) fn start_month(conn: &Connection, year: i32) -> Result<Option<u32>> {
    conn.optional(
        "SELECT start_month FROM fiscal_year WHERE year <= ?1 ORDER BY year DESC LIMIT 1",
        [year],
        |r| r.get(0),
    )
}

pub(super) fn has_plan(conn: &Connection, year: i32) -> Result<bool> {
    conn.scalar(
        "SELECT EXISTS(SELECT 1 FROM target_set WHERE fiscal_year = ?1)",
        [year],
    )
}

/// The newest year with a plan not archived.
pub(super) fn newest_plan_year(conn: &Connection) -> Result<Option<i32>> {
    conn.optional(
        "SELECT fiscal_year FROM target_set WHERE archived_at IS NULL ORDER BY fiscal_year DESC LIMIT 1",
        [],
        |r| r.get(0),
    )
}

/// The plan of `year`: its newest one not archived, else its newest.
pub(super) fn set_of_year(conn: &Connection, year: i32) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM target_set WHERE fiscal_year = ?1 ORDER BY archived_at IS NULL DESC, id DESC LIMIT 1",
        [year],
        |r| r.get(0),
    )
}
