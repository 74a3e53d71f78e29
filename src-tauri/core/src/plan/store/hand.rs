//! The outline's rows as the hand edits read and write them: sort numbers, an action's place,
//! its neighbours, and the rows a delete takes away (kept column by column, to be put back).

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Rows of one table, column by column, as they were before a delete.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Rows {
    pub table: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Renumbers every action's sort to even numbers in the current order, so an odd number always
/// fits right after any action.
pub fn spread_sorts(conn: &Connection) -> Result<()> {
    let ids: Vec<i64> = conn.rows("SELECT id FROM action ORDER BY sort, id", [], |r| r.get(0))?;
    for (i, id) in ids.iter().enumerate() {
        conn.run(
            "UPDATE action SET sort = ?2 WHERE id = ?1",
            params![id, (i as i64) * 2],
        )?;
    }
    Ok(())
}

/// An action's (parent, sort), or `None` when there is no such action.
pub fn action_place(conn: &Connection, id: i64) -> Result<Option<(Option<i64>, i64)>> {
    conn.optional_of("SELECT parent_id, sort FROM action WHERE id = ?1", [id])
}

/// What a new action below `id` takes from it: (target, objective, start as ISO text).
pub fn sibling_defaults(conn: &Connection, id: i64) -> Result<(Option<i64>, String, String)> {
    conn.one_of(
        "SELECT target_id, objective, IFNULL(requested_start, start_date) FROM action WHERE id = ?1",
        [id])
}

/// The even sort number after every action (0 in an empty plan).
pub fn next_even_sort(conn: &Connection) -> Result<i64> {
    conn.scalar("SELECT IFNULL(MAX(sort), -2) + 2 FROM action", [])
}

/// A sort number after every action (1 in an empty plan).
pub fn sort_after_all(conn: &Connection) -> Result<i64> {
    conn.scalar("SELECT IFNULL(MAX(sort), 0) + 1 FROM action", [])
}

/// The sibling right above an action at (`parent`, `sort`), if any.
pub fn sibling_above(
    conn: &Connection,
    parent: Option<i64>,
    id: i64,
    sort: i64,
) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM action WHERE parent_id IS ?1 AND id <> ?2 AND (sort < ?3 OR (sort = ?3 AND id < ?2))
         ORDER BY sort DESC, id DESC LIMIT 1",
        params![parent, id, sort],
        |r| r.get(0),
    )
}

/// Puts an action under `parent` (none: the top level) at `sort`.
pub fn set_place(conn: &Connection, id: i64, parent: Option<i64>, sort: i64) -> Result<()> {
    conn.run(
        "UPDATE action SET parent_id = ?2, sort = ?3 WHERE id = ?1",
        params![id, parent, sort],
    )?;
    Ok(())
}

fn json_of(v: SqlValue) -> Value {
    match v {
        SqlValue::Null | SqlValue::Blob(_) => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(s) => Value::from(s),
    }
}

fn sql_of(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn snapshot(conn: &Connection, table: &str, sql: &str, root: i64) -> Result<Rows> {
    let mut st = conn.prepare(sql)?;
    let columns: Vec<String> = st.column_names().iter().map(|c| c.to_string()).collect();
    let n = columns.len();
    let rows = st
        .query_map([root], |r| {
            (0..n)
                .map(|i| r.get::<_, SqlValue>(i).map(json_of))
                .collect::<rusqlite::Result<Vec<Value>>>()
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Rows {
        table: table.to_string(),
        columns,
        rows,
    })
}

const SUBTREE: &str = "WITH RECURSIVE sub(id, depth) AS (SELECT ?1, 0 UNION ALL
     SELECT a.id, s.depth + 1 FROM action a JOIN sub s ON a.parent_id = s.id)";

/// An action with its sub-actions (parents first), their links and baseline entries, as rows.
pub fn subtree_rows(conn: &Connection, id: i64) -> Result<Vec<Rows>> {
    Ok(vec![
        snapshot(
            conn,
            "action",
            &format!("{SUBTREE} SELECT a.* FROM action a JOIN sub s ON s.id = a.id ORDER BY s.depth, a.id"),
            id,
        )?,
        snapshot(
            conn,
            "action_dependency",
            &format!("{SUBTREE} SELECT * FROM action_dependency WHERE predecessor_id IN (SELECT id FROM sub) OR successor_id IN (SELECT id FROM sub) ORDER BY id"),
            id,
        )?,
        snapshot(
            conn,
            "plan_baseline_task",
            &format!("{SUBTREE} SELECT * FROM plan_baseline_task WHERE action_id IN (SELECT id FROM sub)"),
            id,
        )?,
    ])
}

/// Writes rows back into their table, with the same ids. The caller has checked the table and
/// column names (they are written into the statement).
pub fn insert_rows(conn: &Connection, t: &Rows) -> Result<()> {
    let sql = format!(
        "INSERT INTO {}({}) VALUES ({})",
        t.table,
        t.columns.join(", "),
        vec!["?"; t.columns.len()].join(", ")
    );
    let mut st = conn.prepare(&sql)?;
    for row in &t.rows {
        st.execute(params_from_iter(row.iter().map(sql_of)))?;
    }
    Ok(())
}
