// <tl-actuals>: import actuals, targets or the organisation from CSV/Excel/ODS through the native
// file dialog — encoding, sheet, header row and column mapping shown and adjustable, a preview
// with row errors and the money reconciled, a decision for every unknown value (re-previewed, so
// the numbers shown are the commit's), progress with cancel, and batches to undo (asked) and redo.
// The kind of file chosen is the section's navigation: kept while the workspace stays open.

import { call, channel } from "../api.js";
import { fill, h } from "../dom.js";
import { yuan } from "../format.js";
import { lang, t } from "../i18n.js";
import { Section } from "../section.js";
import { wideTable } from "../wide-table.js";
import { reconciliation, UNKNOWN_LABEL } from "./import_money.js";

const KINDS = ["actuals", "targets", "org"];
const FIELDS = {
  actuals: ["date", "person", "amount", "quantity", "productLine", "region", "team", "customer", "customerType", "channel", "orderId", "note"],
  targets: ["person", "period"],
  org: ["region", "team", "person", "headcount", "capacity", "teamType"],
};
/** What happens to an unknown value nobody decided: master data is created, a person waits. */
const DEFAULT_ACTION = { person: "", orgUnit: "skip" };

class TlActuals extends Section {
  constructor() {
    super();
    this.options = null;
    this.preview = null;
    this.resolutions = new Map(); // "kind|value" -> { action, parent }
    this.candidates = new Map(); // kind -> [{ id, name, unitKind }]
  }

  async connectedCallback() {
    this.nav = this.navState(() => ({ kind: "actuals" }));
    this.wizard = h("div", { class: "wizard" });
    this.dialog = h("dialog", { class: "card", "data-testid": "undo-dialog" });
    this.batchList = h("section", { class: "card", "data-testid": "batches" });
    const kindSelect = h("select", { id: "import-kind", onchange: (e) => { this.nav.kind = e.target.value; } },
      KINDS.map((k) => h("option", { value: k, selected: k === this.nav.kind }, t(`import.kind.${k}`))));
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("nav.actuals")), h("p", { class: "muted" }, t("import.hint"))),
      h("div", { class: "toolbar" }, kindSelect, h("button", { class: "tb primary", id: "import-start", onclick: () => this.pick() }, t("import.choose"))),
      this.wizard,
      this.batchList,
      this.dialog,
    );
    await this.load();
  }

  /** The import batches (only the newest load draws). */
  load() {
    return this.loadNewest(async () => ({ batches: await call("import_batches") }));
  }

  /** The batch list, newest first, each with its undo or redo. */
  render() {
    const batches = this.batches;
    fill(this.batchList,
      h("h2", {}, t("import.batches")),
      batches.length
        ? wideTable(h(
            "table",
            { class: "data", "data-testid": "batch-table" },
            h("tr", {}, ["import.col.file", "import.col.kind", "import.col.time", "import.col.inserted", "import.col.amount", "import.col.duplicates", "import.col.skipped", "import.col.errors", ""].map((k, i) =>
              // The counts and the amount are right-aligned, their headers too.
              h("th", { class: i >= 3 && k ? "num" : null }, k ? t(k) : ""))),
            ...batches.map((b) =>
              h(
                "tr",
                { "data-batch": b.id, class: b.undoneAt ? "muted" : "" },
                h("td", {}, b.fileName, b.undoneAt ? ` · ${t("import.undoneMark")}` : ""),
                h("td", {}, t(`import.kind.${b.kind}`)),
                h("td", {}, b.importedAt.replace("T", " ").slice(0, 16)),
                h("td", { class: "num" }, b.inserted),
                h("td", { class: "num" }, yuan(b.amount)),
                h("td", { class: "num" }, b.duplicates),
                h("td", { class: "num" }, b.skipped),
                h("td", { class: "num" }, b.errors),
                h("td", {}, b.undoneAt
                  ? h("button", { class: "tb", "data-redo": b.id, onclick: () => this.redo(b) }, t("import.redo"))
                  : h("button", { class: "tb", "data-undo": b.id, onclick: () => this.askUndo(b) }, t("import.undo"))),
              ),
            ),
          ))
        : h("p", { class: "muted" }, t("import.noBatches")),
    );
  }

  /** Undo asks first, naming the rows and the money it removes. */
  askUndo(b) {
    const close = () => this.dialog.close();
    fill(this.dialog,
      h("h3", {}, t("import.undoTitle")),
      h("p", { "data-testid": "undo-ask" }, t("import.undoAsk", { file: b.fileName, rows: b.inserted, amount: yuan(b.amount) })),
      h("div", { class: "actions" },
        h("button", { class: "tb primary", id: "undo-confirm", onclick: () => { close(); this.undo(b); } }, t("import.undoConfirm")),
        h("button", { class: "tb", id: "undo-cancel", onclick: close }, t("gantt.cancel"))));
    this.dialog.showModal();
  }

  async undo(b) {
    const r = await this.ask("import_undo", { batch: b.id });
    if (r) this.app.showNotice(t("import.undone", { file: r.fileName, rows: r.actuals + r.targets + r.orgUnits }));
    await this.load();
  }

  async redo(b) {
    const r = await this.ask("import_redo", { batch: b.id });
    if (r) this.app.showNotice(t("import.redone", { file: r.fileName, rows: r.actuals + r.targets + r.orgUnits }));
    await this.load();
  }

  async pick() {
    const name = await this.ask("import_pick");
    if (!name) return; // refused (the banner says why) or the dialog was cancelled
    this.fileName = name;
    this.options = { kind: this.nav.kind, encoding: "auto", numberFormat: "auto", previewRows: 20 };
    this.resolutions = new Map();
    this.summary = null;
    await this.runPreview();
  }

  progressBar() {
    this.bar = h("div", { class: "bar-fill time", style: "width:0%" });
    this.barText = h("span", { class: "muted", "data-testid": "import-progress" }, "");
    return h("div", { class: "progress" }, h("div", { class: "bar-track" }, this.bar), this.barText,
      h("button", { class: "tb", id: "import-cancel", onclick: () => call("import_cancel") }, t("import.cancel")));
  }

  /** `expected` is the row count the preview found, for a CSV whose size in rows is unknown. */
  onProgress(p, expected = null) {
    const total = p.total ?? expected;
    const pct = total ? Math.min(100, (p.rowsDone * 100) / total) : 0;
    this.bar.style.width = `${pct}%`;
    this.barText.textContent = total ? t("import.progress", { done: p.rowsDone, total, pct: pct.toFixed(0) }) : t("import.progressRows", { done: p.rowsDone });
  }

  async runPreview() {
    fill(this.wizard, h("section", { class: "card" }, h("h2", {}, this.fileName), this.progressBar()));
    const preview = await this.ask("import_preview", { options: this.options, resolutions: this.resolutionList(), onProgress: channel((p) => this.onProgress(p)) });
    if (!preview) {
      this.wizard.replaceChildren();
      return;
    }
    this.preview = preview;
    this.options.mapping = preview.mapping;
    this.renderWizard();
  }

  renderWizard() {
    const p = this.preview;
    const l = lang();
    const src = p.source;
    const encoding = src.encoding !== null
      ? h("label", {}, t("import.encoding"), " ",
          h("select", { id: "import-encoding", onchange: (e) => { this.options.encoding = e.target.value; this.options.mapping = null; this.options.headerRow = null; this.runPreview(); } },
            ["auto", "utf-8", "gbk", "utf-16", "big5", "shift_jis", "windows-1252"].map((e) => h("option", { value: e, selected: e === this.options.encoding }, e === "auto" ? t("import.detected", { enc: src.encoding }) : e.toUpperCase()))))
      : null;
    const sheet = src.sheets.length > 1
      ? h("label", {}, t("import.sheet"), " ",
          h("select", { id: "import-sheet", onchange: (e) => { this.options.sheet = e.target.value; this.options.mapping = null; this.options.headerRow = null; this.runPreview(); } },
            src.sheets.map((s) => h("option", { value: s, selected: s === src.sheet }, s))))
      : null;
    // The detected header row can be overridden: the mapping is proposed again for that row.
    const headerRow = h("label", {}, t("import.headerRow"), " ",
      h("input", { type: "number", id: "import-header-row", min: 1, step: 1, value: p.headerRow, onchange: (e) => {
        const n = Number(e.target.value);
        if (!Number.isInteger(n) || n < 1) {
          this.app.showError({ code: "bad_header_row", message: t("import.badHeaderRow", { text: e.target.value }) });
          e.target.value = p.headerRow;
          return;
        }
        this.options.headerRow = n;
        this.options.mapping = null;
        this.runPreview();
      } }));
    const numberFormat = p.numberFormatAmbiguous || this.options.numberFormat !== "auto"
      ? h("div", { class: "banner notice", "data-testid": "number-format" }, t("import.ambiguous"), " ",
          h("select", { id: "import-number-format", onchange: (e) => { this.options.numberFormat = e.target.value; this.runPreview(); } },
            ["auto", "pointDecimal", "commaDecimal"].map((f) => h("option", { value: f, selected: f === this.options.numberFormat }, t(`import.nf.${f}`)))))
      : null;
    const fieldOf = new Map(p.mapping.columns.map((c) => [c.column, c.field]));
    const mapping = h(
      "table",
      { class: "data mapping", "data-testid": "mapping" },
      h("tr", {}, h("th", {}, t("import.column")), h("th", {}, t("import.field"))),
      ...p.headers.map((header, i) =>
        h("tr", {}, h("td", {}, header || t("import.unnamed", { n: i + 1 })),
          h("td", {}, h("select", { "data-column": i, onchange: (e) => this.remap(i, e.target.value) },
            h("option", { value: "" }, t("import.ignore")),
            FIELDS[p.kind].map((f) => h("option", { value: f, selected: fieldOf.get(i) === f }, t(`import.field.${f}`))))))),
    );
    const preview = h(
      "table",
      { class: "data preview-rows", "data-testid": "preview-rows" },
      h("tr", {}, h("th", {}, t("import.row")), p.fields.map((f) => h("th", {}, t(`import.field.${f}`)))),
      ...p.rows.map((r) => h("tr", {}, h("td", { class: "num" }, r.row), r.values.map((v) => h("td", {}, v)))),
    );
    const errors = p.errors.length
      ? h("div", { class: "card errors", "data-testid": "preview-errors" }, h("h3", {}, t("import.errors", { n: p.errorRows })),
          h("ul", {}, p.errors.slice(0, 50).map((e) => h("li", {}, t("import.errorLine", { row: e.row, column: e.column, message: l === "zh-CN" ? e.messageZh : e.messageEn })))))
      : null;
    const undecided = this.undecided();
    const unknowns = p.unknowns.length
      ? h("div", { class: "card", "data-testid": "unknowns" }, h("h3", {}, t("import.unknowns")), h("p", { class: "muted" }, t("import.unknownsHint")),
          undecided ? h("div", { class: "banner notice", "data-testid": "persons-undecided" }, t("import.personsUndecided")) : null,
          h("table", { class: "data" }, ...p.unknowns.map((u) => this.unknownRow(u))))
      : null;
    const missing = p.missingFields?.length
      ? h("div", { class: "banner error", "data-testid": "missing-fields" }, t("import.missingFields", { list: p.missingFields.map((f) => t(`import.field.${f}`)).join(l === "en" ? ", " : "、") }))
      : null;
    const already = p.alreadyImportedBatch !== null
      ? h("div", { class: "banner notice", "data-testid": "already-imported" }, t("import.already", { batch: p.alreadyImportedBatch }))
      : null;
    const template = h("input", { type: "text", id: "import-template", placeholder: t("import.templateName"), value: p.template ?? "" });
    fill(this.wizard,
      h(
        "section",
        { class: "card", "data-testid": "import-wizard" },
        h("h2", {}, t("import.wizardTitle", { file: src.fileName, kind: t(`import.kind.${p.kind}`) })),
        h("p", { class: "muted", "data-testid": "import-facts" }, t("import.facts", {
          rows: p.rowsTotal, header: p.headerRow, dups: p.duplicates, errors: p.errorRows,
        }), p.template ? ` · ${t("import.fromTemplate", { name: p.template })}` : ""),
        p.kind === "actuals" ? this.moneyLines(p) : null,
        already,
        h("div", { class: "form-row" }, encoding, sheet, headerRow),
        missing,
        numberFormat,
        h("div", { class: "two-col" }, h("div", {}, h("h3", {}, t("import.mappingTitle")), mapping,
          h("div", { class: "actions" }, template, h("button", { class: "tb", id: "import-save-template", onclick: () => this.saveTemplate(template.value) }, t("import.saveTemplate")))),
          h("div", { style: "overflow:auto" }, h("h3", {}, t("import.previewTitle", { n: p.rows.length })), preview)),
        errors,
        unknowns,
        h("div", { class: "actions" },
          h("button", { class: "tb primary", id: "import-commit", disabled: Boolean(p.missingFields?.length) || undecided, onclick: () => this.commit() }, t("import.commit")),
          h("button", { class: "tb", onclick: () => { this.wizard.replaceChildren(); } }, t("gantt.cancel"))),
      ),
    );
  }

  /** What the preview says the commit will do, rows and money, and the reconciliation line. */
  moneyLines(p) {
    const m = p.money;
    return h("div", {},
      h("p", { "data-testid": "import-outcome" }, t("import.outcome", {
        inserted: p.inserted, ins: yuan(m.inserted), dups: p.duplicates, dup: yuan(m.duplicates),
        skipped: p.skipped, skip: yuan(m.skipped), errors: p.errorRows,
      })),
      h("p", { class: "recon", "data-testid": "preview-reconciliation" }, reconciliation(m, true)));
  }

  /** The user's decisions, as the core reads them. */
  resolutionList() {
    return {
      items: [...this.resolutions.entries()].map(([key, r]) => {
        const [kind, ...rest] = key.split("|");
        return { kind, value: rest.join("|"), ...r };
      }),
    };
  }

  /** True while an unknown person has no decision (the commit waits for one). */
  undecided() {
    return this.preview.unknowns.some((u) => u.kind === "person" && !this.resolutions.has(`${u.kind}|${u.value}`));
  }

  async candidatesFor(kind) {
    if (!this.candidates.has(kind)) this.candidates.set(kind, await call("import_candidates", { kind }));
    return this.candidates.get(kind);
  }

  /** Teams a new person can be created in. */
  async teams() {
    return (await this.candidatesFor("orgUnit")).filter((c) => c.unitKind === "team");
  }

  /** A decision changed: remember it and preview again, so every number shown is the commit's. */
  async decide(u, choice) {
    const key = `${u.kind}|${u.value}`;
    try {
      if (choice === "") this.resolutions.delete(key);
      else if (choice === "map") {
        const list = await this.candidatesFor(u.kind);
        if (!list.length) return;
        this.resolutions.set(key, { action: { action: "map", id: list[0].id } });
      } else if (choice === "create" && u.kind === "person") {
        const teams = await this.teams();
        if (!teams.length) {
          this.app.showError({ code: "import_no_team", message: t("import.noTeams") });
          return;
        }
        // The team the rows name, when the file has a team column; else the first team.
        const named = teams.find((team) => team.id === u.suggestedParent);
        this.resolutions.set(key, { action: { action: "create" }, parent: (named ?? teams[0]).id });
      } else this.resolutions.set(key, { action: { action: choice } });
    } catch (err) {
      this.app.showError(err);
      return;
    }
    await this.runPreview();
  }

  /** The second choice of a decision: which existing record, or which team. */
  subChoice(u, r) {
    const key = `${u.kind}|${u.value}`;
    const span = h("span", {});
    const isMap = r.action.action === "map";
    const load = isMap ? this.candidatesFor(u.kind) : this.teams();
    load.then((list) => fill(span, h("select", {
      "data-map-for": isMap ? u.value : null, "data-team-for": isMap ? null : u.value,
      onchange: (e) => {
        const id = Number(e.target.value);
        this.resolutions.set(key, isMap ? { action: { action: "map", id } } : { action: { action: "create" }, parent: id });
        this.runPreview();
      },
    }, list.map((c) => h("option", { value: c.id, selected: c.id === (isMap ? r.action.id : r.parent) }, c.name)))))
      .catch((err) => this.app.showError(err));
    return span;
  }

  unknownRow(u) {
    const r = this.resolutions.get(`${u.kind}|${u.value}`);
    const current = r ? r.action.action : (DEFAULT_ACTION[u.kind] ?? "create");
    const person = u.kind === "person";
    const select = h("select", { "data-unknown": u.value, onchange: (e) => this.decide(u, e.target.value) },
      person ? h("option", { value: "", selected: current === "" }, t("import.decide")) : null,
      h("option", { value: "skip", selected: current === "skip" }, t("import.skip")),
      h("option", { value: "create", selected: current === "create" }, t(person ? "import.createIn" : "import.create")),
      h("option", { value: "map", selected: current === "map" }, t("import.map")));
    const sub = r && (r.action.action === "map" || (person && r.action.action === "create")) ? this.subChoice(u, r) : null;
    const stake = u.kind === "orgUnit"
      ? t("import.unknownRows", { n: u.rows, first: u.firstRow })
      : t("import.unknownStake", { n: u.rows, amount: yuan(u.amount), first: u.firstRow });
    return h("tr", { "data-unknown-row": u.value }, h("td", {}, t(UNKNOWN_LABEL[u.kind] ?? "import.unknown.orgUnit")), h("td", {}, u.value),
      h("td", { class: "muted" }, stake), h("td", {}, select, " ", sub));
  }

  remap(column, field) {
    const cols = this.preview.mapping.columns.filter((c) => c.column !== column && (field === "" || c.field !== field || field === "period"));
    if (field) cols.push({ column, header: this.preview.headers[column] ?? "", field });
    cols.sort((a, b) => a.column - b.column);
    this.options.mapping = { headerRow: this.preview.mapping.headerRow, columns: cols };
    this.runPreview();
  }

  async saveTemplate(name) {
    if (!name.trim()) return;
    const args = { name: name.trim(), kind: this.preview.kind, headers: this.preview.headers, mapping: this.preview.mapping };
    if ((await this.ask("import_save_mapping", args)) !== undefined) this.app.showNotice(t("import.templateSaved", { name: name.trim() }));
  }

  async commit() {
    fill(this.wizard, h("section", { class: "card" }, h("h2", {}, this.fileName), this.progressBar()));
    const s = await this.ask("import_commit", { options: this.options, resolutions: this.resolutionList(), onProgress: channel((p) => this.onProgress(p, this.preview.rowsTotal)) });
    if (!s) {
      this.wizard.replaceChildren();
      await this.load();
      return;
    }
    const l = lang();
    fill(this.wizard,
      h(
        "section",
        { class: "card", "data-testid": "import-summary" },
        h("h2", {}, s.alreadyImported ? t("import.summaryAgain", { batch: s.batch }) : t("import.summaryTitle", { batch: s.batch })),
        s.kind === "actuals" && !s.alreadyImported ? h("p", { class: "recon", "data-testid": "reconciliation" }, reconciliation(s.money)) : null,
        h("div", { class: "kpis" },
          ["rows", "inserted", "duplicates", "skipped", "errorRows"].map((k) => {
            const fen = { rows: s.money.fileTotal, inserted: s.money.inserted, duplicates: s.money.duplicates, skipped: s.money.skipped, errorRows: s.money.errors }[k];
            return h("div", { class: "kpi", "data-count": k, "data-value": s[k] }, h("div", { class: "kpi-label" }, t(`import.count.${k}`)), h("div", { class: "kpi-value" }, s[k]),
              s.kind === "actuals" && !s.alreadyImported ? h("div", { class: "kpi-sub", "data-amount": fen }, `¥${yuan(fen)}`) : null);
          })),
        s.errors.length ? h("ul", { class: "errors" }, s.errors.slice(0, 50).map((e) => h("li", {}, t("import.errorLine", { row: e.row, column: e.column, message: l === "zh-CN" ? e.messageZh : e.messageEn })))) : null,
        s.unresolved.length ? h("p", { class: "muted" }, t("import.unresolved", { list: s.unresolved.map((u) => u.value).join("、") })) : null,
      ),
    );
    await this.load();
  }
}

customElements.define("tl-actuals", TlActuals);
