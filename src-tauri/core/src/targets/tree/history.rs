//! The undo history of target changes for as long as the workspace is open: a temporary table
//! of the connection (so it survives switching sections, and ends with the session). Each
//! step holds every cell it touched, before and after; undo puts the befores back, redo the
//! afters, and a new change drops what was undone.

pub(crate) use super::step_codec::StoredCell;
use super::write::Touched;
use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// One step of the history as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryStep {
    pub id: i64,
    pub set_id: i64,
    pub metric_id: i64,
    /// What the change was, e.g. "edit", "paste", "split", "fix", "lock", "import".
    pub label: String,
    pub at: String,
    pub cells: usize,
    pub undone: bool,
}

fn ensure(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS target_history (
            id INTEGER PRIMARY KEY,
            set_id INTEGER NOT NULL,
            metric_id INTEGER NOT NULL,
            label TEXT NOT NULL,
            at TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0,
            n INTEGER NOT NULL,
            cells BLOB NOT NULL
        )",
    )?;
    Ok(())
}

/// Records a change as the newest step (dropping the steps undone before it); returns its id.
pub(crate) fn record(
    conn: &Connection,
    set_id: i64,
    metric_id: i64,
    label: &str,
    cells: &[Touched],
) -> Result<Option<i64>> {
    if cells.is_empty() {
        return Ok(None);
    }
    ensure(conn)?;
    conn.execute("DELETE FROM temp.target_history WHERE undone = 1", [])?;
    let stored: Vec<StoredCell> = cells
        .iter()
        .map(|(k, b, a)| StoredCell {
            unit: k.0,
            member: k.1,
            period: k.2.clone(),
            before: *b,
            after: *a,
        })
        .collect();
    let blob = super::step_codec::encode(&stored);
    let at = crate::now_stamp();
    conn.execute(
        "INSERT INTO temp.target_history(set_id, metric_id, label, at, n, cells) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![set_id, metric_id, label, at, stored.len() as i64, blob],
    )?;
    Ok(Some(conn.last_insert_rowid()))
}

/// The steps, oldest first.
pub fn steps(conn: &Connection) -> Result<Vec<HistoryStep>> {
    ensure(conn)?;
    let mut st = conn.prepare(
        "SELECT id, set_id, metric_id, label, at, undone, n \
         FROM temp.target_history ORDER BY id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(HistoryStep {
            id: r.get(0)?,
            set_id: r.get(1)?,
            metric_id: r.get(2)?,
            label: r.get(3)?,
            at: r.get(4)?,
            undone: r.get::<_, i64>(5)? != 0,
            cells: r.get::<_, i64>(6)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A step to undo or redo: its id, plan, metric and cells.
pub(crate) type NextStep = (i64, i64, i64, Vec<StoredCell>);

/// The step undo (`undo` true: the newest done) or redo (the oldest undone) would take.
pub(crate) fn next(conn: &Connection, undo: bool) -> Result<Option<NextStep>> {
    ensure(conn)?;
    let sql = if undo {
        "SELECT id, set_id, metric_id, cells FROM temp.target_history WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    } else {
        "SELECT id, set_id, metric_id, cells FROM temp.target_history WHERE undone = 1 ORDER BY id LIMIT 1"
    };
    let row: Option<(i64, i64, i64, Vec<u8>)> = conn
        .query_row(sql, [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((id, set, metric, blob)) = row else {
        return Ok(None);
    };
    let cells = super::step_codec::decode(&blob)
        .ok_or_else(|| Error::new(Code::History, "撤销记录已损坏", "The undo step is damaged"))?;
    Ok(Some((id, set, metric, cells)))
}

pub(crate) fn mark(conn: &Connection, id: i64, undone: bool) -> Result<()> {
    conn.execute(
        "UPDATE temp.target_history SET undone = ?1 WHERE id = ?2",
        params![undone as i64, id],
    )?;
    Ok(())
}
