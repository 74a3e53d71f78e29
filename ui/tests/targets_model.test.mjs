import { test } from "node:test";
import assert from "node:assert/strict";
import { cellAt, choiceFor, copyText, pasteEdits, plainAmount, questions, rowKey, selectionBox, treeEdit, visibleRange } from "../js/targets/model.js";

const columns = [{ key: "2027", kind: "year" }, { key: "2027-01", kind: "month" }, { key: "2027-02", kind: "month" }, { key: "2027-W01", kind: "week" }];
const rows = [
  { unitId: 1, parentId: null, dimensionId: null, hasChildren: true, yearId: 10, commitment: null, cells: [{ id: 10, value: 100_000_000 }, { id: 11, value: 5_000_000 }, { id: 12, value: 6_000_000 }, { id: null, value: 1 }] },
  { unitId: 2, parentId: 1, dimensionId: null, hasChildren: false, yearId: 20, commitment: 12_300, cells: [{ id: 20, value: 40_000_000 }, { id: 21, value: 2_000_000 }, { id: 22, value: 3_000_000 }, { id: null, value: 2 }] },
];
const at = (r, c) => cellAt(rows, columns, r, c);

test("the selection is the block between anchor and active, in any direction", () => {
  assert.equal(selectionBox(null, { row: 1, col: 1 }), null);
  assert.deepEqual(selectionBox({ row: 3, col: 0 }, { row: 1, col: 2 }), { r0: 1, r1: 3, c0: 0, c1: 2 });
});

test("the column after the periods is the commitment, kept on the year cell", () => {
  assert.deepEqual(at(1, 4), { id: 20, value: 12_300, commitment: true, locked: false });
  assert.equal(at(1, 2).value, 3_000_000);
  assert.equal(at(5, 0), null);
});

test("amounts print plainly, exactly, without floats", () => {
  assert.equal(plainAmount(12_345_600), "123456.00");
  assert.equal(plainAmount(5), "0.05");
  assert.equal(plainAmount(-100_050), "-1000.50");
  assert.equal(plainAmount(900_719_925_474_099), "9007199254740.99");
  assert.equal(plainAmount(null), "");
});

test("a copied block is tab-separated with CRLF rows", () => {
  assert.equal(copyText({ r0: 0, r1: 1, c0: 1, c1: 2 }, at), "50000.00\t60000.00\r\n20000.00\t30000.00");
});

test("a pasted block edits the cells it covers, skipping blanks, weeks and unchanged values", () => {
  const { edits, bad } = pasteEdits("1,000.50\t60000\t7\r\n\t3.5万\r\n", { row: 0, col: 1 }, at, columns);
  assert.equal(bad, null);
  // 60000 is February's value already; the week column is derived; the blank leaves January.
  assert.deepEqual(edits, [{ row: 0, col: 1, value: 100_050 }, { row: 1, col: 2, value: 3_500_000 }]);
});

test("a paste with one text that is not an amount edits nothing and names it", () => {
  assert.deepEqual(pasteEdits("100\tabc", { row: 0, col: 1 }, at, columns), { edits: [], bad: "abc" });
});

test("an edit addresses the tree by place", () => {
  assert.deepEqual(treeEdit(rows[1], columns[2], "base", 123), { unitId: 2, dimensionId: null, period: "2027-02", tier: "base", value: 123 });
});

test("a parent asks about its children, a child about its parent, a middle row about both", () => {
  assert.deepEqual(questions([rows[0]]), { children: true, parent: false });
  assert.deepEqual(questions([rows[1]]), { children: false, parent: true });
  assert.deepEqual(questions([{ ...rows[1], hasChildren: true }]), { children: true, parent: true });
  assert.deepEqual(questions([{ unitId: 9, parentId: null, dimensionId: null, hasChildren: false }]), { children: false, parent: false });
});

test("only what was asked is sent; the rest keeps the tree's default", () => {
  assert.deepEqual(choiceFor({ children: true, parent: false }, { children: "keep", parent: "rollUp" }), { children: "keep", parent: "keep" });
  assert.deepEqual(choiceFor({ children: false, parent: true }, { children: "keep", parent: "rollUp" }), { children: "spread", parent: "rollUp" });
});

test("week columns carry their Monday and Sunday (ISO weeks)", async () => {
  const { weekDates } = await import("../js/targets/columns.js");
  assert.deepEqual(weekDates("2026-W01"), { from: "12-29", to: "01-04" });
  assert.deepEqual(weekDates("2027-W01"), { from: "01-04", to: "01-10" });
  assert.deepEqual(weekDates("2026-W53"), { from: "12-28", to: "01-03" });
  assert.deepEqual(weekDates("2026-W14"), { from: "03-30", to: "04-05" });
});

test("the allocation band is two exact percents holding 100%", async () => {
  const { readBand, ROUNDING_UNITS } = await import("../js/targets/model.js");
  assert.deepEqual(readBand("100", "120"), { minBp: 10_000, maxBp: 12_000 });
  assert.deepEqual(readBand("99.5%", "100"), { minBp: 9_950, maxBp: 10_000 });
  assert.equal(readBand("101", "120"), null);
  assert.equal(readBand("90", "99.99"), null);
  assert.equal(readBand("x", "120"), null);
  assert.deepEqual(ROUNDING_UNITS, [1, 100, 10_000, 100_000, 1_000_000]);
});

test("the rows drawn are those in view and two either side, inside the grid", () => {
  // 600 px at 30 px a row: 20 rows in view. Scrolled to row 100: rows 98..121.
  assert.deepEqual(visibleRange(3000, 600, 30, 5056), { first: 98, last: 122 });
  assert.deepEqual(visibleRange(0, 600, 30, 5056), { first: 0, last: 24 });
  assert.deepEqual(visibleRange(0, 600, 30, 7), { first: 0, last: 7 });
});

test("a row is redrawn only when what it shows changes", () => {
  const same = structuredClone(rows[1]);
  assert.equal(rowKey(1, rows[1], "m", false), rowKey(1, same, "m", false));
  const changed = structuredClone(rows[1]);
  changed.commitment = 12_400;
  assert.notEqual(rowKey(1, rows[1], "m", false), rowKey(1, changed, "m", false));
  assert.notEqual(rowKey(1, rows[1], "m", false), rowKey(2, rows[1], "m", false));
  assert.notEqual(rowKey(1, rows[1], "m", false), rowKey(1, rows[1], "m", true));
  assert.notEqual(rowKey(1, rows[1], "m", false), rowKey(1, rows[1], "en", false));
});

test("folded rows hide everything under them, at any depth", async () => {
  const { visibleRows } = await import("../js/targets/model.js");
  const tree = [
    { unitId: 1, parentId: null },
    { unitId: 2, parentId: 1 },
    { unitId: 3, parentId: 2 },
    { unitId: 4, parentId: 3 },
    { unitId: 5, parentId: 1 },
  ];
  assert.deepEqual(visibleRows(tree, new Set()).map((r) => r.unitId), [1, 2, 3, 4, 5]);
  assert.deepEqual(visibleRows(tree, new Set([2])).map((r) => r.unitId), [1, 2, 5]);
  assert.deepEqual(visibleRows(tree, new Set([1])).map((r) => r.unitId), [1]);
});

test("picking a cell scrolls just enough to show it clear of the edges and the name column", async () => {
  const { scrollToShow } = await import("../js/targets/model.js");
  const sizes = { rowH: 30, nameW: 220, cellW: 132 };
  const at = { top: 300, left: 0, height: 600, width: 900 };
  // Row 20 (y 600) is in view: nothing moves.
  assert.deepEqual(scrollToShow(20, 0, at, sizes), { top: 300, left: 0 });
  // Row 5 (y 150) above: one row above it shows (120).
  assert.deepEqual(scrollToShow(5, 0, at, sizes), { top: 120, left: 0 });
  // Row 40 (y 1200) below: its bottom plus a row (1260) at the bottom edge (1260 − 600 = 660).
  assert.deepEqual(scrollToShow(40, 0, at, sizes), { top: 660, left: 0 });
  // Column 6 (x 1012, right edge 1144) past the width 900: left 244.
  assert.deepEqual(scrollToShow(20, 6, at, sizes), { top: 300, left: 244 });
  // Back to column 1 (x 352) while scrolled to 244: clear of the name column, left 132.
  assert.deepEqual(scrollToShow(20, 1, { ...at, left: 244 }, sizes), { top: 300, left: 132 });
});

test("the baseline and derived weeks are not typed into; everything else is", async () => {
  const { notEditable } = await import("../js/targets/model.js");
  const stored = { id: 7, value: 1 };
  const derived = { id: null, value: 1 };
  assert.equal(notEditable(stored, { kind: "month" }, true), "baseline");
  assert.equal(notEditable(null, { kind: "month" }, false), "none");
  assert.equal(notEditable(derived, { kind: "week" }, false), "derivedWeek");
  assert.equal(notEditable(derived, { kind: "quarter" }, false), null);
  assert.equal(notEditable(stored, { kind: "week" }, false), null);
});

test("each kind of history step is undone by its own command", async () => {
  const { undoCall } = await import("../js/targets/model.js");
  assert.deepEqual(undoCall({ core: true, reason: null }), ["targets_undo", { reason: null }]);
  const cells = [{ id: 3, baseValue: 100 }];
  assert.deepEqual(undoCall({ before: cells, reason: { category: "market" } }), ["targets_restore", { cells, reason: { category: "market" } }]);
  const ratios = { floorBp: 8000 };
  assert.deepEqual(undoCall({ before: { ratios, cells }, reason: null }), ["targets_restore_ratios", { previous: ratios, before: cells, reason: null }]);
});
