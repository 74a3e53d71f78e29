// The grid's undo history for the open workspace. It lives beside the section, not in it, so it
// is kept when the user switches sections and back. A step is either one of the target tree's
// (undone and redone by the core's own session history) or an older kind of change that carries
// the snapshot to restore and the call that redoes it.

const histories = new Map();

/** The history of the workspace at `path` (a new workspace starts empty). */
export function historyFor(path) {
  const key = path ?? "";
  if (!histories.has(key)) histories.set(key, { undo: [], redo: [] });
  return histories.get(key);
}

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
