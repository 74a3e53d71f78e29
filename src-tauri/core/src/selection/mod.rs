//! Which plan year every section shows, read from the workspace: the year the user chose while
//! it has a plan, else the as-of day's fiscal year, and that year's current target plan. Features
//! (targets, import, set-up) read it here; choosing a year is set-up's.

use crate::calendar::FiscalYear;
use crate::error::Result;
use crate::Workspace;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

/// The meta key holding the year the user chose.
pub(crate) const SELECTED_KEY: &str = "plan_year";

mod store;

pub(crate) use store::meta;

/// The day the workspace measures to (the demo's fixed day, else today).
pub(crate) fn as_of(conn: &Connection) -> NaiveDate {
    meta(conn, "as_of")
        .ok()
        .flatten()
        .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(crate::today)
}

pub(crate) fn start_month_for(conn: &Connection, year: i32) -> Result<u32> {
    Ok(store::start_month(conn, year)?.unwrap_or(1))
}

/// The year the sections show: the one the user chose while it has a plan, else the fiscal year
/// of the as-of day when it has one, else the newest plan's year, else the as-of day's year.
pub fn selected_year_of(conn: &Connection) -> Result<i32> {
    let has_plan = |y: i32| store::has_plan(conn, y);
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
    let newest = store::newest_plan_year(conn)?;
    Ok(newest.unwrap_or(current))
}

pub fn selected_year(ws: &Workspace) -> Result<i32> {
    selected_year_of(ws.conn())
}

/// The target plan every section works on: the selected year's (its newest one not archived).
pub fn current_set_id(conn: &Connection) -> Result<Option<i64>> {
    let year = selected_year_of(conn)?;
    store::set_of_year(conn, year)
}
