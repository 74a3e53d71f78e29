// <tl-scorecard-defaults> (Settings): the metrics, weights and caps an evaluation uses until the
// Evaluation section gives it weights of its own. Weights must total 100%; retired metrics are
// not offered (one already in the defaults stays); saving is checked again by the core.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { points } from "../format.js";
import { Section } from "../section.js";
import { readScorecard, typedTotalBp } from "./scorecard-read.js";
import { useDefaultsAsked } from "./use-defaults.js";
import { wideTable } from "../wide-table.js";

class TlScorecardDefaults extends Section {
  connectedCallback() {
    this.status = h("p", { class: "muted", "data-testid": "scd-status", role: "status" });
    this.load();
  }

  load() {
    return this.loadNewest(async () => ({ data: await call("scorecard_defaults") }));
  }

  /** The rows as typed: [{ metric, weight, cap }]. */
  typed() {
    return [...this.querySelectorAll("tr.scd-row")].map((tr) => ({
      metric: tr.querySelector("select").value,
      weight: tr.querySelector("input[name='weight']").value,
      cap: tr.querySelector("input[name='cap']").value,
    }));
  }

  showTotal() {
    const total = typedTotalBp(this.typed());
    this.total.textContent = t("eval.weightsTotal", { total: points(total) });
    this.total.className = total === 10000 ? "good-text" : "warn-text";
    this.total.dataset.bp = total;
  }

  row(it) {
    const l = lang();
    const name = (m) => (l === "en" ? `${m.nameEn} (${t(`eval.horizon.${m.horizon}`)})` : `${m.nameZh}（${t(`eval.horizon.${m.horizon}`)}）`);
    const tr = h("tr", { class: "scd-row", "data-metric": it.metric },
      h("td", {}, h("select", { name: "metric", "aria-label": t("eval.metric") },
        this.data.metrics.map((m) => h("option", { value: m.code, selected: m.code === it.metric }, name(m))))),
      h("td", {}, h("input", { name: "weight", inputmode: "decimal", size: 7, value: points(it.weightBp), "aria-label": t("eval.weight"), oninput: () => this.showTotal() }), " %"),
      h("td", {}, h("input", { name: "cap", inputmode: "decimal", size: 7, value: points(it.capBp), "aria-label": t("eval.cap") }), " %"),
      h("td", {}, h("button", { class: "tb", title: t("scd.remove"), onclick: () => { tr.remove(); this.showTotal(); } }, "×")));
    return tr;
  }

  async save() {
    const read = readScorecard(this.typed());
    if (read.error) {
      this.status.textContent = read.error;
      this.status.className = "warn-text";
      return;
    }
    try {
      this.data = await call("scorecard_defaults_save", { config: { items: read.items } });
    } catch (err) {
      // The rows stay as typed; the message says what to change.
      this.status.textContent = err.message;
      this.status.className = "warn-text";
      return;
    }
    this.render();
    this.status.textContent = t("scd.saved");
    this.status.className = "good-text";
  }

  /** Asks, replaces the Evaluation's own weights with these defaults and offers Undo. */
  async useDefaults() {
    try {
      await useDefaultsAsked(this.app, () => this.load());
    } catch (err) {
      this.app.showError(err);
    }
  }

  render() {
    const d = this.data;
    this.body = h("tbody", {}, d.config.items.map((it) => this.row(it)));
    this.total = h("p", { "data-testid": "scd-total" });
    this.status.textContent = "";
    // The first metric not weighed yet, else the first one; none when nothing is choosable.
    const unused = () => d.metrics.find((m) => !this.typed().some((r) => r.metric === m.code)) ?? d.metrics[0];
    const add = () => {
      const m = unused();
      if (!m) return;
      this.body.append(this.row({ metric: m.code, weightBp: 0, capBp: 12000 }));
      this.showTotal();
    };
    fill(this,
      h("h2", {}, t("scd.title")),
      h("p", { class: "muted small" }, t("scd.hint")),
      h("p", { "data-testid": "scd-follows", "data-follows": String(d.evaluationFollows) },
        d.evaluationFollows ? t("scd.follows") : t("scd.own"), " ",
        d.evaluationFollows ? null : h("button", { id: "scd-use", class: "link", onclick: () => this.useDefaults() }, t("scd.useDefaults"))),
      // Nothing to choose (every metric retired): say what to do instead of an empty picker.
      d.metrics.length ? null : h("p", { class: "warn-text", "data-testid": "scd-no-metrics" }, t("scd.noMetrics")),
      wideTable(h("table", { class: "data", "data-testid": "scd-table" },
        h("thead", {}, h("tr", {}, h("th", {}, t("eval.metric")), h("th", {}, t("eval.weight")), h("th", {}, t("eval.cap")), h("th", {}))),
        this.body)),
      h("button", { class: "tb", id: "scd-add", disabled: !d.metrics.length, onclick: add }, t("eval.addItem")),
      this.total,
      this.status,
      h("div", { class: "actions" }, h("button", { id: "scd-save", class: "primary", onclick: () => this.save() }, t("setup.save"))));
    this.showTotal();
  }
}

customElements.define("tl-scorecard-defaults", TlScorecardDefaults);
