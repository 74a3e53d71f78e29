// <tl-evaluation>: scorecards (weighted KPIs, capped, short and long term) ranked with the
// champion, each person's tiered commission and the distance to the next tier; the weights and
// the commission plan edited in dialogs; the table for meetings.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { Section } from "../section.js";
import { lang, t } from "../i18n.js";
import { money, parseMoney, parsePercentBp, percent, points, yuan } from "../format.js";
import { useDefaultsAsked } from "../settings/use-defaults.js";
import { wideTable } from "../wide-table.js";
import "./customers.js";

class TlEvaluation extends Section {
  async connectedCallback() {
    this.nav = this.navState(() => ({ node: "/", period: null }));
    this.dialog = h("dialog", { class: "card", "data-testid": "evaluation-dialog" });
    fill(this, h("header", { class: "page-head" }, h("h1", {}, t("nav.evaluation"))), h("p", { class: "muted" }, t("loading")));
    if (!this.nav.period) {
      const headline = await call("dashboard_headline").catch(() => null);
      this.fiscalYear = headline?.fiscalYear ?? new Date().getFullYear();
      this.nav.period = `${this.fiscalYear}-YTD`;
    }
    this.fiscalYear ??= Number(this.nav.period.slice(0, 4));
    await this.load();
  }

  load() {
    // Only the newest request may show its scorecards (the pickers change faster than they load).
    return this.loadNewest(async () => {
      // The settings change only through this section's dialogs, which clear them.
      const [report, settings] = await Promise.all([
        call("evaluation_report", { node: this.nav.node, period: this.nav.period }),
        this.settings ?? call("evaluation_settings"),
      ]);
      return { report, settings };
    }, (got) => {
      Object.assign(this, got);
      if (this.nav.node === "/") this.units = unitsOf(this.report.rows);
    });
  }

  render() {
    const l = lang();
    const r = this.report;
    const fy = this.fiscalYear;
    const periods = [`${fy}-YTD`, `${fy}`, `${fy}-Q1`, `${fy}-Q2`, `${fy}-Q3`, `${fy}-Q4`];
    const name = (c) => (l === "en" ? c.nameEn : c.nameZh);
    const champ = r.rows[0]; // rank 1
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("nav.evaluation")),
        h("p", { class: "muted", "data-testid": "evaluation-subtitle" }, t("eval.subtitle", { period: r.period, asOf: r.asOf }))),
      h("div", { class: "toolbar" },
        h("select", { id: "eval-period", onchange: (e) => { this.nav.period = e.target.value; this.load(); } },
          periods.map((p) => h("option", { value: p, selected: p === this.nav.period }, p.endsWith("-YTD") ? t("eval.ytd", { y: fy }) : p))),
        h("select", { id: "eval-node", onchange: (e) => { this.nav.node = e.target.value; this.load(); } },
          (this.units ?? [{ path: "/", name: t("eval.everyone"), depth: 0 }]).map((u) =>
            h("option", { value: u.path, selected: u.path === this.nav.node }, `${"　".repeat(u.depth)}${u.name}`))),
        h("span", { class: "spacer" }),
        h("button", { class: "tb", id: "eval-weights", onclick: () => this.editWeights() }, t("eval.weights")),
        h("button", { class: "tb", id: "eval-plan", onclick: () => this.editPlan() }, t("eval.plan")),
        h("button", { class: "tb", id: "eval-csv", onclick: () => this.exportTable("csv") }, t("dash.csv")),
        h("button", { class: "tb", id: "eval-xlsx", onclick: () => this.exportTable("xlsx") }, t("dash.xlsx"))),
      champ
        ? h("section", { class: "card champion", "data-testid": "eval-champion", "data-name": champ.name },
            h("strong", {}, t("eval.champion", { name: champ.name, team: champ.team, score: points(champ.totalBp) })),
            " ", h("span", { class: "muted" }, t("eval.championCommission", { total: money(champ.commission.total, l) })))
        : null,
      h("section", { class: "card" },
        h("h2", {}, t("eval.scorecards")),
        h("p", { class: "muted small" }, t("eval.how", {
          items: r.items.map((c) => `${name(c)} ${percent(c.weightBp)}`).join(l === "en" ? ", " : "、"),
        })),
        wideTable(
          h("table", { class: "data scorecards", "data-testid": "scorecards" },
            h("tr", {},
              h("th", {}, t("eval.rank")), h("th", {}, t("dash.col.name")), h("th", {}, t("eval.team")),
              r.items.map((c) => h("th", { class: "num", title: t(`eval.horizon.${c.horizon}`) }, name(c), h("div", { class: "muted small" }, percent(c.weightBp)))),
              h("th", { class: "num" }, t("eval.short")), h("th", { class: "num" }, t("eval.long")), h("th", { class: "num" }, t("eval.total")),
              h("th", { class: "num" }, t("eval.revenue")), h("th", { class: "num" }, t("eval.commission")), h("th", { class: "num" }, t("eval.nextTier"))),
            ...r.rows.map((row) =>
              h("tr", { "data-person": row.name, "data-rank": row.rank, "data-total": row.totalBp, "data-commission": row.commission.total, class: row.rank === 1 ? "top" : "" },
                h("td", { class: "num" }, row.rank),
                h("td", {}, row.name),
                h("td", { class: "muted" }, row.team),
                r.items.map((c, i) => {
                  const a = row.achievements[i];
                  const inherited = row.inherited.includes(c.metric);
                  return h("td", { class: "num", title: a === null ? t("eval.noTarget") : t("eval.itemTip", { a: percent(a), s: points(row.scores[i] ?? 0) }) + (inherited ? ` · ${t("eval.inherited")}` : "") },
                    a === null ? "—" : percent(a), inherited ? h("sup", { class: "muted" }, "†") : null);
                }),
                h("td", { class: "num" }, points(row.shortTermBp)),
                h("td", { class: "num" }, points(row.longTermBp)),
                h("td", { class: "num" }, h("strong", {}, points(row.totalBp))),
                h("td", { class: "num", title: row.revenueTarget === null ? null : t("eval.ofTarget", { target: money(row.revenueTarget, l) }) }, money(row.revenueActual, l)),
                h("td", { class: "num", title: t("eval.commissionTip", { tiered: yuan(row.commission.tiered), bonus: yuan(row.commission.targetBonus), excess: yuan(row.commission.excessBonus) }) },
                  yuan(row.commission.total), row.commission.capped ? h("sup", { class: "warn-text" }, t("eval.capped")) : null),
                h("td", { class: "num muted" }, row.commission.nextTier
                  ? t("eval.nextTierLine", { distance: money(row.commission.nextTier.distance, l), rate: percent(row.commission.nextTier.rateBp) })
                  : "—")))), { columns: 2 }),
        h("p", { class: "muted small" }, t("eval.inheritedNote"))),
      (this.customers ??= Object.assign(h("tl-customers"), { app: this.app })),
      this.dialog,
    );
  }

  /** The scorecard's items: metric, weight and cap; the weights must total 100%. */
  editWeights() {
    const metrics = this.settings.metrics;
    const l = lang();
    const rows = h("tbody", {});
    const status = h("p", { class: "muted", "data-testid": "weights-status" });
    const addRow = (it) => {
      const tr = h("tr", { class: "weight-row" },
        h("td", {}, h("select", { name: "metric" }, metrics.map((m) =>
          h("option", { value: m.code, selected: m.code === it.metric }, `${l === "en" ? m.nameEn : m.nameZh}（${t(`eval.horizon.${m.horizon}`)}）`)))),
        h("td", {}, h("input", { type: "number", name: "weight", step: "0.01", min: "0", value: points(it.weightBp), style: "width:80px", oninput: total }), " %"),
        h("td", {}, h("input", { type: "number", name: "cap", step: "0.01", min: "1", value: points(it.capBp), style: "width:70px" }), " %"),
        h("td", {}, h("button", { class: "tb", onclick: () => { tr.remove(); total(); } }, "×")));
      rows.append(tr);
    };
    function total() {
      const sum = [...rows.querySelectorAll("input[name='weight']")].reduce((a, i) => a + (parsePercentBp(i.value || "0") ?? 0), 0);
      status.textContent = t("eval.weightsTotal", { total: points(sum) });
      status.className = sum === 10000 ? "good-text" : "warn-text";
    }
    for (const it of this.settings.scorecard.items) addRow(it);
    total();
    const save = async () => {
      const items = [...rows.querySelectorAll("tr")].map((tr) => ({
        metric: tr.querySelector("select").value,
        weightBp: parsePercentBp(tr.querySelector("input[name='weight']").value || "0"),
        capBp: parsePercentBp(tr.querySelector("input[name='cap']").value || "0"),
      }));
      await this.saveDialog(status, async () => {
        await call("evaluation_save_scorecard", { config: { items } });
        this.settings = null;
      });
    };
    fill(this.dialog,
      h("h2", {}, t("eval.weightsTitle")),
      h("p", { class: "muted" }, t("eval.weightsHint")),
      h("table", { class: "data" }, h("thead", {}, h("tr", {}, h("th", {}, t("eval.metric")), h("th", {}, t("eval.weight")), h("th", {}, t("eval.cap")), h("th", {}, ""))), rows),
      // No choosable metric (all retired): say what to do; the add button has nothing to add.
      metrics.length ? null : h("p", { class: "warn-text", "data-testid": "weights-no-metrics" }, t("scd.noMetrics")),
      h("button", { class: "tb", id: "weights-add", disabled: !metrics.length, onclick: () => { if (!metrics.length) return; addRow({ metric: metrics[0].code, weightBp: 0, capBp: 12000 }); total(); } }, t("eval.addItem")),
      status,
      h("div", { class: "actions" }, h("button", { id: "weights-ok", onclick: save }, t("gantt.ok")), h("button", { onclick: () => this.dialog.close() }, t("gantt.cancel")),
        // Back to Settings → Scorecard defaults: asks, names the weights it replaces, and the
        // notice offers Undo.
        h("button", { id: "weights-defaults", class: "link", onclick: () => this.useDefaults(status) }, t("scd.useDefaults"))),
    );
    this.dialog.showModal();
  }

  /** "Use the defaults" from the weights dialog: asked first; the dialog closes once replaced;
   * an error stays on the dialog's status line. */
  async useDefaults(status) {
    const reload = async () => {
      this.dialog.close();
      this.settings = null;
      await this.load();
    };
    try {
      await useDefaultsAsked(this.app, reload);
    } catch (err) {
      status.textContent = err.message;
      status.className = "warn-text";
    }
  }

  /** The commission plan: marginal or stepped tiers, the bonus at 100%, the excess rate, a cap. */
  editPlan() {
    const p = this.settings.plan;
    const kind = h("select", { name: "kind" }, ["marginal", "stepped"].map((k) => h("option", { value: k, selected: k === p.kind }, t(`eval.kind.${k}`))));
    const rows = h("tbody", {});
    const addTier = (tier) => {
      const tr = h("tr", { class: "tier-row" },
        h("td", {}, h("input", { type: "text", name: "from", value: yuan(tier.from).replace(/,/g, ""), style: "width:140px" })),
        h("td", {}, h("input", { type: "number", name: "rate", step: "0.01", min: "0", value: points(tier.rateBp), style: "width:80px" }), " %"),
        h("td", {}, h("button", { class: "tb", onclick: () => tr.remove() }, "×")));
      rows.append(tr);
    };
    for (const tier of p.tiers) addTier(tier);
    const bonus = h("input", { type: "text", name: "targetBonus", value: yuan(p.targetBonus).replace(/,/g, ""), style: "width:140px" });
    const excess = h("input", { type: "number", name: "excess", step: "0.01", min: "0", value: points(p.excessBp), style: "width:80px" });
    const cap = h("input", { type: "text", name: "cap", value: p.cap === null ? "" : yuan(p.cap).replace(/,/g, ""), placeholder: t("eval.noCap"), style: "width:140px" });
    const status = h("p", { class: "warn-text", "data-testid": "plan-status" });
    const save = async () => {
      const fen = (el) => parseMoney(el.value || "0");
      const tiers = [...rows.querySelectorAll("tr")].map((tr) => ({
        from: fen(tr.querySelector("input[name='from']")),
        rateBp: parsePercentBp(tr.querySelector("input[name='rate']").value || "0"),
      }));
      const plan = { kind: kind.value, tiers, targetBonus: fen(bonus), excessBp: parsePercentBp(excess.value || "0"), cap: cap.value.trim() === "" ? null : fen(cap) };
      if ([...tiers.map((x) => x.from), plan.targetBonus, plan.cap ?? 0].some((v) => v === null) || plan.excessBp === null || tiers.some((x) => x.rateBp === null)) {
        status.textContent = t("eval.planBad");
        return;
      }
      await this.saveDialog(status, async () => {
        await call("evaluation_save_plan", { plan });
        this.settings = null;
      });
    };
    fill(this.dialog,
      h("h2", {}, t("eval.planTitle")),
      h("p", { class: "muted" }, t("eval.planHint")),
      h("div", { class: "form-line" }, h("label", {}, t("eval.kindLabel"), " ", kind)),
      h("table", { class: "data" }, h("thead", {}, h("tr", {}, h("th", {}, t("eval.tierFrom")), h("th", {}, t("eval.tierRate")), h("th", {}, ""))), rows),
      h("button", { class: "tb", id: "tier-add", onclick: () => addTier({ from: 0, rateBp: 0 }) }, t("eval.addTier")),
      h("div", { class: "form-line" }, h("label", {}, t("eval.targetBonus"), " ", bonus)),
      h("div", { class: "form-line" }, h("label", {}, t("eval.excess"), " ", excess, " %")),
      h("div", { class: "form-line" }, h("label", {}, t("eval.cap"), " ", cap)),
      status,
      h("div", { class: "actions" }, h("button", { id: "plan-ok", onclick: save }, t("gantt.ok")), h("button", { onclick: () => this.dialog.close() }, t("gantt.cancel"))),
    );
    this.dialog.showModal();
  }

  async exportTable(format) {
    await this.app.saveFile("evaluation_export", { node: this.nav.node, period: this.nav.period, format });
  }
}

/** The company, its regions and teams (from the people's paths), for the node picker. */
function unitsOf(rows) {
  const seen = new Map([["/", { path: "/", name: t("eval.everyone"), depth: 0 }]]);
  for (const r of rows) {
    const parts = r.path.split("/").filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const path = `/${parts.slice(0, i).join("/")}`;
      if (!seen.has(path)) seen.set(path, { path, name: parts[i - 1], depth: i });
    }
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path));
}

customElements.define("tl-evaluation", TlEvaluation);
