//! Saved baselines in the workspace: their names and each action's saved dates.

use crate::error::Result;
use crate::store::query::ConnExt;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// A saved baseline: (id, name, saved at).
pub type BaselineHead = (i64, String, String);

/// Whether a baseline already has this name.
pub fn baseline_name_taken(conn: &Connection, name: &str) -> Result<bool> {
    let n: i64 = conn.scalar("SELECT COUNT(*) FROM plan_baseline WHERE name = ?1", [name])?;
    Ok(n > 0)
}

/// Saves a baseline named `name` with each action's (id, start, finish), in one transaction;
/// the new baseline's id.
pub fn insert_baseline(
    conn: &Connection,
    name: &str,
    saved_at: &str,
    tasks: impl IntoIterator<Item = (i64, NaiveDate, NaiveDate)>,
) -> Result<i64> {
    let tx = conn.unchecked_transaction()?;
    let id = tx.insert(
        "INSERT INTO plan_baseline(name, saved_at) VALUES (?1, ?2)",
        [name, saved_at],
    )?;
    for (action, start, finish) in tasks {
        tx.run(
            "INSERT INTO plan_baseline_task(baseline_id, action_id, start_date, finish_date) VALUES (?1, ?2, ?3, ?4)",
            params![id, action, start.to_string(), finish.to_string()],
        )?;
    }
    tx.commit()?;
    Ok(id)
}

/// Deletes a baseline (its saved dates go with it); false when there was none with this id.
pub fn delete_baseline_row(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.run("DELETE FROM plan_baseline WHERE id = ?1", [id])? > 0)
}

/// Every baseline, oldest first.
pub fn baseline_heads(conn: &Connection) -> Result<Vec<BaselineHead>> {
    conn.rows_of(
        "SELECT id, name, saved_at FROM plan_baseline ORDER BY id",
        [],
    )
}

/// A baseline's saved (start, finish) per action; a row whose dates cannot be read is left out.
pub fn baseline_dates(conn: &Connection, id: i64) -> Result<HashMap<i64, (NaiveDate, NaiveDate)>> {
    let rows: Vec<(i64, String, String)> = conn.rows_of(
        "SELECT action_id, start_date, finish_date FROM plan_baseline_task WHERE baseline_id = ?1",
        [id],
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(action, s, f)| {
            Some((action, (super::parse_date(&s)?, super::parse_date(&f)?)))
        })
        .collect())
}
