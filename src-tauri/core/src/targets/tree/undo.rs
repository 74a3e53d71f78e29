//! Undo and redo of the session's target changes, step by step from the history.

use super::history;
use super::ops::{outcome, StepOutcome};
use super::{CellState, Tree};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::{atomic, Workspace};
use crate::targets::store::Change;

/// Undoes the newest change (`undo`) or redoes the oldest undone one; None when there is
/// nothing to undo or redo. Refused when the cells were changed since by other means.
pub fn undo_redo(
    ws: &Workspace,
    undo: bool,
    change: Option<&Change>,
) -> Result<Option<StepOutcome>> {
    let conn = ws.conn();
    let Some((id, set, metric, cells)) = history::next(conn, undo)? else {
        return Ok(None);
    };
    let mut tree = Tree::load(ws, set, metric)?;
    // An approved plan never loses a cell: undoing the step that created one leaves it zeroed
    // (with its revision), and redoing starts from that zeroed cell.
    let zeroed = tree.approved.then(|| CellState {
        tiers: tree.zero(),
        locked: false,
        commitment: None,
    });
    for c in &cells {
        let (now, to) = if undo {
            (c.after, c.before)
        } else {
            (c.before, c.after)
        };
        let current = tree.get(&c.key());
        let to = if to.is_none() && zeroed.is_some() {
            zeroed
        } else {
            to
        };
        if current != now && !(now.is_none() && current.is_some() && current == zeroed) {
            return Err(Error::new(
                Code::HistoryStale,
                "这些目标在此之后被其他方式修改过，无法撤销或重做",
                "These targets were changed by other means since; the step cannot be undone or redone",
            ));
        }
        tree.put(&c.key(), to);
    }
    let step = atomic(conn, || {
        tree.write(conn, change)?;
        history::mark(conn, id, undo)?;
        Ok(id)
    })?;
    Ok(Some(outcome(&tree, Some(step), cells.len())))
}
