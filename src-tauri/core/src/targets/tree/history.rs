//! The undo history of target changes for as long as the workspace is open: a temporary table
//! of the connection (so it survives switching sections, and ends with the session). Each
//! step holds every cell it touched, before and after; undo puts the befores back, redo the
//! afters, and a new change drops what was undone.

pub(crate) use super::step_codec::StoredCell;
use super::store;
use super::write::Touched;
use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::Connection;

pub use super::store::HistoryStep;

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
    let blob = super::step_codec::encode_touched(cells);
    let id = store::push_step(conn, (set_id, metric_id), label, cells.len(), &blob)?;
    Ok(Some(id))
}

/// The steps, oldest first.
pub fn steps(conn: &Connection) -> Result<Vec<HistoryStep>> {
    store::list_steps(conn)
}

/// A step to undo or redo: its id, plan, metric and cells.
pub(crate) type NextStep = (i64, i64, i64, Vec<StoredCell>);

/// The step undo (`undo` true: the newest done) or redo (the oldest undone) would take.
pub(crate) fn next(conn: &Connection, undo: bool) -> Result<Option<NextStep>> {
    let Some((id, set, metric, blob)) = store::next_step(conn, undo)? else {
        return Ok(None);
    };
    let cells = super::step_codec::decode(&blob)
        .ok_or_else(|| Error::new(Code::History, "撤销记录已损坏", "The undo step is damaged"))?;
    Ok(Some((id, set, metric, cells)))
}

pub(crate) fn mark(conn: &Connection, id: i64, undone: bool) -> Result<()> {
    store::mark_step(conn, id, undone)
}
