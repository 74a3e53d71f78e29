// The grid's rows in view (the grid is virtualised: only the rows in view are in the page).
// A row's element is kept as long as what it shows is unchanged (its data, the tier,
// the language, ...): scrolling only adds the rows coming into view and drops those leaving it,
// and a reload that changed nothing replaces nothing. So an element under the pointer or the
// keyboard is never swapped for a copy between a press and its release. The active cell, the
// selection and the check's marks (which arrive after the rows) are set on the kept elements.

import { h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { yuan } from "../format.js";
import { ROW_H } from "./columns.js";
import { rowKey, visibleRange } from "./model.js";

/** Draws the rows in view of `view` (a <tl-targets>) into `view.body`, reusing kept rows. */
export function paintRows(view) {
  const { first, last } = visibleRange(view.scroller.scrollTop, view.scroller.clientHeight, ROW_H, view.rows.length);
  const mode = JSON.stringify([view.view, view.cross, view.tier, view.showBaseline, lang(), view.grid.fiscalYear, view.grid.approved, sumsMark(view)]);
  const before = view.drawn ?? new Map();
  const now = new Map();
  for (let i = first; i < last; i++) {
    const r = view.rows[i];
    const key = rowKey(i, r, mode, view.collapsed.has(r.unitId));
    const kept = before.get(i);
    if (kept && kept.key === key) {
      now.set(i, kept);
      continue;
    }
    const el = rowElement(view, r, i);
    if (kept) kept.el.replaceWith(el);
    else view.body.append(el);
    now.set(i, { key, el });
  }
  for (const [i, d] of before) if (!now.has(i)) d.el.remove();
  view.drawn = now;
  markCells(view);
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
    for (const cell of d.el.children) {
      if (!cell.classList.contains("tg-cell")) continue;
      const ci = Number(cell.dataset.col);
      const active = i === row && ci === col;
      const picked = !active && sel !== null && i >= sel.r0 && i <= sel.r1 && ci >= sel.c0 && ci <= sel.c1;
      cell.classList.toggle("active", active);
      cell.classList.toggle("selected", picked);
      if (ci >= columns.length) continue;
      const outside = view.outside?.get(`${r.unitId}/${r.dimensionId ?? ""}/${columns[ci].key}`) ?? null;
      cell.classList.toggle("gap", outside !== null || cell.ownGap);
      const tip = outside ? view.outsideTip(outside) : cell.ownTip;
      if (tip) cell.title = tip;
      else cell.removeAttribute("title");
    }
  }
}

function rowElement(view, r, i) {
  const g = view.grid;
  const member = r.dimensionId !== null;
  const label = member ? (lang() === "en" ? r.dimensionNameEn ?? r.dimensionName : r.dimensionName) : r.name;
  const cells = r.cells.map((c, ci) => periodCell(view, r, i, c, ci));
  const ci = g.columns.length;
  const yearValue = r.cells[ci - 1]?.value ?? null;
  const bottomUpGap = r.childrenCommitments !== null && yearValue !== null && view.tier === "base" && r.childrenCommitments !== yearValue;
  cells.push(
    h(
      "div",
      {
        class: `tg-cell num commit${bottomUpGap ? " gap" : ""}`,
        "data-row": i,
        "data-col": ci,
        "data-unit": r.name,
        "data-member": r.dimensionName ?? "",
        "data-period": "commitment",
        "data-value": r.commitment ?? "",
        title: r.childrenCommitments !== null ? t("grid.commitTip", { sum: yuan(r.childrenCommitments), diff: yuan(r.childrenCommitments - (yearValue ?? 0)) }) : null,
        onclick: (e) => view.pick(i, ci, e.shiftKey),
        ondblclick: () => view.edit(),
      },
      r.commitment !== null ? yuan(r.commitment) : r.childrenCommitments !== null ? h("span", { class: "muted" }, `Σ ${yuan(r.childrenCommitments)}`) : "—",
    ),
  );
  return h(
    "div",
    { class: `tg-row depth-${r.depth} ${member ? "member" : r.kind}`, style: `top:${i * ROW_H}px`, "data-unit-row": member ? `${r.name}/${r.dimensionName}` : r.name },
    h(
      "div",
      { class: "tg-name", style: `padding-left:${8 + r.depth * 16}px`, title: member ? `${r.name} · ${label}` : null },
      r.hasChildren || (g.cross && !member)
        ? h("button", { class: "g-toggle", onclick: () => view.toggle(r.unitId) }, view.collapsed.has(r.unitId) ? "▸" : "▾")
        : h("span", { class: "g-toggle-space" }),
      label,
    ),
    cells,
  );
}

function periodCell(view, r, i, c, ci) {
  const col = view.grid.columns[ci];
  const isYear = col.kind === "year";
  const mismatch = sumsMark(view) && isYear && c && r.childrenSum !== null && r.childrenSum !== c.value && view.tier === "base";
  const classes = ["tg-cell", "num", col.kind];
  if (!c) classes.push("empty");
  else if (c.id === null) classes.push("derived");
  if (c?.locked) classes.push("locked");
  const revised = c && c.baseline !== null && c.baseline !== undefined && c.baseline !== c.value;
  if (revised) classes.push("revised");
  if (view.showBaseline && c && c.id !== null) classes.push("baseline");
  const el = h(
    "div",
    {
      class: classes.join(" "),
      "data-row": i,
      "data-col": ci,
      "data-unit": r.name,
      "data-member": r.dimensionName ?? "",
      "data-period": col.key,
      "data-value": c?.value ?? "",
      "data-baseline": c?.baseline ?? "",
      onclick: (e) => view.pick(i, ci, e.shiftKey),
      ondblclick: () => view.edit(),
    },
    c?.locked ? h("span", { class: "lock", role: "img", "aria-label": t("grid.locked"), title: t("grid.locked") }) : null,
    !c ? "—" : view.showBaseline && c.id !== null ? (c.baseline === null ? t("grid.newSinceApproval") : yuan(c.baseline)) : yuan(c.value),
  );
  // What the cell marks by itself; the check's marks are laid over it (see markCells).
  el.ownGap = Boolean(mismatch);
  el.ownTip = mismatch
    ? t("grid.gapTip", { sum: yuan(r.childrenSum), diff: yuan(r.childrenSum - c.value) })
    : revised ? t("grid.revisedTip", { baseline: yuan(c.baseline), now: yuan(c.value) }) : null;
  return el;
}
