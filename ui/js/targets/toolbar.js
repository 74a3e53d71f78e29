// The grid's toolbar: the tier, the view and the dimension it is crossed with, the actions on the
// plan (split, lock, rules, commitments, revisions, undo/redo, export) and the revision reason.

import { h } from "../dom.js";
import { shortcut } from "../keys.js";
import { t } from "../i18n.js";
import { CROSSES, TIERS, VIEWS } from "./columns.js";
import { approve, askReason, editRatios } from "./dialogs.js";
import { openSplit } from "./split_dialog.js";
import { editRules, showCheck } from "./rules.js";
import { exportCommitments, importCommitments, showBatches } from "./commitments.js";
import { showRevisions } from "./revisions.js";

/** The toolbar of `view` (a <tl-targets>); sets the view's buttons it updates later. */
export function gridToolbar(view) {
  const seg = (items, current, label, onPick, attr) =>
    h("div", { class: "seg", role: "group" }, items.map((v) =>
      h("button", { [attr]: v, class: v === current ? "active" : "", onclick: (e) => {
        for (const b of e.target.parentElement.children) b.classList.toggle("active", b === e.target);
        onPick(v);
      } }, t(`${label}.${v}`))));
  const button = (id, label, onclick) => h("button", { class: "tb", id, onclick }, label);
  view.undoButton = h("button", { class: "tb", id: "grid-undo", disabled: true, onclick: () => view.undo(), title: shortcut("Mod+Z") }, t("gantt.undo"));
  view.redoButton = h("button", { class: "tb", id: "grid-redo", disabled: true, onclick: () => view.redo(), title: shortcut("Mod+Shift+Z") }, t("gantt.redo"));
  view.reasonChip = h("button", { class: "tb chip", onclick: () => askReason(view, true) });
  view.approveButton = h("button", { class: "tb primary", id: "grid-approve", hidden: true, onclick: () => approve(view) }, t("grid.approve"));
  view.baselineToggle = h("label", { class: "small", hidden: true },
    h("input", { type: "checkbox", id: "grid-baseline", onchange: (e) => { view.showBaseline = e.target.checked; view.renderRows(); } }), " ", t("grid.showBaseline"));
  return h(
    "div",
    { class: "toolbar" },
    seg(TIERS, view.tier, "tier", (v) => { view.tier = v; view.load(); }, "data-tier"),
    seg(VIEWS, view.view, "grid.view", (v) => { view.view = v; view.load(); }, "data-view-kind"),
    h("label", { class: "small" }, t("grid.crossLabel"), " ",
      h("select", { id: "grid-cross", onchange: (e) => { view.cross = e.target.value; view.load(); } },
        CROSSES.map((d) => h("option", { value: d, selected: d === view.cross }, t(`grid.cross.${d || "none"}`))))),
    button("grid-split", t("grid.split"), () => openSplit(view)),
    button("grid-lock", t("grid.lock"), () => view.toggleLock()),
    button("grid-store-weeks", t("grid.storeWeeks"), () => view.storeWeeks()),
    button("grid-ratios", t("grid.ratios"), () => editRatios(view)),
    button("grid-rules", t("tree.rules"), () => editRules(view)),
    button("grid-check", t("tree.check"), () => showCheck(view)),
    button("grid-commit-export", t("commit.export"), () => exportCommitments(view)),
    button("grid-commit-import", t("commit.import"), () => importCommitments(view)),
    button("grid-commit-batches", t("commit.batches"), () => showBatches(view)),
    button("grid-revisions", t("rev.button"), () => showRevisions(view)),
    view.undoButton,
    view.redoButton,
    button("grid-csv", t("dash.csv"), () => view.exportGrid("csv")),
    button("grid-xlsx", t("dash.xlsx"), () => view.exportGrid("xlsx")),
    h("span", { class: "spacer" }),
    view.reasonChip,
    view.approveButton,
    view.baselineToggle,
    h("span", { class: "muted small" }, t("grid.keys", { undo: shortcut("Mod+Z") })),
  );
}
