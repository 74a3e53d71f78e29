// The grid's rows in view (the grid is virtualised: only the rows in view are in the page).
// A row's element is kept as long as what it shows is unchanged (its data, the tier,
// the language, ...), so an element under the pointer or the keyboard is never swapped for a copy
// between a press and its release. Scrolling recycles the elements of the rows leaving the view for
// the rows coming into it: their text and classes are rewritten in place, nothing is created (a
// scroll frame then costs one style and layout pass over the rows in view). Clicks are caught once
// on the rows' body. The active cell, the selection and the check's marks (which arrive after the
// rows) are set on the kept elements.

import { h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { percent, yuan } from "../format.js";
import { ROW_H } from "./columns.js";
import { rowKey, visibleRange } from "./model.js";

/** Draws the rows in view of `view` (a <tl-targets>) into `view.body`, reusing drawn rows. */
export function paintRows(view) {
  listenOnce(view);
  const { first, last } = visibleRange(view.scroller.scrollTop, view.scroller.clientHeight, ROW_H, view.rows.length);
  const mode = JSON.stringify([view.view, view.cross, view.tier, view.showBaseline, lang(), view.grid.fiscalYear, view.grid.approved, sumsMark(view)]);
  const before = view.drawn ?? new Map();
  const now = new Map();
  // The rows leaving the view lend their elements to the rows coming into it.
  const spare = [];
  for (const [i, d] of before) if (i < first || i >= last) spare.push(d);
  for (let i = first; i < last; i++) {
    const r = view.rows[i];
    const collapsed = view.collapsed.has(r.unitId);
    const kept = before.get(i);
    if (kept && sameRow(kept, i, r, mode, collapsed)) {
      now.set(i, kept);
      continue;
    }
    let d = kept ?? spare.pop() ?? null;
    if (d && d.el.cells.length === r.cells.length + 1) {
      fillRow(view, d.el, r, i);
    } else {
      const el = rowSkeleton(r.cells.length + 1);
      fillRow(view, el, r, i);
      if (d) d.el.replaceWith(el);
      else view.body.append(el);
      d = { el };
    }
    Object.assign(d, { row: r, mode, collapsed });
    now.set(i, d);
  }
  for (const d of spare) d.el.remove();
  view.drawn = now;
  markCells(view);
}

/** Whether the row drawn in `d` at index `i` shows what row `r` would: the same row object
 * (no reload since), or one whose data is equal (a reload that changed nothing). */
function sameRow(d, i, r, mode, collapsed) {
  if (d.mode !== mode || d.collapsed !== collapsed) return false;
  return d.row === r || rowKey(i, d.row, mode, collapsed) === rowKey(i, r, mode, collapsed);
}

/** One click and one double-click listener on the rows' body, for every cell and fold button. */
function listenOnce(view) {
  if (view.body.listening) return;
  view.body.listening = true;
  view.body.addEventListener("click", (e) => {
    const toggle = e.target.closest(".g-toggle");
    if (toggle) {
      view.toggle(toggle.closest(".tg-row").unitId);
      return;
    }
    const cell = e.target.closest(".tg-cell");
    if (cell) view.pick(Number(cell.dataset.row), Number(cell.dataset.col), e.shiftKey);
  });
  view.body.addEventListener("dblclick", (e) => {
    if (e.target.closest(".tg-cell")) view.edit();
  });
}

/** Whether parent cells are marked by their exact sums: only when the plan has no check (a
 * metric the tree cannot read); while the check is on its way nothing is marked. */
function sumsMark(view) {
  return !view.check && !view.checkPending;
}

/**
 * The classes and tips that change without the row's data, set on the kept cells: the active
 * cell, the selected block, and the check's marks (a parent whose children lie outside the plan's
 * band), which arrive after the rows are drawn.
 */
function markCells(view) {
  const sel = view.selection();
  const { row, col } = view.active;
  const columns = view.grid.columns;
  for (const [i, d] of view.drawn) {
    const r = view.rows[i];
    const cells = d.el.cells;
    for (let ci = 0; ci < cells.length; ci++) {
      const cell = cells[ci];
      const active = i === row && ci === col;
      const picked = !active && sel !== null && i >= sel.r0 && i <= sel.r1 && ci >= sel.c0 && ci <= sel.c1;
      cell.classList.toggle("active", active);
      cell.classList.toggle("selected", picked);
      if (ci >= columns.length) continue;
      const outside = view.outside?.size ? view.outside.get(`${r.unitId}/${r.dimensionId ?? ""}/${columns[ci].key}`) ?? null : null;
      cell.classList.toggle("gap", outside !== null || cell.ownGap);
      const tip = outside ? outsideTip(view.check.rule, outside) : cell.ownTip;
      if (tip) cell.title = tip;
      else cell.removeAttribute("title");
    }
  }
}

/** Why a parent cell is marked: its children's sum against its target and the plan's band. */
function outsideTip(rule, a) {
  const band = rule.allocationMinBp === rule.allocationMaxBp ? percent(rule.allocationMinBp) : `${percent(rule.allocationMinBp)}–${percent(rule.allocationMaxBp)}`;
  return t("tree.outsideTip", { allocated: amount(a.allocated), pct: a.allocatedBp === null ? "—" : percent(a.allocatedBp), target: amount(a.target), gap: amount(a.gap), band });
}

/** An empty row of `count` cells (the periods, then the commitment), filled by `fillRow`. */
function rowSkeleton(count) {
  const name = h("div", { class: "tg-name" }, h("span", { class: "g-toggle-space" }), "");
  const cells = [];
  for (let ci = 0; ci < count; ci++) cells.push(h("div", { "data-col": ci }));
  const el = h("div", {}, name, cells);
  el.nameCell = name;
  el.cells = cells;
  return el;
}

/** Writes row `r` (drawn at index `i`) into the row element `el`. */
function fillRow(view, el, r, i) {
  const g = view.grid;
  const member = r.dimensionId !== null;
  const label = member ? (lang() === "en" ? r.dimensionNameEn ?? r.dimensionName : r.dimensionName) : r.name;
  el.className = `tg-row depth-${r.depth} ${member ? "member" : r.kind}`;
  el.style.top = `${i * ROW_H}px`;
  el.dataset.unitRow = member ? `${r.name}/${r.dimensionName}` : r.name;
  el.unitId = r.unitId;
  const name = el.nameCell;
  name.style.paddingLeft = `${8 + r.depth * 16}px`;
  setTitle(name, member ? `${r.name} · ${label}` : null);
  name.firstChild.replaceWith(
    r.hasChildren || (g.cross && !member)
      ? h("button", { class: "g-toggle" }, view.collapsed.has(r.unitId) ? "▸" : "▾")
      : h("span", { class: "g-toggle-space" }),
  );
  name.lastChild.data = label;
  for (let ci = 0; ci < r.cells.length; ci++) fillPeriodCell(view, el.cells[ci], r, i, r.cells[ci], ci);
  fillCommitCell(view, el.cells[r.cells.length], r, i);
}

function fillCommitCell(view, el, r, i) {
  const ci = view.grid.columns.length;
  const yearValue = r.cells[ci - 1]?.value ?? null;
  const bottomUpGap = r.childrenCommitments !== null && yearValue !== null && view.tier === "base" && r.childrenCommitments !== yearValue;
  setClass(el, `tg-cell num commit${bottomUpGap ? " gap" : ""}`);
  setData(el, i, r, "commitment", r.commitment ?? "");
  setTitle(el, r.childrenCommitments !== null ? t("grid.commitTip", { sum: amount(r.childrenCommitments), diff: amount(r.childrenCommitments - (yearValue ?? 0)) }) : null);
  if (r.commitment !== null) setText(el, amount(r.commitment));
  else if (r.childrenCommitments !== null) el.replaceChildren(h("span", { class: "muted" }, `Σ ${amount(r.childrenCommitments)}`));
  else setText(el, "—");
}

function fillPeriodCell(view, el, r, i, c, ci) {
  const col = view.grid.columns[ci];
  const isYear = col.kind === "year";
  const mismatch = sumsMark(view) && isYear && c && r.childrenSum !== null && r.childrenSum !== c.value && view.tier === "base";
  let classes = `tg-cell num ${col.kind}`;
  if (!c) classes += " empty";
  else if (c.id === null) classes += " derived";
  if (c?.locked) classes += " locked";
  const revised = c && c.baseline !== null && c.baseline !== undefined && c.baseline !== c.value;
  if (revised) classes += " revised";
  if (view.showBaseline && c && c.id !== null) classes += " baseline";
  setClass(el, classes);
  setData(el, i, r, col.key, c?.value ?? "");
  const baseline = String(c?.baseline ?? "");
  if (el.dataset.baseline !== baseline) el.dataset.baseline = baseline;
  const text = !c ? "—" : view.showBaseline && c.id !== null ? (c.baseline === null ? t("grid.newSinceApproval") : amount(c.baseline)) : amount(c.value);
  if (c?.locked) el.replaceChildren(h("span", { class: "lock", role: "img", "aria-label": t("grid.locked"), title: t("grid.locked") }), text);
  else setText(el, text);
  // What the cell marks by itself; the check's marks are laid over it (see markCells).
  el.ownGap = Boolean(mismatch);
  el.ownTip = mismatch
    ? t("grid.gapTip", { sum: amount(r.childrenSum), diff: amount(r.childrenSum - c.value) })
    : revised ? t("grid.revisedTip", { baseline: amount(c.baseline), now: amount(c.value) }) : null;
}

/** The data attributes tests and the cell menu read: row, unit, member, period and value. Each
 * is written only when it changes (a recycled cell keeps its column's period, most often). */
function setData(el, i, r, period, value) {
  const was = (el.shown ??= {});
  const now = { row: String(i), unit: r.name, member: r.dimensionName ?? "", period, value: String(value) };
  for (const k in now) {
    if (was[k] !== now[k]) {
      el.dataset[k] = now[k];
      was[k] = now[k];
    }
  }
}

/** The cell's own classes (markCells adds the active, selected and gap marks after): written
 * only when they change, so a recycled cell showing the same kind of figure restyles nothing. */
function setClass(el, classes) {
  if (el.ownClasses === classes) return;
  el.className = classes;
  el.ownClasses = classes;
}

/** The cell's text, rewriting its one text node in place when it has one. */
function setText(el, text) {
  const only = el.firstChild;
  if (only && only === el.lastChild && only.nodeType === Node.TEXT_NODE) {
    if (only.data !== text) only.data = text;
  } else {
    el.textContent = text;
  }
}

function setTitle(el, title) {
  if (title) el.title = title;
  else el.removeAttribute("title");
}

/** Formatted amounts, cached: scrolling formats the same figures again and again. */
const texts = new Map();

function amount(fen) {
  let text = texts.get(fen);
  if (text === undefined) {
    if (texts.size > 50_000) texts.clear();
    text = yuan(fen);
    texts.set(fen, text);
  }
  return text;
}
