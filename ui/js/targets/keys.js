// What a keystroke does in the target grid, decided without the DOM (node-tested).
//
// The grid keeps one editor <input> focused over the selected cell. While it is idle, a
// character typed reaches that input by the browser's own default action, so the first key is
// never lost and an input method composes there from its first key; the keys below are the ones
// the grid handles itself.

/** True while an input method is composing (the key belongs to the IME, not to the grid). */
export function composing(e) {
  return Boolean(e.isComposing) || e.key === "Process" || e.keyCode === 229;
}

/** Tab, also as WebKitGTK reports Shift+Tab: key "Unidentified" (GTK's ISO_Left_Tab), code "Tab". */
function isTab(e) {
  return [e.key, e.code].includes("Tab");
}

const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * The action for a keydown `e` ({key, shiftKey, ctrlKey, metaKey, altKey, isComposing}) while the
 * editor is `editing` or idle:
 * - `{kind: "compose"}`: the input method's; nothing is committed half-way;
 * - `{kind: "commit", move: [dRow, dCol]}`: Enter (down, Shift: up) and Tab (right, Shift: left);
 * - `{kind: "cancel"}`: Esc while editing;
 * - `{kind: "edit"}`: F2 or Enter on an idle cell edits its current value in place;
 * - `{kind: "move", move, extend}`: arrows (Shift extends the selection) and Tab on an idle cell;
 * - `{kind: "undo"}` / `{kind: "redo"}`: Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl/⌘+Y on an idle cell;
 * - `{kind: "native"}`: everything else (characters start editing through the input itself;
 *   copy and paste reach their events).
 */
export function keyAction(e, editing) {
  if (composing(e)) return { kind: "compose" };
  const mod = e.ctrlKey || e.metaKey;
  if (editing) {
    if (e.key === "Enter") return { kind: "commit", move: [e.shiftKey ? -1 : 1, 0] };
    if (isTab(e)) return { kind: "commit", move: [0, e.shiftKey ? -1 : 1] };
    if (e.key === "Escape") return { kind: "cancel" };
    return { kind: "native" };
  }
  if (mod && !e.altKey) {
    const k = e.key.toLowerCase();
    if (k === "z") return { kind: e.shiftKey ? "redo" : "undo" };
    if (k === "y") return { kind: "redo" };
    return { kind: "native" };
  }
  if (e.key === "F2" || e.key === "Enter") return { kind: "edit" };
  if (isTab(e)) return { kind: "move", move: [0, e.shiftKey ? -1 : 1], extend: false };
  const move = MOVES[e.key];
  if (move) return { kind: "move", move, extend: Boolean(e.shiftKey) };
  if (e.key === "Escape") return { kind: "none" };
  return { kind: "native" };
}

/** The active cell after a move, kept inside `rows` × `cols`. */
export function moved(active, move, rows, cols) {
  return {
    row: Math.max(0, Math.min(rows - 1, active.row + move[0])),
    col: Math.max(0, Math.min(cols - 1, active.col + move[1])),
  };
}
