// The grid's model, without the DOM (node-tested): the selection, the cell at a place, what a
// copy writes and what a paste edits, where an edit goes in the target tree, and which questions
// an edit asks (what the children do, what the parent does).

import { parseMoney, parsePercentBp } from "../format.js";

/** The selected block between the anchor and the active cell (null: the active cell alone). */
export function selectionBox(anchor, active) {
  if (!anchor) return null;
  return {
    r0: Math.min(anchor.row, active.row),
    r1: Math.max(anchor.row, active.row),
    c0: Math.min(anchor.col, active.col),
    c1: Math.max(anchor.col, active.col),
  };
}

/** The cell at (row, col) of the drawn `rows`; the column after the periods is the row's
 * commitment (kept on its year cell). */
export function cellAt(rows, columns, row, col) {
  const r = rows[row];
  if (!r) return null;
  if (col === columns.length) {
    return r.yearId === null ? null : { id: r.yearId, value: r.commitment, commitment: true, locked: false };
  }
  return r.cells[col] ?? null;
}

/** Fen as plain text for an editor or the clipboard: 12345600 -> "123456.00". */
export function plainAmount(fen) {
  if (fen === null || fen === undefined) return "";
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  return `${neg ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** The block `box` as Excel's clipboard text: tab-separated, CRLF between rows. */
export function copyText(box, at) {
  const lines = [];
  for (let r = box.r0; r <= box.r1; r++) {
    const row = [];
    for (let c = box.c0; c <= box.c1; c++) {
      const cell = at(r, c);
      row.push(cell ? plainAmount(cell.value) : "");
    }
    lines.push(row.join("\t"));
  }
  return lines.join("\r\n");
}

/**
 * What pasting `text` (Excel's tab-separated block) at `active` changes: `{edits: [{row, col,
 * value}], bad}`. Empty texts, cells outside the grid, commitments and week cells are skipped;
 * unchanged values are left out; `bad` is the first text that is not an amount (then nothing is
 * edited).
 */
export function pasteEdits(text, active, at, columns) {
  const lines = text.replace(/\r/g, "").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const edits = [];
  for (let i = 0; i < lines.length; i++) {
    const values = lines[i].split("\t");
    for (let j = 0; j < values.length; j++) {
      const row = active.row + i;
      const col = active.col + j;
      const cell = at(row, col);
      if (!cell || cell.commitment || columns[col]?.kind === "week" || values[j].trim() === "") continue;
      const fen = parseMoney(values[j]);
      if (fen === null) return { edits: [], bad: values[j] };
      if (fen !== cell.value) edits.push({ row, col, value: fen });
    }
  }
  return { edits, bad: null };
}

/** A typed or pasted value as the target tree takes it: `{unitId, dimensionId, period, tier, value}`. */
export function treeEdit(row, column, tier, value) {
  return { unitId: row.unitId, dimensionId: row.dimensionId ?? null, period: column.key, tier, value };
}

/** Which questions an edit of these rows asks: `children` when a row has children (or members
 * under it), `parent` when a row has a parent. */
export function questions(rows) {
  return {
    children: rows.some((r) => r.hasChildren || (r.dimensionId === null && r.members)),
    parent: rows.some((r) => r.parentId !== null || r.dimensionId !== null),
  };
}

/** The answer sent to the tree: only what was asked, the rest at its default. */
export function choiceFor(asked, answer) {
  return {
    children: asked.children ? answer.children : "spread",
    parent: asked.parent ? answer.parent : "keep",
  };
}

/** Rounding units offered, in fen: fen, yuan, 100, 1,000 and 10,000 yuan. */
export const ROUNDING_UNITS = [1, 100, 10_000, 100_000, 1_000_000];

/** The band typed as two percents: `{minBp, maxBp}` or null when unreadable or not holding 100%. */
export function readBand(minText, maxText) {
  const minBp = parsePercentBp(minText);
  const maxBp = parsePercentBp(maxText);
  if (minBp === null || maxBp === null || minBp > 10_000 || maxBp < 10_000) return null;
  return { minBp, maxBp };
}

/** The rows drawn for a scroll position: the ones in view and two either side, `[first, last)`. */
export function visibleRange(scrollTop, height, rowH, count) {
  const first = Math.max(0, Math.floor(scrollTop / rowH) - 2);
  const last = Math.min(count, first + Math.ceil(height / rowH) + 4);
  return { first, last };
}

const rowTexts = new WeakMap();

/** What a drawn row shows, as one string: a row is redrawn only when this changes. `mode` holds
 * what every row shows alike (tier, language, ...). */
export function rowKey(index, row, mode, collapsed) {
  let text = rowTexts.get(row);
  if (text === undefined) {
    text = JSON.stringify(row);
    rowTexts.set(row, text);
  }
  return `${index}|${collapsed ? 1 : 0}|${mode}|${text}`;
}

/** The rows shown: every row but those under a folded row (`collapsed`: folded unit ids). */
export function visibleRows(rows, collapsed) {
  const hidden = new Set();
  const shown = [];
  for (const r of rows) {
    if (r.parentId !== null && (hidden.has(r.parentId) || collapsed.has(r.parentId))) {
      hidden.add(r.unitId);
      continue;
    }
    shown.push(r);
  }
  return shown;
}

/**
 * Where to scroll so the cell at (`row`, `col`) is in view, a row clear of the top and bottom and
 * clear of the sticky name column: `{top, left}` of the scroller (unchanged when already in view).
 * `at`: the scroller's `{top, left, height, width}`; sizes in px.
 */
export function scrollToShow(row, col, at, { rowH, nameW, cellW }) {
  let { top, left } = at;
  const y = row * rowH;
  if (y < top + rowH) top = Math.max(0, y - rowH);
  else if (y + 2 * rowH > top + at.height) top = y + 2 * rowH - at.height;
  const x = nameW + col * cellW;
  if (x < left + nameW) left = x - nameW;
  else if (x + cellW > left + at.width) left = x + cellW - at.width;
  return { top, left };
}

/** Why the active cell cannot take a typed value (`"baseline"`, `"derivedWeek"`, `"none"`), or
 * null when it can: the approval baseline is read-only, a derived week is typed in its month. */
export function notEditable(cell, column, showBaseline) {
  if (showBaseline) return "baseline";
  if (!cell) return "none";
  if (cell.id === null && column?.kind === "week") return "derivedWeek";
  return null;
}

/** The command that undoes a history step: `[command, args]` (see targets/history.js). */
export function undoCall(step) {
  if (step.core) return ["targets_undo", { reason: step.reason }];
  if (step.before.ratios) return ["targets_restore_ratios", { previous: step.before.ratios, before: step.before.cells, reason: step.reason }];
  return ["targets_restore", { cells: step.before, reason: step.reason }];
}
