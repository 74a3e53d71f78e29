import { test } from "node:test";
import assert from "node:assert/strict";
import { GridEdits } from "../js/targets/edits.js";

// The company (a parent) and 张三 (a child, the commitment 123.00 on his year), a year and a
// month column, then the commitment column.
const columns = [{ key: "2027", kind: "year" }, { key: "2027-01", kind: "month" }];
const rows = [
  { unitId: 1, parentId: null, dimensionId: null, hasChildren: true, yearId: 10, commitment: null, cells: [{ id: 10, value: 100_000_000 }, { id: 11, value: 5_000_000, locked: false }] },
  { unitId: 2, parentId: 1, dimensionId: null, hasChildren: false, yearId: 20, commitment: 12_300, cells: [{ id: 20, value: 40_000_000 }, { id: 21, value: 2_000_000, locked: true }] },
  { unitId: 3, parentId: 1, dimensionId: null, hasChildren: false, yearId: null, commitment: null, cells: [{ id: null, value: 0 }, { id: null, value: 0 }] },
];

/** A grid whose port records what the edits ask and call; `answers` are the user's. */
function setup({ approved = false, choices = [], reasons = [], results = {} } = {}) {
  const log = [];
  const history = { undo: [], redo: [] };
  const port = {
    grid: () => ({ rows, columns, tier: "base", approved, plan: { year: 2027 } }),
    call: async (cmd, args) => {
      log.push([cmd, args]);
      if (results[cmd] instanceof Error) throw results[cmd];
      return results[cmd] ?? { step: 7 };
    },
    askChoice: async (asked) => { log.push(["askChoice", asked]); return choices.shift() ?? null; },
    askReason: async () => { log.push(["askReason"]); return reasons.shift() ?? null; },
    act: async (run) => { try { await run(); } catch (err) { log.push(["error", err.message]); } },
    sync: () => {},
    badAmount: (text) => log.push(["badAmount", text]),
    hint: (key) => log.push(["hint", key]),
    panel: () => {},
    check: () => log.push(["check"]),
  };
  return { edits: new GridEdits(port, history), log, history };
}

const calls = (log) => log.filter(([what]) => what.startsWith("targets_"));

test("a typed amount is one change of the tree, with one question, and undoes and redoes", async () => {
  const { edits, log, history } = setup({ choices: [{ children: "keep", parent: "rollUp" }] });
  await edits.commitText({ row: 1, col: 1 }, "1.2亿");
  // 张三 has a parent and no children: only what the parent does is asked.
  assert.deepEqual(log[0], ["askChoice", { children: false, parent: true }]);
  assert.deepEqual(calls(log), [["targets_edit", {
    plan: { year: 2027 },
    edits: [{ unitId: 2, dimensionId: null, period: "2027-01", tier: "base", value: 12_000_000_000 }],
    choice: { children: "spread", parent: "rollUp" },
    reason: null,
  }]]);
  assert.deepEqual(history.undo, [{ core: true, reason: null }]);
  assert.equal(edits.canUndo, true);
  await edits.undo();
  await edits.redo();
  assert.deepEqual(calls(log).slice(1), [["targets_undo", { reason: null }], ["targets_redo", { reason: null }]]);
  assert.deepEqual([history.undo.length, history.redo.length], [1, 0]);
});

test("an unchanged value, an empty text or a cancelled question changes nothing", async () => {
  const { edits, log, history } = setup();
  await edits.commitText({ row: 1, col: 1 }, "20000");
  await edits.commitText({ row: 1, col: 1 }, "  ");
  await edits.commitText({ row: 0, col: 1 }, "60000");
  assert.deepEqual(log, [["askChoice", { children: true, parent: false }]]);
  assert.equal(history.undo.length, 0);
});

test("a text that is not an amount is refused by name", async () => {
  const { edits, log } = setup();
  await edits.commitText({ row: 0, col: 0 }, "12abc");
  assert.deepEqual(log, [["badAmount", "12abc"]]);
});

test("an approved plan asks the reason of every change and never reuses the last one", async () => {
  const board = { category: "policy", text: "board raised the target" };
  const { edits, log, history } = setup({
    approved: true,
    choices: [{ children: "spread", parent: "keep" }, { children: "spread", parent: "keep" }],
    reasons: [board, null],
  });
  await edits.editCells([{ row: 0, col: 1, value: 6_000_000 }]);
  // The second change's reason is cancelled: nothing is called, the first reason is not reused.
  await edits.editCells([{ row: 0, col: 0, value: 90_000_000 }]);
  assert.deepEqual(log.map(([what]) => what), ["askChoice", "askReason", "targets_edit", "askChoice", "askReason"]);
  assert.equal(calls(log)[0][1].reason, board);
  assert.deepEqual(history.undo, [{ core: true, reason: board }]);
  await edits.undo();
  assert.deepEqual(calls(log)[1], ["targets_undo", { reason: board }]);
});

test("a commitment is set, cleared, and undone from its snapshot", async () => {
  const before = [{ id: 20, commitment: 12_300 }];
  const { edits, log, history } = setup({ results: { targets_commit: before } });
  await edits.commitText({ row: 1, col: 2 }, "500");
  await edits.commitText({ row: 1, col: 2 }, "");
  assert.deepEqual(calls(log), [
    ["targets_commit", { id: 20, commitment: 50_000 }],
    ["targets_commit", { id: 20, commitment: null }],
  ]);
  assert.equal(history.undo.length, 2);
  await edits.undo();
  assert.deepEqual(calls(log)[2], ["targets_restore", { cells: [before], reason: null }]);
  // Redo runs the change again and keeps the snapshot it returns for the next undo.
  await edits.redo();
  assert.deepEqual(calls(log)[3], ["targets_commit", { id: 20, commitment: null }]);
  assert.deepEqual(history.undo[1].before, [before]);
});

test("a lock toggles the stored target; weeks need a row with a stored year", async () => {
  const { edits, log } = setup();
  await edits.toggleLock({ row: 1, col: 1 });
  await edits.toggleLock({ row: 1, col: 2 }); // a commitment has no lock
  await edits.toggleLock({ row: 2, col: 1 }); // a derived cell neither
  await edits.storeWeeks({ row: 2, col: 0 });
  await edits.storeWeeks({ row: 1, col: 0 });
  assert.deepEqual(log, [
    ["targets_lock", { id: 21, locked: false }],
    ["hint", "grid.splitNeedsCell"],
    ["targets_store_weeks", { id: 20, reason: null }],
  ]);
});

test("a failed change records no step; a failed undo leaves nothing to redo", async () => {
  const { edits, log, history } = setup({ choices: [{ children: "spread", parent: "keep" }], results: { targets_edit: new Error("locked") } });
  await edits.editCells([{ row: 0, col: 1, value: 1 }]);
  assert.deepEqual(log.at(-1), ["error", "locked"]);
  assert.equal(history.undo.length, 0);
  const failing = setup({ results: { targets_undo: new Error("gone") } });
  failing.history.undo.push({ core: true, reason: null });
  await failing.edits.undo();
  assert.deepEqual([failing.history.undo.length, failing.history.redo.length], [0, 0]);
});

test("a fix is one tree step and shows the check again; approval forgets the history", async () => {
  const { edits, log, history } = setup();
  const cell = { unitId: 1, dimensionId: null, period: "2027" };
  await edits.fixCell(cell, "sumMonths");
  assert.deepEqual(log, [["targets_fix", { plan: { year: 2027 }, cell, fix: "sumMonths", reason: null }], ["check"]]);
  assert.equal(history.undo.length, 1);
  edits.forget();
  assert.deepEqual(history, { undo: [], redo: [] });
  assert.equal(edits.canUndo, false);
});
