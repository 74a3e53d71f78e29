// The grid's context menu on a cell: the cell's revision history, and the commitment sheets of
// its unit (export, import). Opened by a right click (or the context-menu key) on a cell.

import { h } from "../dom.js";
import { t } from "../i18n.js";
import { exportCommitments, importCommitments } from "./commitments.js";
import { showRevisions } from "./revisions.js";

/** The cell of the active place, as the revision log's per-cell filter. */
export function activeCell(view) {
  const r = view.rows?.[view.active.row];
  if (!r) return null;
  const col = view.grid.columns[view.active.col];
  const period = col ? col.key : String(view.grid.fiscalYear);
  return { unitId: r.unitId, dimensionId: r.dimensionId ?? null, period, name: r.name };
}

/** Opens the menu at the pointer for the cell under it (which becomes the active cell); from the
 * keyboard's menu key, at the active cell. */
export function openCellMenu(view, e) {
  const fromKeys = e.target === view.editor.input;
  const el = fromKeys ? view.body.querySelector(".tg-cell.active") : e.target.closest?.(".tg-cell");
  if (!el) return;
  e.preventDefault();
  if (!fromKeys) view.pick(Number(el.dataset.row), Number(el.dataset.col));
  const box = el.getBoundingClientRect();
  const x = fromKeys ? box.left + 8 : e.clientX;
  const y = fromKeys ? box.bottom : e.clientY;
  closeCellMenu(view);
  const item = (id, label, run) => h("button", { id, role: "menuitem", onclick: () => { closeCellMenu(view); run(); } }, label);
  const menu = h("div", { class: "tg-menu card", role: "menu", "data-testid": "cell-menu", style: `left:${x}px;top:${y}px` },
    item("menu-revisions", t("rev.cellMenu"), () => showRevisions(view, activeCell(view))),
    item("menu-commit-export", t("commit.export"), () => exportCommitments(view)),
    item("menu-commit-import", t("commit.import"), () => importCommitments(view)));
  view.menu = menu;
  document.body.append(menu);
  const away = (ev) => {
    if (!menu.contains(ev.target)) closeCellMenu(view);
  };
  setTimeout(() => document.addEventListener("pointerdown", away, { once: true }), 0);
}

export function closeCellMenu(view) {
  view.menu?.remove();
  view.menu = null;
}
