//! The rows an undone batch removed, kept aside in `undone_row` (one JSON array of values per row,
//! with the column names it was taken with), so redo puts back exactly the same rows: same ids,
//! same values. Columns are read from the schema at the time, so a column added by a later
//! migration takes its default on redo.

use rusqlite::{params, Connection, OptionalExtension};

/// The tables a batch writes to, in the order undo removes them (redo goes in reverse).
pub const TABLES: [&str; 5] = [
    "actual",
    "target",
    "customer",
    "dimension_member",
    "org_unit",
];

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = st.query_map([], |r| r.get::<_, String>(1))?;
    cols.collect()
}

fn quoted(cols: &[String]) -> String {
    cols.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Copies the batch's rows of `table` into `undone_row` (before they are deleted).
pub fn keep(conn: &Connection, batch: i64, table: &str) -> rusqlite::Result<usize> {
    let cols = columns(conn, table)?;
    let names = serde_json::to_string(&cols).unwrap_or_default();
    conn.execute(
        &format!(
            "INSERT INTO undone_row(batch_id, tbl, cols, vals)
             SELECT ?1, ?2, ?3, json_array({}) FROM {table} WHERE batch_id = ?1 ORDER BY id",
            quoted(&cols)
        ),
        params![batch, table, names],
    )
}

/// Puts the kept rows of `table` back and forgets them; returns how many.
pub fn restore(conn: &Connection, batch: i64, table: &str) -> rusqlite::Result<u64> {
    let kept: Option<String> = conn
        .query_row(
            "SELECT cols FROM undone_row WHERE batch_id = ?1 AND tbl = ?2 LIMIT 1",
            params![batch, table],
            |r| r.get(0),
        )
        .optional()?;
    let Some(kept) = kept else { return Ok(0) };
    // The column list was written by `keep`; one that does not read is a damaged file.
    let kept: Vec<String> = serde_json::from_str(&kept).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let now = columns(conn, table)?;
    let (cols, picks): (Vec<String>, Vec<String>) = kept
        .iter()
        .enumerate()
        .filter(|(_, c)| now.contains(c))
        .map(|(i, c)| (c.clone(), format!("json_extract(vals, '$[{i}]')")))
        .unzip();
    let n = conn.execute(
        &format!(
            "INSERT INTO {table}({}) SELECT {} FROM undone_row WHERE batch_id = ?1 AND tbl = ?2 ORDER BY rowid",
            quoted(&cols),
            picks.join(", ")
        ),
        params![batch, table],
    )?;
    conn.execute(
        "DELETE FROM undone_row WHERE batch_id = ?1 AND tbl = ?2",
        params![batch, table],
    )?;
    Ok(n as u64)
}
