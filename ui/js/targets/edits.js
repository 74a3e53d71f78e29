// The grid's edits, without the DOM (node-tested): a typed text, a pasted block, a consistency
// fix, a lock, stored weeks and the older kinds of change that carry their own undo snapshot;
// the revision reason an approved plan asks for every change (never silently reused); undo and
// redo. The view (sections/targets.js) draws and gives the edits a `port`:
//   grid()            what is drawn now: {rows, columns, tier, approved, plan}
//   call(cmd, args)   a command
//   askChoice(asked)  what the children and the parent do (null: cancelled)
//   askReason()       the reason of one change to an approved plan (null: cancelled)
//   act(run)          runs a change (its error is shown) and loads the grid again
//   sync()            the history changed (the undo and redo buttons)
//   badAmount(text), hint(key), panel(), check()
// The history ({undo, redo}, see history.js) is the section's, kept while the workspace is open.

import { parseMoney } from "../format.js";
import { clear, record } from "./history.js";
import { cellAt, choiceFor, questions, treeEdit, undoCall } from "./model.js";

export class GridEdits {
  constructor(port, history) {
    this.port = port;
    this.history = history;
  }

  get canUndo() {
    return this.history.undo.length > 0;
  }

  get canRedo() {
    return this.history.redo.length > 0;
  }

  /** The cell at `at` ({row, col}) of the drawn rows. */
  cell(at) {
    const { rows, columns } = this.port.grid();
    return cellAt(rows, columns, at.row, at.col);
  }

  /** The editor's text committed at `at`: a commitment is set or cleared (empty text); a target
   * becomes one change of the tree. A text that is not an amount is refused; an unchanged value
   * changes nothing. */
  async commitText(at, text) {
    const c = this.cell(at);
    if (c && c.commitment) {
      const trimmed = text.trim();
      const fen = trimmed === "" ? null : parseMoney(trimmed);
      if (trimmed !== "" && fen === null) this.port.badAmount(trimmed);
      else if (fen !== c.value) await this.change(async () => [await this.port.call("targets_commit", { id: c.id, commitment: fen })], false);
    } else if (c && text.trim() !== "") {
      const fen = parseMoney(text);
      if (fen === null) this.port.badAmount(text);
      else if (fen !== c.value) await this.editCells([{ ...at, value: fen }]);
    }
  }

  /** The reason of a change to an approved plan: asked for every change (the last one offered,
   * never silently reused); null when not needed or cancelled. */
  async needReason() {
    if (!this.port.grid().approved) return null;
    return this.port.askReason();
  }

  /**
   * Typed values or a pasted block (`[{row, col, value}]`) as ONE change of the target tree: asks
   * once what the children and the parent do, then the reason on an approved plan; one undo step.
   * Cancelling either question changes nothing.
   */
  async editCells(edits) {
    const asked = questions(edits.map((e) => this.port.grid().rows[e.row]));
    const answer = await this.port.askChoice(asked);
    if (!answer) return;
    const reason = await this.needReason();
    if (this.port.grid().approved && !reason) return;
    const { rows, columns, tier, plan } = this.port.grid();
    const places = edits.map((e) => treeEdit(rows[e.row], columns[e.col], tier, e.value));
    await this.treeStep(() => this.port.call("targets_edit", { plan, edits: places, choice: choiceFor(asked, answer), reason }), reason);
    this.port.panel();
  }

  /** A consistency fix at `cell` ("spread", "rollUp", "spreadYear", "sumMonths"): one tree step. */
  async fixCell(cell, fix) {
    const reason = await this.needReason();
    if (this.port.grid().approved && !reason) return;
    const { plan } = this.port.grid();
    await this.treeStep(() => this.port.call("targets_fix", { plan, cell, fix, reason }), reason);
    this.port.check();
  }

  /** Runs one change of the target tree (`run` returns its outcome) as one undo step. */
  async treeStep(run, reason) {
    await this.port.act(async () => {
      const out = await run();
      const step = out?.step ?? out?.outcome?.step ?? null;
      if (step !== null) record(this.history, { core: true, reason });
      this.port.sync();
    });
  }

  /** Runs an older kind of change with undo; `run(reason)` returns the snapshots to restore. */
  async change(run, needsReason = true) {
    const reason = needsReason ? await this.needReason() : null;
    if (needsReason && this.port.grid().approved && !reason) return;
    await this.port.act(async () => {
      const before = await run(reason);
      record(this.history, { before, redo: run, reason });
      this.port.sync();
    });
    this.port.panel();
  }

  async undo() {
    const hist = this.history;
    const step = hist.undo.pop();
    if (!step) return;
    await this.port.act(async () => {
      await this.port.call(...undoCall(step));
      hist.redo.push(step);
      this.port.sync();
    });
    this.port.sync();
  }

  async redo() {
    const hist = this.history;
    const step = hist.redo.pop();
    if (!step) return;
    await this.port.act(async () => {
      if (step.core) await this.port.call("targets_redo", { reason: step.reason });
      else step.before = await step.redo(step.reason);
      hist.undo.push(step);
      this.port.sync();
    });
    this.port.sync();
  }

  /** Approval makes today's values the baseline: nothing before it can be undone. */
  forget() {
    clear(this.history);
    this.port.sync();
  }

  /** Locks or unlocks the target at `at` (a commitment or a derived cell has no lock). */
  toggleLock(at) {
    const c = this.cell(at);
    if (!c || c.id === null || c.commitment) return;
    const locked = !c.locked;
    return this.change(async () => [await this.port.call("targets_lock", { id: c.id, locked })], false);
  }

  /** Stores the weeks of the row at `at` from its months, so they can be edited and locked. */
  storeWeeks(at) {
    const r = this.port.grid().rows?.[at.row];
    if (!r || r.yearId === null) {
      this.port.hint("grid.splitNeedsCell");
      return;
    }
    return this.change(async (reason) => this.port.call("targets_store_weeks", { id: r.yearId, reason }));
  }
}
