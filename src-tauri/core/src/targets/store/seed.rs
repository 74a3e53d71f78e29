//! Target plans a generated workspace writes and reads (the demo company's approved 2026 plan,
//! the synthetic benchmark organisation's newest plan), beside the target cells it writes with
//! [`super::insert_target`] and [`super::insert_targets`].

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// An approved target plan of `year`; its id. `approved` is (when, by whom).
pub fn approved_set(
    conn: &Connection,
    year: i32,
    name: &str,
    (at, by): (&str, &str),
) -> Result<i64> {
    conn.insert(
        "INSERT INTO target_set(fiscal_year, name, status, approved_at, approved_by) VALUES (?1, ?2, 'approved', ?3, ?4)",
        params![year, name, at, by],
    )
}

/// The target plan of `year` (the one a generated workspace holds).
pub fn set_of_year(conn: &Connection, year: i32) -> Result<i64> {
    conn.scalar("SELECT id FROM target_set WHERE fiscal_year = ?1", [year])
}

/// The newest target plan: its id and year.
pub fn newest_set(conn: &Connection) -> Result<(i64, i32)> {
    conn.one_of(
        "SELECT id, fiscal_year FROM target_set ORDER BY id DESC LIMIT 1",
        [],
    )
}

/// The company's target of `period` (its one cell for the period).
pub fn company_target(conn: &Connection, period: &str) -> Result<i64> {
    conn.scalar(
        "SELECT t.id FROM target t JOIN org_unit o ON o.id = t.org_unit_id WHERE o.kind = 'company' AND t.period = ?1",
        [period],
    )
}
