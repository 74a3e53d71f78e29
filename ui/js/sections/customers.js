// <tl-customers>: seed 001's ABC classes by potential (contribution of the last twelve months ×
// the manager's growth coefficient) and the lifecycle stages from the purchases. Shown in the
// Evaluation section; the thresholds and each customer's type and growth are edited in place.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { Section } from "../section.js";
import { lang, t } from "../i18n.js";
import { formatScaled, money, parseMoney, parseScaled, percent } from "../format.js";
import { wideTable } from "../wide-table.js";

/** Rows drawn at first; the rest on request (a workspace may hold thousands of customers). */
const FIRST_ROWS = 200;

class TlCustomers extends Section {
  async connectedCallback() {
    // The section re-renders around this element: keep what was loaded.
    if (this.report) {
      this.render();
      return;
    }
    this.showAll = false;
    fill(this, h("p", { class: "muted" }, t("loading")));
    await this.load();
  }

  load() {
    return this.loadNewest(async () => {
      const [report, members] = await Promise.all([call("customers_report"), call("setup_members", { withRetired: false })]);
      return { report, types: members.filter((m) => m.dim === "customer_type") };
    });
  }

  render() {
    const l = lang();
    const r = this.report;
    const s = r.settings;
    const input = (name, value, width = "110px") => h("input", { type: "text", name, value, style: `width:${width}` });
    const aFrom = input("aFrom", money(s.aFrom, l));
    const bFrom = input("bFrom", money(s.bFrom, l));
    const newDays = input("newDays", String(s.newDays), "60px");
    const churnDays = input("churnDays", String(s.churnDays), "60px");
    const saveSettings = () => {
      const settings = { aFrom: parseMoney(aFrom.value), bFrom: parseMoney(bFrom.value), newDays: Number.parseInt(newDays.value, 10), churnDays: Number.parseInt(churnDays.value, 10) };
      if (settings.aFrom === null || settings.bFrom === null || !Number.isInteger(settings.newDays) || !Number.isInteger(settings.churnDays)) {
        this.app.showError({ code: "abc_input", message: t("cust.badSettings") });
        return;
      }
      this.act(() => call("customers_save_settings", { settings }));
    };
    const exp = async (format) => {
      await this.app.saveFile("customers_export", { format });
    };
    const rows = this.showAll ? r.rows : r.rows.slice(0, FIRST_ROWS);
    fill(this,
      h("section", { class: "card", "data-testid": "customers" },
        h("h2", {}, t("cust.title"),
          h("span", { class: "chart-actions table-actions" },
            h("button", { class: "tb", id: "cust-csv", onclick: () => exp("csv") }, "CSV"),
            h("button", { class: "tb", id: "cust-xlsx", onclick: () => exp("xlsx") }, "XLSX"))),
        h("p", { class: "muted small" }, t("cust.how", { from: r.from, asOf: r.asOf })),
        h("div", { class: "kpis abc" }, r.classes.map((c) =>
          h("div", { class: "kpi", "data-class": c.class, "data-customers": c.customers, "data-share": c.shareBp },
            h("div", { class: "kpi-label" }, t(`cust.class.${c.class}`)),
            h("div", { class: "kpi-value" }, t("cust.count", { n: c.customers })),
            h("div", { class: "kpi-sub" }, t("cust.share", { v: money(c.contribution, l), share: percent(c.shareBp) }))))),
        h("p", { "data-testid": "lifecycles" }, r.lifecycles.map(([stage, n]) =>
          h("span", { class: `stage ${stage}`, "data-stage": stage, "data-count": n }, `${t(`cust.stage.${stage}`)} ${n}`))),
        h("div", { class: "toolbar", "data-testid": "abc-settings" },
          h("label", {}, t("cust.aFrom"), " ", aFrom), h("label", {}, t("cust.bFrom"), " ", bFrom),
          h("label", {}, t("cust.newDays"), " ", newDays), h("label", {}, t("cust.churnDays"), " ", churnDays),
          h("button", { class: "tb", id: "abc-save", onclick: saveSettings }, t("cust.save"))),
        wideTable(
          h("table", { class: "data", "data-testid": "customer-table" },
            h("tr", {}, ["cust.col.name", "cust.col.recorded", "cust.col.contribution", "cust.col.growth", "cust.col.potential", "cust.col.class", "cust.col.stage", "cust.col.last", "cust.col.owner"]
              .map((k, i) => h("th", { class: [2, 3, 4].includes(i) ? "num" : "" }, t(k)))),
            ...rows.map((c) => h("tr", { "data-customer": c.name, "data-class": c.class, "data-potential": c.potential },
              h("td", {}, c.name),
              h("td", {}, (this.types ?? []).length
                ? h("select", { "data-type": c.id, onchange: (e) => this.act(() => call("customer_set_type", { id: c.id, name: e.target.value || null })) },
                  h("option", { value: "" }, "—"),
                  this.types.map((m) => h("option", { value: m.code, selected: m.code === c.recordedType }, m.name)))
                : c.recordedType ?? "—"),
              h("td", { class: "num" }, money(c.contribution, l)),
              h("td", { class: "num" }, h("input", {
                type: "number", step: "0.05", min: "0", max: "10", value: formatScaled(c.growthBp, 4), "data-growth": c.id, style: "width:70px",
                onchange: (e) => {
                  const text = e.target.value.trim();
                  const growthBp = /^\d+(\.\d{1,4})?$/.test(text) ? parseScaled(text, 4) : null;
                  if (growthBp === null) {
                    this.app.showError({ code: "growth_input", message: t("cust.badGrowth", { text: e.target.value }) });
                    return;
                  }
                  this.act(() => call("customers_set_growth", { id: c.id, growthBp }));
                },
              })),
              h("td", { class: "num" }, money(c.potential, l)),
              h("td", { title: c.mismatch ? t("cust.mismatch", { recorded: c.recordedType, class: c.class }) : null },
                h("span", { class: `abc-badge ${c.class}` }, c.class), c.mismatch ? h("span", { class: "warn-text" }, " ≠") : null),
              h("td", {}, t(`cust.stage.${c.lifecycle}`)),
              h("td", {}, c.lastPurchase ?? "—"),
              h("td", { class: "muted" }, c.owner ?? "—"))))),
        r.rows.length > rows.length
          ? h("button", { class: "tb", id: "cust-all", onclick: () => { this.showAll = true; this.render(); } }, t("cust.showAll", { n: r.rows.length }))
          : null));
  }
}

customElements.define("tl-customers", TlCustomers);
