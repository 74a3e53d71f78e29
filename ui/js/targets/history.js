// The grid's undo history for the open workspace: `{undo, redo}`, kept in the section's navigation
// state, so it survives switching sections and back and is forgotten when another workspace
// opens. A step is either one of the target tree's (undone and redone by the core's own session
// history) or an older kind of change that carries the snapshot to restore and the call that
// redoes it.

/** Records a new step; the redo list is dropped, as everywhere. */
export function record(history, step) {
  history.undo.push(step);
  history.redo = [];
}

/** Forgets every step (approval makes the values the baseline). */
export function clear(history) {
  history.undo = [];
  history.redo = [];
}
