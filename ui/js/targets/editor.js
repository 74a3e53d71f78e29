// The grid's one cell editor: an <input> kept focused over the selected cell. Idle, it is
// invisible and holds the cell's text selected, so the first character typed replaces it through
// the browser's own default action (never lost, never selected away) and an input method composes
// in it from its first key. Typing, F2 or Enter make it visible; Enter/Tab commit, Esc cancels,
// and nothing is committed while an input method is still composing.

import { h } from "../dom.js";
import { keyAction } from "./keys.js";

export class CellEditor {
  /**
   * `onKey(action)`: a grid key (move, edit, undo, redo) while idle; `onStart()`: typing began,
   * return false to refuse (the cell cannot be edited); `onCommit(text, move)` and `onCancel()`.
   */
  constructor({ onKey, onStart, onCommit, onCancel }) {
    this.editing = false;
    this.composing = false;
    this.idleText = "";
    this.input = h("input", { class: "tg-editor", "data-testid": "cell-editor", "data-state": "idle", autocomplete: "off", spellcheck: "false" });
    const input = this.input;
    input.addEventListener("keydown", (e) => {
      // Between compositionstart and compositionend every key is the input method's.
      if (this.composing) return;
      const action = keyAction(e, this.editing);
      if (action.kind === "compose" || action.kind === "native") return;
      e.preventDefault();
      e.stopPropagation();
      if (action.kind === "commit") this.finish(true, action.move);
      else if (action.kind === "cancel") this.finish(false, null);
      else if (action.kind !== "none") onKey(action);
    });
    input.addEventListener("compositionstart", () => {
      this.composing = true;
      if (!this.editing) this.start();
    });
    input.addEventListener("compositionend", () => {
      this.composing = false;
    });
    input.addEventListener("input", () => {
      if (!this.editing) this.start();
    });
    input.addEventListener("blur", () => {
      if (this.editing && !this.composing) this.finish(true, null);
    });
    this.onStart = onStart;
    this.onCommit = onCommit;
    this.onCancel = onCancel;
  }

  start() {
    if (this.onStart() === false) {
      this.editing = false;
      this.idle(this.idleText);
      return;
    }
    this.show(true);
  }

  show(editing) {
    this.editing = editing;
    this.input.dataset.state = editing ? "editing" : "idle";
    this.input.classList.toggle("editing", editing);
  }

  /** Puts the idle editor over the cell at `box` ({top, left, width, height}) holding `text`. */
  place(box, text) {
    if (this.editing) return;
    const s = this.input.style;
    s.top = `${box.top}px`;
    s.left = `${box.left}px`;
    s.width = `${box.width}px`;
    s.height = `${box.height}px`;
    this.idle(text);
  }

  /** Idle holding `text`, selected when the editor has the focus (never taken from elsewhere). */
  idle(text) {
    this.show(false);
    this.idleText = text;
    this.input.value = text;
    if (document.activeElement === this.input) this.input.select();
  }

  /** Takes the focus (the user picked a cell), the idle text selected. */
  focus() {
    if (document.activeElement !== this.input) this.input.focus({ preventScroll: true });
    if (!this.editing) this.input.select();
  }

  /** F2 / Enter: edits `text` in place, the caret at its end. */
  begin(text) {
    this.input.value = text;
    this.show(true);
    this.focus();
    this.input.setSelectionRange(text.length, text.length);
  }

  finish(commit, move) {
    if (!this.editing) return;
    const text = this.input.value;
    this.show(false);
    if (commit) this.onCommit(text, move);
    else this.onCancel();
  }
}
