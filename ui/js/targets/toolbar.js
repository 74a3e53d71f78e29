// The grid's toolbar, in one row: the tier, the view and the dimension it is crossed with, the
// actions used all the time (split, lock, check, undo/redo) and the others under "More" (rules,
// ratios, stored weeks, commitment sheets, revisions, export). The plan's state (approve, the
// revision reason, the baseline) sits beside its title.

import { h } from "../dom.js";
import { shortcut } from "../keys.js";
import { t } from "../i18n.js";
import { CROSSES, TIERS, VIEWS } from "./columns.js";
import { approve, askReason, editRatios } from "./dialogs.js";
import { openSplit } from "./split_dialog.js";
import { editRules, showCheck } from "./rules.js";
import { exportCommitments, importCommitments, showBatches } from "./commitments.js";
import { showRevisions } from "./revisions.js";
import { moreMenu } from "./more_menu.js";

/** The toolbar of `view` (a <tl-targets>); sets the view's buttons it updates later. */
export function gridToolbar(view) {
  const seg = (items, current, label, onPick, attr) =>
    h("div", { class: "seg", role: "group" }, items.map((v) =>
      h("button", { [attr]: v, class: v === current ? "active" : "", onclick: (e) => {
        for (const b of e.target.parentElement.children) b.classList.toggle("active", b === e.target);
        onPick(v);
      } }, t(`${label}.${v}`))));
  const button = (id, label, onclick) => h("button", { class: "tb", id, onclick }, label);
  const icon = (id, glyph, label, keys, onclick) =>
    h("button", { class: "tb icon", id, disabled: true, onclick, "aria-label": label, title: `${label} (${shortcut(keys)})` }, glyph);
  view.undoButton = icon("grid-undo", "↶", t("gantt.undo"), "Mod+Z", () => view.undo());
  view.redoButton = icon("grid-redo", "↷", t("gantt.redo"), "Mod+Shift+Z", () => view.redo());
  return h(
    "div",
    { class: "toolbar tg-toolbar", "data-testid": "grid-toolbar" },
    seg(TIERS, view.tier, "tier", (v) => { view.tier = v; view.load(); }, "data-tier"),
    seg(VIEWS, view.view, "grid.view", (v) => { view.view = v; view.load(); }, "data-view-kind"),
    h("select", { id: "grid-cross", "aria-label": t("grid.crossLabel"), title: t("grid.crossLabel"), onchange: (e) => { view.cross = e.target.value; view.load(); } },
      CROSSES.map((d) => h("option", { value: d, selected: d === view.cross }, t(d ? `grid.cross.${d}` : "grid.crossOff")))),
    button("grid-split", t("grid.split"), () => openSplit(view)),
    h("button", { class: "tb", id: "grid-lock", title: t("grid.lockTip"), onclick: () => view.edits.toggleLock(view.active) }, t("grid.lockShort")),
    button("grid-check", t("tree.check"), () => showCheck(view)),
    view.undoButton,
    view.redoButton,
    // Used now and then: behind "More", so the toolbar keeps to one row.
    moreMenu(t("grid.more"), [
      button("grid-rules", t("tree.rules"), () => editRules(view)),
      button("grid-ratios", t("grid.ratios"), () => editRatios(view)),
      button("grid-store-weeks", t("grid.storeWeeks"), () => view.edits.storeWeeks(view.active)),
      h("hr"),
      button("grid-commit-export", t("commit.export"), () => exportCommitments(view)),
      button("grid-commit-import", t("commit.import"), () => importCommitments(view)),
      button("grid-commit-batches", t("commit.batches"), () => showBatches(view)),
      button("grid-revisions", t("rev.button"), () => showRevisions(view)),
      h("hr"),
      button("grid-csv", t("dash.csv"), () => view.exportGrid("csv")),
      button("grid-xlsx", t("dash.xlsx"), () => view.exportGrid("xlsx")),
    ]),
  );
}

/** The plan's state beside its title: Approve on a draft; on an approved plan the revision
 * reason and the switch to its approved baseline. Sets the view's controls it updates later. */
export function planStatus(view) {
  view.reasonChip = h("button", { class: "tb chip", onclick: () => askReason(view, true) });
  view.approveButton = h("button", { class: "tb primary", id: "grid-approve", hidden: true, onclick: () => approve(view) }, t("grid.approve"));
  view.baselineToggle = h("label", { class: "small", hidden: true },
    h("input", { type: "checkbox", id: "grid-baseline", onchange: (e) => { view.showBaseline = e.target.checked; view.renderRows(); } }), " ", t("grid.showBaseline"));
  return h("span", { class: "tg-status" }, view.reasonChip, view.approveButton, view.baselineToggle);
}
