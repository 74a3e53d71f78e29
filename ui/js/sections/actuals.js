// <tl-actuals>: import actuals, targets or the organisation from CSV/Excel/ODS through the native
// file dialog — encoding, sheet, header row and column mapping shown and adjustable, a preview
// with row errors, a choice for every unknown value, progress with cancel, and batches to undo.

import { call, channel } from "../api.js";
import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";

const KINDS = ["actuals", "targets", "org"];
const FIELDS = {
  actuals: ["date", "person", "amount", "quantity", "productLine", "region", "team", "customer", "customerType", "channel", "orderId", "note"],
  targets: ["person", "period"],
  org: ["region", "team", "person", "headcount", "capacity", "teamType"],
};
const UNKNOWN_LABEL = { person: "import.unknown.person", productLine: "import.unknown.productLine", customerType: "import.unknown.customerType", channel: "import.unknown.channel", customer: "import.unknown.customer", orgUnit: "import.unknown.orgUnit" };

class TlActuals extends HTMLElement {
  constructor() {
    super();
    this.kind = "actuals";
    this.options = null;
    this.preview = null;
    this.resolutions = new Map(); // "kind|value" -> action
  }

  async connectedCallback() {
    this.wizard = h("div", { class: "wizard" });
    this.batchList = h("section", { class: "card", "data-testid": "batches" });
    const kindSelect = h("select", { id: "import-kind", onchange: (e) => { this.kind = e.target.value; } },
      KINDS.map((k) => h("option", { value: k }, t(`import.kind.${k}`))));
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("nav.actuals")), h("p", { class: "muted" }, t("import.hint"))),
      h("div", { class: "toolbar" }, kindSelect, h("button", { class: "tb primary", id: "import-start", onclick: () => this.pick() }, t("import.choose"))),
      this.wizard,
      this.batchList,
    );
    await this.loadBatches();
  }

  async loadBatches() {
    let batches;
    try {
      batches = await call("import_batches");
    } catch (err) {
      this.app.showError(err);
      return;
    }
    fill(this.batchList,
      h("h2", {}, t("import.batches")),
      batches.length
        ? h(
            "table",
            { class: "data" },
            h("tr", {}, ["import.col.file", "import.col.kind", "import.col.time", "import.col.inserted", "import.col.duplicates", "import.col.skipped", "import.col.errors", ""].map((k) => h("th", {}, k ? t(k) : ""))),
            ...batches.map((b) =>
              h(
                "tr",
                { "data-batch": b.id },
                h("td", {}, b.fileName),
                h("td", {}, t(`import.kind.${b.kind}`)),
                h("td", {}, b.importedAt.replace("T", " ").slice(0, 16)),
                h("td", { class: "num" }, b.inserted),
                h("td", { class: "num" }, b.duplicates),
                h("td", { class: "num" }, b.skipped),
                h("td", { class: "num" }, b.errors),
                h("td", {}, h("button", { class: "tb", "data-undo": b.id, onclick: () => this.undo(b) }, t("import.undo"))),
              ),
            ),
          )
        : h("p", { class: "muted" }, t("import.noBatches")),
    );
  }

  async undo(b) {
    try {
      const r = await call("import_undo", { batch: b.id });
      this.app.showNotice(t("import.undone", { file: r.fileName, rows: r.actuals + r.targets + r.orgUnits }));
    } catch (err) {
      this.app.showError(err);
    }
    await this.loadBatches();
  }

  async pick() {
    let name;
    try {
      name = await call("import_pick");
    } catch (err) {
      this.app.showError(err);
      return;
    }
    if (!name) return;
    this.fileName = name;
    this.options = { kind: this.kind, encoding: "auto", numberFormat: "auto", previewRows: 20 };
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
    try {
      this.preview = await call("import_preview", { options: this.options, onProgress: channel((p) => this.onProgress(p)) });
      this.options.mapping = this.preview.mapping;
    } catch (err) {
      this.app.showError(err);
      this.wizard.replaceChildren();
      return;
    }
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
    const unknowns = p.unknowns.length
      ? h("div", { class: "card", "data-testid": "unknowns" }, h("h3", {}, t("import.unknowns")), h("p", { class: "muted" }, t("import.unknownsHint")),
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
          h("button", { class: "tb primary", id: "import-commit", disabled: Boolean(p.missingFields?.length), onclick: () => this.commit() }, t("import.commit")),
          h("button", { class: "tb", onclick: () => { this.wizard.replaceChildren(); } }, t("gantt.cancel"))),
      ),
    );
  }

  unknownRow(u) {
    const key = `${u.kind}|${u.value}`;
    const select = h("select", { "data-unknown": u.value, onchange: async (e) => {
      const v = e.target.value;
      if (v === "map") {
        const list = await call("import_candidates", { kind: u.kind });
        const pickList = h("select", { "data-map-for": u.value, onchange: (ev) => this.resolutions.set(key, { action: "map", id: Number(ev.target.value) }) },
          list.map((c) => h("option", { value: c.id }, c.name)));
        e.target.after(pickList);
        if (list.length) this.resolutions.set(key, { action: "map", id: list[0].id });
      } else {
        e.target.parentElement.querySelector("[data-map-for]")?.remove();
        this.resolutions.set(key, { action: v });
      }
    } },
    h("option", { value: "skip" }, t("import.skip")),
    h("option", { value: "create" }, t("import.create")),
    h("option", { value: "map" }, t("import.map")));
    return h("tr", {}, h("td", {}, t(UNKNOWN_LABEL[u.kind] ?? "import.unknown.orgUnit")), h("td", {}, u.value),
      h("td", { class: "muted" }, t("import.unknownRows", { n: u.rows, first: u.firstRow })), h("td", {}, select));
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
    try {
      await call("import_save_mapping", { name: name.trim(), kind: this.preview.kind, headers: this.preview.headers, mapping: this.preview.mapping });
      this.app.showNotice(t("import.templateSaved", { name: name.trim() }));
    } catch (err) {
      this.app.showError(err);
    }
  }

  async commit() {
    const items = [...this.resolutions.entries()].map(([key, action]) => {
      const [kind, ...rest] = key.split("|");
      return { kind, value: rest.join("|"), action };
    });
    fill(this.wizard, h("section", { class: "card" }, h("h2", {}, this.fileName), this.progressBar()));
    let s;
    try {
      s = await call("import_commit", { options: this.options, resolutions: { items }, onProgress: channel((p) => this.onProgress(p, this.preview.rowsTotal)) });
    } catch (err) {
      this.app.showError(err);
      this.wizard.replaceChildren();
      await this.loadBatches();
      return;
    }
    const l = lang();
    fill(this.wizard,
      h(
        "section",
        { class: "card", "data-testid": "import-summary" },
        h("h2", {}, s.alreadyImported ? t("import.summaryAgain", { batch: s.batch }) : t("import.summaryTitle", { batch: s.batch })),
        h("div", { class: "kpis" },
          ["rows", "inserted", "duplicates", "skipped", "errorRows"].map((k) =>
            h("div", { class: "kpi", "data-count": k, "data-value": s[k] }, h("div", { class: "kpi-label" }, t(`import.count.${k}`)), h("div", { class: "kpi-value" }, s[k])))),
        s.errors.length ? h("ul", { class: "errors" }, s.errors.slice(0, 50).map((e) => h("li", {}, t("import.errorLine", { row: e.row, column: e.column, message: l === "zh-CN" ? e.messageZh : e.messageEn })))) : null,
        s.unresolved.length ? h("p", { class: "muted" }, t("import.unresolved", { list: s.unresolved.map((u) => u.value).join("、") })) : null,
      ),
    );
    await this.loadBatches();
  }
}

customElements.define("tl-actuals", TlActuals);
