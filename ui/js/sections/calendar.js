// <tl-calendar>: the workspace's working calendar (Settings). A year of days with holidays and
// adjusted working days (调休), each day editable with undo, the official mainland-China calendar
// restored, import from a spreadsheet and export. Every working-day figure in the app uses it.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { Section } from "../section.js";
import { lang, t } from "../i18n.js";

const KINDS = ["normal", "holiday", "workday"];

class TlCalendar extends Section {
  constructor() {
    super();
    this.year = null;
  }

  async connectedCallback() {
    // The workspace's fiscal year (the demo's is 2026), else this year.
    const headline = await call("dashboard_headline").catch(() => null);
    this.year ??= headline?.fiscalYear ?? new Date().getFullYear();
    this.dialog = h("dialog", { class: "card", "data-testid": "day-dialog" });
    // The app keeps the undo steps while the manager looks elsewhere (e.g. at the dashboard).
    this.undoStack = this.navState(() => []);
    await this.load();
  }

  load() {
    return this.loadNewest(async () => ({ data: await call("calendar_year", { year: this.year }) }));
  }

  render() {
    const d = this.data;
    const l = lang();
    const years = [this.year - 1, this.year, this.year + 1];
    const byMonth = Array.from({ length: 12 }, () => []);
    for (const day of d.days) byMonth[Number(day.date.slice(5, 7)) - 1].push(day);
    const month = (m, days) => {
      const lead = days[0].weekday - 1; // Monday first
      return h("div", { class: "cal-month", "data-month": m + 1 },
        h("div", { class: "cal-title" }, t(`cal.m${m + 1}`), h("span", { class: "muted small" }, t("cal.workdaysShort", { n: d.workingDaysByMonth[m] }))),
        h("div", { class: "cal-grid" },
          [1, 2, 3, 4, 5, 6, 7].map((w) => h("span", { class: "cal-wd muted" }, t(`cal.wd${w}`))),
          Array.from({ length: lead }, () => h("span", {})),
          days.map((day) => {
            const name = l === "en" ? day.nameEn || day.nameZh : day.nameZh;
            return h("button", {
              class: `cal-day ${day.kind}${day.custom ? " custom" : ""}`,
              "data-date": day.date,
              "data-kind": day.kind,
              title: [day.date, t(`cal.kind.${day.kind}`), name].filter(Boolean).join(" · "),
              onclick: () => this.editDay(day),
            }, String(Number(day.date.slice(8))));
          })));
    };
    fill(this,
      h("h2", {}, t("cal.title")),
      h("p", { class: "muted" }, t("cal.hint")),
      h("div", { class: "toolbar" },
        h("select", { id: "cal-year", onchange: (e) => { this.year = Number(e.target.value); this.undoStack.length = 0; this.load(); } },
          years.map((y) => h("option", { value: y, selected: y === this.year }, String(y)))),
        h("strong", { "data-testid": "cal-workdays", "data-value": d.workingDays }, t("cal.workdays", { n: d.workingDays })),
        d.customDays ? h("span", { class: "muted small" }, t("cal.custom", { n: d.customDays })) : null,
        h("span", { class: "spacer" }),
        h("button", { class: "tb", id: "cal-undo", disabled: !this.undoStack.length, onclick: () => this.undo() }, t("gantt.undo")),
        d.officialAvailable ? h("button", { class: "tb", id: "cal-reset", onclick: () => this.reset() }, t("cal.reset")) : null,
        h("button", { class: "tb", id: "cal-import", onclick: () => this.importFile() }, t("cal.import")),
        h("button", { class: "tb", id: "cal-csv", onclick: () => this.exportFile("csv") }, t("dash.csv")),
        h("button", { class: "tb", id: "cal-xlsx", onclick: () => this.exportFile("xlsx") }, t("dash.xlsx"))),
      h("div", { class: "cal-legend small" }, ["workday", "weekend", "holiday", "adjustedWorkday"].map((k) =>
        h("span", {}, h("span", { class: `cal-swatch ${k}` }), t(`cal.kind.${k}`)))),
      h("div", { class: "cal-year" }, byMonth.map((days, m) => month(m, days))),
      this.dialog,
    );
  }

  editDay(day) {
    const d = this.dialog;
    const current = day.kind === "holiday" ? "holiday" : day.kind === "adjustedWorkday" ? "workday" : "normal";
    const kind = h("select", { name: "kind" }, KINDS.map((k) => h("option", { value: k, selected: k === current }, t(`cal.set.${k}`))));
    const zh = h("input", { type: "text", name: "nameZh", value: day.nameZh, placeholder: t("cal.namePlaceholder") });
    const en = h("input", { type: "text", name: "nameEn", value: day.nameEn, placeholder: "National Day" });
    const status = h("p", { class: "warn-text" });
    const apply = () => this.saveDialog(status, async () => {
      this.undoStack.push(await call("calendar_set_day", { date: day.date, kind: kind.value, nameZh: zh.value.trim(), nameEn: en.value.trim() }));
    });
    fill(d,
      h("h2", {}, t("cal.editTitle", { date: day.date, wd: t(`cal.wd${day.weekday}`) })),
      h("div", { class: "form-line" }, h("label", {}, t("cal.kindLabel"), " ", kind)),
      h("div", { class: "form-line" }, h("label", {}, t("cal.nameZh"), " ", zh)),
      h("div", { class: "form-line" }, h("label", {}, t("cal.nameEn"), " ", en)),
      status,
      h("div", { class: "actions" }, h("button", { id: "day-ok", onclick: apply }, t("gantt.ok")), h("button", { onclick: () => d.close() }, t("gantt.cancel"))),
    );
    d.showModal();
  }

  async undo() {
    const snapshot = this.undoStack.pop();
    if (!snapshot) return;
    if (!(await this.act(() => call("calendar_restore_day", { snapshot })))) await this.load();
  }

  async reset() {
    const n = await this.ask("calendar_reset", { year: this.year });
    if (n !== undefined) {
      this.undoStack.length = 0;
      this.app.showNotice(t("cal.resetDone", { year: this.year, n }));
    }
    await this.load();
  }

  async importFile() {
    const s = await this.ask("calendar_import");
    if (!s) return;
    if (!s.applied) {
      const l = lang();
      const rows = s.errors.slice(0, 10).map((e) => (l === "en" ? e.messageEn : e.messageZh)).join("；");
      this.app.showError({ code: "calendar_import_rows", message: t("cal.importRejected", { file: s.fileName, n: s.errors.length, rows }) });
      return;
    }
    this.undoStack.length = 0;
    this.app.showNotice(t("cal.imported", { file: s.fileName, holidays: s.holidays, workdays: s.workdays, cleared: s.cleared }));
    await this.load();
  }

  async exportFile(format) {
    await this.app.saveFile("calendar_export", { year: this.year, format });
  }
}

customElements.define("tl-calendar", TlCalendar);
