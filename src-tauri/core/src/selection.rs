//! Which plan year every section shows, read from the workspace: the year the user chose while
//! it has a plan, else the as-of day's fiscal year, and that year's current target plan. Features
//! (targets, import, set-up) read it here; choosing a year is set-up's.

use crate::calendar::FiscalYear;
use crate::error::Result;
use crate::Workspace;
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

/// The meta key holding the year the user chose.
pub(crate) const SELECTED_KEY: &str = "plan_year";

pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// The day the workspace measures to (the demo's fixed day, else today).
pub(crate) fn as_of(conn: &Connection) -> NaiveDate {
    meta(conn, "as_of")
        .ok()
        .flatten()
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(crate::today)
}

pub(crate) fn start_month_for(conn: &Connection, year: i32) -> Result<u32> {
    Ok(conn
        .query_row(
            "SELECT start_month FROM fiscal_year WHERE year <= ?1 ORDER BY year DESC LIMIT 1",
            [year],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(1))
}

/// The year the sections show: the one the user chose while it has a plan, else the fiscal year
/// of the as-of day when it has one, else the newest plan's year, else the as-of day's year.
pub fn selected_year_of(conn: &Connection) -> Result<i32> {
    let has_plan = |y: i32| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM target_set WHERE fiscal_year = ?1)",
            [y],
            |r| r.get(0),
        )?)
    };
    if let Some(y) = meta(conn, SELECTED_KEY)?.and_then(|s| s.parse::<i32>().ok()) {
        if has_plan(y)? {
            return Ok(y);
        }
    }
    let day = as_of(conn);
    let current = FiscalYear::containing(day, start_month_for(conn, day.year())?).year;
    if has_plan(current)? {
        return Ok(current);
    }
    let newest: Option<i32> = conn
        .query_row(
            "SELECT fiscal_year FROM target_set WHERE archived_at IS NULL ORDER BY fiscal_year DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(newest.unwrap_or(current))
}

pub fn selected_year(ws: &Workspace) -> Result<i32> {
    selected_year_of(ws.conn())
}

/// The target plan every section works on: the selected year's (its newest one not archived).
pub fn current_set_id(conn: &Connection) -> Result<Option<i64>> {
    let year = selected_year_of(conn)?;
    Ok(conn
        .query_row(
            "SELECT id FROM target_set WHERE fiscal_year = ?1 ORDER BY archived_at IS NULL DESC, id DESC LIMIT 1",
            [year],
            |r| r.get(0),
        )
        .optional()?)
}
