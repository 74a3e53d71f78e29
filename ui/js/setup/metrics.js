// Settings → Metrics: the catalog's metrics with their names in Chinese and English, unit,
// direction, kind, horizon, aggregation (a ratio names its numerator and denominator) and alert
// threshold, and where each is used. Add, edit, retire or restore, delete one nothing uses;
// deleting one in use says where and offers to retire it. The same form serves the assistant.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { percent } from "../format.js";
import { t } from "../i18n.js";
import { FIELDS, metricName, partName, readSpec, usageText } from "./metric-spec.js";
import { wideTable } from "../wide-table.js";
import { Section } from "../section.js";
import { CODES } from "../error_codes.js";

export { metricName };

/** Opens the add (no `metric`) or edit dialog; resolves with the new list, or null if cancelled. */
export function openMetricDialog(metrics, metric = null, withRetired = false) {
  return new Promise((resolve) => {
    const d = h("dialog", { class: "card setup-dialog", "data-testid": "metric-dialog" });
    const input = (id, value) => h("input", { id, type: "text", maxlength: 60, value: value ?? "" });
    const select = (id, options, value, label) => h("select", { id },
      options.map((o) => h("option", { value: o, selected: o === value }, label(o))));
    const m = metric ?? { nameZh: "", nameEn: "", unit: "count", direction: "higher", kind: "leading", horizon: "short", aggregation: "sum", numerator: null, denominator: null, alertThresholdBp: -1000 };
    // Retired metrics are not offered, except a component this ratio already has.
    const summed = metrics.filter((x) => x.aggregation === "sum" && x.code !== metric?.code
      && (!x.retired || x.code === m.numerator || x.code === m.denominator));
    // A component not in the list (retired and hidden) is still offered as it is, never swapped.
    const choices = [...summed.map((x) => x.code), ...[m.numerator, m.denominator].filter((c) => c && !summed.some((x) => x.code === c))];
    // A hidden retired part by its name, marked retired.
    const label = (c) => {
      const listed = summed.find((x) => x.code === c);
      const part = m.parts?.find((p) => p.code === c);
      return listed ? metricName(listed) : part ? partName(part) : c;
    };
    const f = {
      nameZh: input("metric-name-zh", m.nameZh), nameEn: input("metric-name-en", m.nameEn),
      ...Object.fromEntries(Object.entries(FIELDS).map(([k, opts]) => [k, select(`metric-${k}`, opts, m[k], (o) => t(`metric.${k}.${o}`))])),
      numerator: select("metric-numerator", choices, m.numerator, label),
      denominator: select("metric-denominator", choices, m.denominator, label),
      alert: h("input", { id: "metric-alert", type: "text", size: 8, value: percent(m.alertThresholdBp) }),
    };
    const ratioRow = h("div", { class: "form-line" }, h("label", {}, t("metric.numerator"), " ", f.numerator), " ", h("label", {}, t("metric.denominator"), " ", f.denominator));
    const sync = () => { ratioRow.hidden = f.aggregation.value !== "ratio"; };
    f.aggregation.addEventListener("change", sync);
    sync();
    const status = h("p", { class: "dialog-status" });
    let result = null;
    const save = async () => {
      const r = readSpec(Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value])));
      if (r.error) return fill(status, h("span", { class: "error-text", role: "alert" }, r.error));
      try {
        result = metric
          ? await call("metric_edit", { code: metric.code, spec: r.spec, withRetired })
          : await call("metric_add", { spec: r.spec, withRetired });
        d.close();
      } catch (err) {
        fill(status, h("span", { class: "error-text", role: "alert" }, err.message ?? String(err)));
      }
    };
    const line = (key, el) => h("div", { class: "form-line" }, h("label", {}, t(`metric.field.${key}`), " ", el));
    fill(d,
      h("h2", {}, metric ? t("metric.editTitle", { name: metricName(metric) }) : t("metric.addTitle")),
      line("nameZh", f.nameZh), line("nameEn", f.nameEn),
      ["unit", "direction", "kind", "horizon", "aggregation"].map((k) => line(k, f[k])),
      ratioRow, line("alert", f.alert),
      h("p", { class: "muted small" }, t("metric.alertHint")),
      status,
      h("div", { class: "actions" },
        h("button", { id: "metric-save", class: "primary", onclick: save }, t("setup.save")),
        h("button", { id: "metric-cancel", onclick: () => d.close() }, t("setup.cancel"))));
    d.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.target.tagName === "INPUT") { e.preventDefault(); save(); } });
    d.addEventListener("close", () => { d.remove(); resolve(result); });
    document.body.append(d);
    d.showModal();
    f.nameZh.focus();
  });
}

/** Settings → Metrics. Whether retired ones are shown is kept while the workspace stays open. */
class TlMetrics extends Section {
  connectedCallback() {
    this.view = this.navState(() => ({ showRetired: false }));
    this.metrics = [];
    this.status = h("p", { class: "dialog-status", "data-testid": "metrics-status" });
    this.load();
  }

  /** A change; a refusal shows in the card (with what to do instead), the list stays. */
  async run(command, args) {
    try {
      fill(this.status);
      this.metrics = await call(command, { ...args, withRetired: this.view.showRetired });
      this.render();
      return true;
    } catch (err) {
      this.refused(err, args.code);
      return false;
    }
  }

  load() {
    fill(this.status);
    return this.loadNewest(async () => ({ metrics: await call("metric_list", { withRetired: this.view.showRetired }) }));
  }

  /** A refusal in the card; a metric in use is offered to be retired instead. */
  refused(err, code) {
    const offer = err.code === CODES.metric_in_use
      ? h("button", { id: "metric-retire-instead", onclick: () => this.run("metric_retire", { code, restore: false }) }, t("metric.retireInstead"))
      : null;
    fill(this.status, h("span", { class: "error-text", role: "alert" }, err.message ?? String(err)), " ", offer);
  }

  async edit(m) {
    const got = await openMetricDialog(this.metrics, m, this.view.showRetired);
    if (got) {
      this.metrics = got;
      this.render();
    }
  }

  render() {
    const rows = this.metrics.map((m) => h("tr", { "data-code": m.code, class: m.retired ? "retired" : "" },
      h("td", {}, m.nameZh, m.retired ? h("span", { class: "muted small" }, " ", t("metric.retiredTag")) : null),
      h("td", {}, m.nameEn),
      h("td", {}, t(`metric.unit.${m.unit}`)),
      h("td", {}, t(`metric.direction.${m.direction}`)),
      h("td", {}, t(`metric.kind.${m.kind}`)),
      h("td", {}, t(`metric.horizon.${m.horizon}`)),
      h("td", {}, t(`metric.aggregation.${m.aggregation}`),
        m.aggregation === "ratio" && m.parts.length ? h("span", { class: "muted small", "data-testid": "metric-parts" }, ` (${m.parts.map(partName).join(" / ")})`) : null),
      h("td", { class: "num" }, percent(m.alertThresholdBp)),
      h("td", { class: "small muted", "data-testid": "metric-usage" }, usageText(m.usage)),
      h("td", { class: "row-actions" },
        h("button", { class: "tb metric-edit", onclick: () => this.edit(m) }, t("metric.edit")),
        h("button", { class: "tb metric-retire", onclick: () => this.run("metric_retire", { code: m.code, restore: m.retired }) }, m.retired ? t("metric.restore") : t("metric.retire")),
        h("button", { class: "tb metric-delete", onclick: () => this.run("metric_delete", { code: m.code }) }, t("metric.delete")))));
    fill(this,
      h("h2", {}, t("metric.title")),
      h("p", { class: "muted small" }, t("metric.hint")),
      h("div", { class: "toolbar" },
        h("button", { id: "metric-add", class: "tb", onclick: () => this.edit(null) }, t("metric.add")),
        h("span", { class: "spacer" }),
        h("label", { class: "small" }, h("input", { id: "metric-show-retired", type: "checkbox", checked: this.view.showRetired,
          onchange: (e) => { this.view.showRetired = e.target.checked; this.load(); } }), " ", t("metric.showRetired"))),
      this.status,
      // Every metric retired (and hidden): say how to bring one back instead of an empty table.
      rows.length ? null : h("p", { class: "muted", "data-testid": "metrics-none" }, t("metric.none")),
      wideTable(h("table", { class: "data metrics", "data-testid": "metrics-table" },
        h("thead", {}, h("tr", {}, ["nameZh", "nameEn", "unit", "direction", "kind", "horizon", "aggregation", "alert", "usage", "actions"].map((c) => h("th", {}, t(`metric.col.${c}`))))),
        h("tbody", {}, rows))));
  }
}

customElements.define("tl-metrics", TlMetrics);
