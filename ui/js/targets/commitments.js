// Commitments from team leads by spreadsheet round trip: export one protected XLSX per unit (the
// selected row's unit, and on request every unit below it) into a folder, and import filled
// sheets back, several at once. Each imported sheet is one step of the grid's undo history and a
// batch kept in the workspace (undone or redone from "Imports" in a later session); the side
// panel lists what each file brought (with its amounts) or why it was refused.

import { call, newestOnly } from "../api.js";
import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { yuan } from "../format.js";
import { record } from "./history.js";

/** The selected row's unit (its own row, not a dimension member's). */
function selectedUnit(view) {
  const r = view.rows?.[view.active.row];
  return r ? { id: r.unitId, name: r.name } : null;
}

/** The export dialog: the unit, "every unit below it too", then the folder dialog. */
export function exportCommitments(view) {
  const unit = selectedUnit(view);
  if (!unit) return;
  const d = view.commitDialog;
  const all = h("input", { type: "checkbox", id: "commit-all" });
  const go = async () => {
    let files;
    try {
      files = await call("targets_commitments_export", { plan: view.plan(), unitId: unit.id, all: all.checked });
    } catch (err) {
      d.close();
      view.app.showError(err);
      return;
    }
    d.close();
    if (!files) return;
    const dir = files.length ? files[0].path.split(/[\\/]/).slice(-2, -1)[0] : "";
    view.app.showNotice(t("commit.exported", { n: files.length, dir }));
    showExported(view, files);
  };
  fill(d,
    h("h2", {}, t("commit.exportTitle")),
    h("p", { class: "muted" }, t("commit.exportHint", { unit: unit.name })),
    h("div", { class: "form-line" }, h("label", {}, all, " ", t("commit.all"))),
    h("div", { class: "actions" },
      h("button", { id: "commit-export-go", class: "primary", onclick: go }, t("commit.chooseFolder")),
      h("button", { onclick: () => d.close() }, t("gantt.cancel"))),
  );
  d.showModal();
}

const baseName = (p) => p.split(/[\\/]/).pop();

function showExported(view, files) {
  const current = (view.panels ??= newestOnly())();
  if (!current()) return;
  fill(view.panel,
    h("h2", {}, t("commit.exportedTitle")),
    h("p", { class: "muted" }, t("commit.exportedHint")),
    h("ul", { class: "commit-files", "data-testid": "commit-exported" }, files.map((f) =>
      h("li", { "data-unit": f.unitPath },
        h("b", {}, baseName(f.path)), h("br"),
        t("commit.exportedLine", { unit: f.unitPath, target: f.target === null ? "—" : yuan(f.target), cells: f.cells })))),
  );
}

/** Asks for filled sheets (the selected row's unit or a unit below it) and imports them. */
export async function importCommitments(view) {
  const unit = selectedUnit(view);
  // null: the file dialog was cancelled; undefined: an error, shown in the banner.
  const results = await view.ask("targets_commitments_import", { plan: view.plan(), scope: unit?.id ?? null });
  if (!results) return;
  const refused = results.filter((r) => r.error).length;
  view.app.showNotice(t("commit.importedNotice", { ok: results.length - refused, refused }));
  for (const r of results) if (r.outcome && r.outcome.step !== null) record(view.history, { core: true, reason: null });
  view.sync();
  await view.load();
  showImported(view, results);
}

function rowError(e) {
  return h("li", { class: "warn-text", "data-cell": e.cell }, t("commit.rowError", { cell: e.cell, why: lang() === "en" ? e.messageEn : e.messageZh }));
}

function showImported(view, results) {
  const current = (view.panels ??= newestOnly())();
  if (!current()) return;
  const item = (r) => {
    if (r.error) {
      return h("li", { class: "refused", "data-file": r.file, "data-code": r.error.code },
        h("b", {}, `✗ ${r.file}`), h("br"), h("span", { class: "warn-text" }, r.error.message));
    }
    const o = r.outcome;
    const g = o.gap;
    return h("li", { class: "imported", "data-file": r.file, "data-unit": o.unitPath, "data-sum": g.commitments, "data-target": g.target, "data-gap": g.gap },
      h("b", {}, `✓ ${r.file}`), h("br"),
      t("commit.importedLine", { unit: o.unitPath, typed: o.typed, sum: yuan(g.commitments), target: yuan(g.target), gap: yuan(g.gap), missing: g.missing }),
      o.targetsChangedSince ? h("p", { class: "muted" }, t("commit.targetsMoved", { n: o.targetsChangedSince })) : null,
      o.rowErrors.length ? h("ul", {}, o.rowErrors.map(rowError)) : null);
  };
  fill(view.panel,
    h("h2", {}, t("commit.importedTitle")),
    h("ul", { class: "commit-files", "data-testid": "commit-results" }, results.map(item)),
    h("p", { class: "muted" }, t("commit.undoHint")),
  );
}

/** The side panel's list of commitment imports kept in the workspace, each with undo or redo. */
export async function showBatches(view) {
  const current = (view.panels ??= newestOnly())();
  const batches = await view.ask("targets_commitments_batches");
  if (!batches || !current()) return;
  const act = async (b, undo) => {
    const done = await view.ask(undo ? "targets_commitments_undo" : "targets_commitments_redo", { batch: b.id });
    if (!done) return;
    if (done.step !== null) record(view.history, { core: true, reason: null });
    view.sync();
    view.app.showNotice(t(undo ? "commit.batchUndone" : "commit.batchRedone", { file: b.file }));
    await view.load();
    await showBatches(view);
  };
  const item = (b) =>
    h("li", { "data-batch": b.id, "data-state": b.state, "data-file": b.file },
      h("b", {}, b.file), " ", h("span", { class: "muted small" }, t(`commit.state.${b.state}`)), h("br"),
      t("commit.batchLine", { unit: b.unitPath, at: b.importedAt.replace("T", " "), cells: b.cells }), " ",
      b.state === "applied" ? h("button", { class: "tb", "data-act": "undo", onclick: () => act(b, true) }, t("commit.undoBatch")) : null,
      b.state === "undone" ? h("button", { class: "tb", "data-act": "redo", onclick: () => act(b, false) }, t("commit.redoBatch")) : null);
  fill(view.panel,
    h("h2", {}, t("commit.batchesTitle")),
    h("p", { class: "muted" }, t("commit.batchesHint")),
    batches.length
      ? h("ul", { class: "commit-files", "data-testid": "commit-batches" }, [...batches].reverse().map(item))
      : h("p", { class: "muted", "data-testid": "commit-batches-empty" }, t("commit.noBatches")),
  );
}
