//! The demo's strategy-resource table (seed 000): its strategies, the year's plan budget, who
//! carries each strategy with which tools and share, and the strategy and headcount of an action.
//! Actions and their links are written with [`super::write_action`] and [`super::insert_link`].

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// Adds a strategy.
pub fn strategy(conn: &Connection, title: &str, notes: &str) -> Result<()> {
    conn.run(
        "INSERT INTO strategy(title, notes) VALUES (?1, ?2)",
        [title, notes],
    )?;
    Ok(())
}

/// Sets the plan budget (fen) of fiscal year `year`.
pub fn plan_budget(conn: &Connection, year: i32, fen: i64) -> Result<()> {
    conn.run(
        "UPDATE fiscal_year SET plan_budget = ?2 WHERE year = ?1",
        params![year, fen],
    )?;
    Ok(())
}

/// Who carries the strategy `title`: the department, its tools and its share of the budget.
pub fn strategy_resources(
    conn: &Connection,
    title: &str,
    (department, tools): (&str, &str),
    budget_share_bp: i64,
) -> Result<()> {
    conn.run(
        "UPDATE strategy SET department = ?2, tools = ?3, budget_share_bp = ?4 WHERE title = ?1",
        params![title, department, tools, budget_share_bp],
    )?;
    Ok(())
}

/// Puts action `id` under the strategy `title`, with `headcount` people on it.
pub fn action_strategy(conn: &Connection, id: i64, title: &str, headcount: i64) -> Result<()> {
    conn.run(
        "UPDATE action SET strategy_id = (SELECT id FROM strategy WHERE title = ?2), headcount = ?3
         WHERE id = ?1",
        params![id, title, headcount],
    )?;
    Ok(())
}
