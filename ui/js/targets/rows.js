// The grid's rows in view (the grid is virtualised: only the rows in view are in the page).
// A row's element is kept as long as what it shows is unchanged (its data, its marks, the tier,
// the language, ...): scrolling only adds the rows coming into view and drops those leaving it,
// and a reload that changed nothing replaces nothing. So an element under the pointer or the
// keyboard is never swapped for a copy between a press and its release. The active cell and the
// selection are classes toggled on the kept elements.

import { h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { yuan } from "../format.js";
import { ROW_H } from "./columns.js";
import { rowKey, visibleRange } from "./model.js";

/** Draws the rows in view of `view` (a <tl-targets>) into `view.body`, reusing kept rows. */
export function paintRows(view) {
  const { first, last } = visibleRange(view.scroller.scrollTop, view.scroller.clientHeight, ROW_H, view.rows.length);
  const mode = JSON.stringify([view.view, view.cross, view.tier, view.showBaseline, lang(), view.grid.fiscalYear, view.grid.approved, marksMode(view)]);
  const before = view.drawn ?? new Map();
  const now = new Map();
  for (let i = first; i < last; i++) {
    const r = view.rows[i];
    const key = rowKey(i, r, mode, view.collapsed.has(r.unitId), rowMarks(view, r));
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
  markSelection(view);
}

/** How parent cells are marked: by the check's band, by the exact sums while there is no check,
 * or not yet (the check is still on its way). */
function marksMode(view) {
  if (view.checkPending) return "pending";
  return view.check ? "check" : "sums";
}

/** The check's marks on this row's cells (with the rule their tips name), or "". */
function rowMarks(view, r) {
  if (!view.check || !view.outside?.size) return "";
  const marks = view.grid.columns.map((c) => view.outside.get(`${r.unitId}/${r.dimensionId ?? ""}/${c.key}`) ?? null);
  return marks.some((m) => m) ? JSON.stringify([view.check.rule, marks]) : "";
}

/** The active cell and the selected block, as classes on the drawn cells. */
function markSelection(view) {
  const sel = view.selection();
  const { row, col } = view.active;
  for (const [i, d] of view.drawn) {
    for (const cell of d.el.querySelectorAll(".tg-cell")) {
      const ci = Number(cell.dataset.col);
      const active = i === row && ci === col;
      const picked = !active && sel !== null && i >= sel.r0 && i <= sel.r1 && ci >= sel.c0 && ci <= sel.c1;
      cell.classList.toggle("active", active);
      cell.classList.toggle("selected", picked);
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
  const outside = view.check ? view.outside?.get(`${r.unitId}/${r.dimensionId ?? ""}/${col.key}`) ?? null : null;
  const mismatch = marksMode(view) === "sums" && isYear && c && r.childrenSum !== null && r.childrenSum !== c.value && view.tier === "base";
  const classes = ["tg-cell", "num", col.kind];
  if (!c) classes.push("empty");
  else if (c.id === null) classes.push("derived");
  if (c?.locked) classes.push("locked");
  if (mismatch || outside) classes.push("gap");
  const revised = c && c.baseline !== null && c.baseline !== undefined && c.baseline !== c.value;
  if (revised) classes.push("revised");
  if (view.showBaseline && c && c.id !== null) classes.push("baseline");
  return h(
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
      title: outside
        ? view.outsideTip(outside)
        : mismatch
        ? t("grid.gapTip", { sum: yuan(r.childrenSum), diff: yuan(r.childrenSum - c.value) })
        : revised ? t("grid.revisedTip", { baseline: yuan(c.baseline), now: yuan(c.value) }) : null,
      onclick: (e) => view.pick(i, ci, e.shiftKey),
      ondblclick: () => view.edit(),
    },
    c?.locked ? h("span", { class: "lock", role: "img", "aria-label": t("grid.locked"), title: t("grid.locked") }) : null,
    !c ? "—" : view.showBaseline && c.id !== null ? (c.baseline === null ? t("grid.newSinceApproval") : yuan(c.baseline)) : yuan(c.value),
  );
}
