// <tl-dashboard>: one node and one period — headline figures, charts drawn by Rust (the same
// drawing goes into the exported PNGs), children to drill into, alerts, ranking; exports.

import { call, newestOnly } from "../api.js";
import { Section } from "../section.js";
import { meetingDeck } from "../dashboard/deck.js";
import { hiddenOf } from "../dashboard/legend.js";
import { fill, h } from "../dom.js";
import { wideTable } from "../wide-table.js";
import { lang, t } from "../i18n.js";
import { metricValue, money, percent, points, yuan } from "../format.js";
import { periodBar, periodLabel } from "../dashboard/period-nav.js";
import { runRateCard } from "../dashboard/run-rate.js";
import { ratioBp } from "../dashboard/figures.js";
import { lyShown, tierParts } from "../dashboard/cards.js";
import { afterShown, chartStage } from "../dashboard/chart-stage.js";
import { CODES } from "../error_codes.js";

const KINDS = ["cumulative", "achievement", "heatmap", "funnel"];
const DIMENSIONS = ["product_line", "customer_type", "channel"];
const INDICATOR_KINDS = ["lagging", "leading", "risk", "health"];
/** The longest stuck deals shown (of each stage, the view's `WINDOW_STUCK`); the total row counts
 * them all. */
const STUCK_SHOWN = 12;
const PERIODS = ["week", "month", "quarter", "ytd", "year"];
/** Charts are drawn by Rust at the CSS size they are shown at: the stage's width, and a height
 * that follows it (16:10), within these bounds. */
const CHART_MIN_H = 280;
const CHART_MAX_H = 560;
/** A resize redraws the charts once it has paused this long (ms). */
const REDRAW_AFTER = 200;

/** The size a chart stage of `width` CSS pixels shows its chart at. */
function chartSize(width) {
  const w = Math.max(320, Math.round(width));
  return { width: w, height: Math.min(CHART_MAX_H, Math.max(CHART_MIN_H, Math.round(w * 0.625))) };
}

function kpi(id, label, value, raw, sub, cls = "") {
  return h(
    "div",
    { class: `kpi ${cls}`, "data-testid": `kpi-${id}`, "data-value": raw },
    h("div", { class: "kpi-label" }, label),
    h("div", { class: "kpi-value" }, value),
    sub ? h("div", { class: "kpi-sub" }, sub) : null,
  );
}

function bar(label, bp, cls) {
  const width = Math.max(0, Math.min(100, bp / 100));
  return h(
    "div",
    { class: "bar-row" },
    h("span", { class: "bar-label" }, label),
    h("div", { class: "bar-track" }, h("div", { class: `bar-fill ${cls}`, style: `width:${width}%` })),
    h("span", { class: "bar-value" }, percent(bp)),
  );
}

class TlDashboard extends Section {
  async connectedCallback() {
    if (!this.app.state.workspace) {
      fill(this,
        h("header", { class: "page-head" }, h("h1", {}, t("dash.title"))),
        h(
          "section",
          { class: "card", "data-testid": "no-workspace" },
          h("p", {}, t("dash.noWorkspace")),
          h(
            "div",
            { class: "actions" },
            h("button", { onclick: () => this.app.run("workspace_open") }, t("file.open")),
            h("button", { onclick: () => this.app.run("workspace_new") }, t("file.new")),
          ),
        ),
      );
      return;
    }
    // Where the manager was looking, kept across sections while the workspace stays open.
    this.nav = this.navState(() => ({ node: "/", period: "year" }));
    fill(this, h("header", { class: "page-head" }, h("h1", {}, t("dash.title"))), h("p", { class: "muted" }, t("loading")));
    await this.load();
  }

  /** The view of the node and period looked at; clicks come faster than views load, so only
   * the newest draws (the Section base). A node gone from the organisation falls back to the
   * company. */
  load() {
    return this.loadNewest(() => this.read(), ({ view }) => {
      this.view = view;
      this.hiddenSeries = {}; // a new view shows every series
      if (view) this.nav.periods = view.periods;
    });
  }

  /** Reads the view to draw (`view: null`: nothing to show yet). */
  async read() {
    if (!this.nav.periods) {
      // First visit: the period keys come with a view, so start with the fiscal year.
      const headline = await call("dashboard_headline");
      if (!headline) return { view: null };
      this.nav.periods = { year: String(headline.fiscalYear) };
    }
    // A click into a chart may pick one month (nav.key); the picker's buttons pick by kind.
    const size = this.measureCharts();
    const sized = { chartWidth: size.width, chartHeight: size.height };
    const viewOf = async (period) => {
      try {
        return await call("dashboard_view", { node: this.nav.node, period, ...sized });
      } catch (err) {
        if (err?.code !== CODES.node_not_found || this.nav.node === "/") throw err;
        this.nav.node = "/";
        return call("dashboard_view", { node: "/", period, ...sized });
      }
    };
    const asked = performance.now();
    let view = await viewOf(this.nav.key ?? this.nav.periods[this.nav.period] ?? this.nav.periods.year);
    if (!this.nav.key && !this.nav.periods[this.nav.period]) {
      this.nav.periods = view.periods;
      view = await viewOf(this.nav.periods[this.nav.period]);
    }
    // How long the view took to arrive, to build and to be shown (read by the benchmark).
    this.timings = { call: performance.now() - asked };
    return { view };
  }

  /** The CSS size the charts will be shown at, measured before they are asked for: on the stage
   * of a chart already shown, else on a placeholder laid out as the charts will be (so each
   * chart is drawn once, at its size, not guessed and drawn again). */
  measureCharts() {
    let stage = this.querySelector("figure.chart .chart-stage");
    if (!stage) {
      fill(this, h("header", { class: "page-head" }, h("h1", {}, t("dash.title")), h("p", { class: "muted" }, t("loading"))),
        this.chartsSection(() => h("div", { class: "chart-stage placeholder" })));
      stage = this.querySelector("figure.chart .chart-stage");
    }
    return chartSize(stage?.clientWidth > 0 ? stage.clientWidth : 470);
  }

  /** The four chart cards, each with its export buttons and the stage `stageOf(kind)` makes. */
  chartsSection(stageOf) {
    return h(
      "section",
      { class: "charts" },
      KINDS.map((kind) =>
        h(
          "figure",
          { class: "card chart", "data-chart": kind },
          h("figcaption", {}, h("span", {}, t(`dash.chart.${kind}`)),
            h("span", { class: "chart-actions" },
              h("button", { class: "tb", "data-export": `${kind}-png`, onclick: () => this.exportChart(kind, "png") }, "PNG"),
              h("button", { class: "tb", "data-export": `${kind}-svg`, onclick: () => this.exportChart(kind, "svg") }, "SVG"))),
          stageOf(kind),
        )),
    );
  }

  renderEmpty() {
    this.style.minHeight = "";
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("dash.title"))),
      h("section", { class: "card", "data-testid": "dash-empty" }, h("p", {}, t("dash.empty"))),
    );
  }

  /** A period of `kind` by its key (the arrows and the picker). */
  goPeriod(key, kind) {
    this.stage = null;
    this.nav.key = key;
    this.nav.period = kind;
    this.load();
  }

  go(patch) {
    if (patch.period) this.nav.key = null;
    if (!("stage" in patch)) this.stage = null;
    Object.assign(this.nav, patch);
    this.load();
  }

  /** Where a click on a chart region leads: a node, a month of it, or a funnel stage's deals. */
  drill(hit) {
    if (!hit.stage && !hit.node && !hit.period) return;
    if (hit.stage) {
      this.stage = this.stage === hit.stage ? null : hit.stage;
      this.querySelector("[data-testid='stuck']")?.replaceWith(this.stuckCard());
      this.querySelector("[data-testid='stuck']")?.scrollIntoView({ block: "nearest" });
      return;
    }
    const patch = {};
    if (hit.node) patch.node = hit.node;
    if (hit.period) {
      this.nav.key = hit.period;
      this.nav.period = "month";
    }
    this.go(patch);
  }

  /** A chart as drawn by Rust with its clickable regions laid over it. */
  chartStage(chart, kind) {
    return chartStage(this, chart, kind);
  }

  /** The node's figures by product line, customer type or channel (the picked one is remembered). */
  dimensionCard() {
    const l = lang();
    this.nav.dim ??= "product_line";
    const body = h("div", {});
    const load = async () => {
      const v = await this.ask("dashboard_dimension", { node: this.nav.node, period: this.view.report.period, dim: this.nav.dim });
      if (!v) return;
      const row = (name, f, cls, code) =>
        h("tr", { class: `${cls}${f.alert ? " alert" : ""}`, "data-member": code },
          h("td", {}, name),
          h("td", { class: "num" }, f.target ? money(f.target.base, l) : "—"),
          h("td", { class: "num", "data-actual": f.actual }, money(f.actual, l)),
          h("td", { class: "num" }, f.achievementBp === null ? "—" : percent(f.achievementBp)),
          h("td", { class: "num" }, f.paceVarianceBp === null ? "—" : percent(f.paceVarianceBp)));
      fill(body, wideTable(h("table", { class: "data", "data-testid": "by-dimension", "data-dim": v.dim },
        h("tr", {}, ["dash.col.name", "dash.target", "dash.actual", "dash.achievement", "dash.pace"].map((k) => h("th", {}, t(k)))),
        ...v.rows.map((r) => row(l === "en" ? r.nameEn : r.nameZh, r.figures, "", r.code)),
        row(t("grid.total"), v.total, "total", ""))));
    };
    const pick = h("select", { id: "dash-dim", onchange: (e) => { this.nav.dim = e.target.value; load(); } },
      DIMENSIONS.map((d) => h("option", { value: d, selected: d === this.nav.dim }, t(`grid.cross.${d}`))));
    load();
    return h("section", { class: "card" }, h("h2", {}, t("dash.byDimension"), " ", pick, this.tableExports("dimension")), body);
  }

  /** Lagging, leading, risk and health indicators of the node, short or long term. */
  indicatorCard() {
    const l = lang();
    this.nav.horizon ??= "short";
    const body = h("div", { class: "indicators" });
    const show = () => {
      const key = this.nav.horizon === "short" ? "shortTerm" : "longTerm";
      fill(body, ...INDICATOR_KINDS.map((kind) => {
        const list = this.view.indicators.find((g) => g.kind === kind)?.[key] ?? [];
        return h("div", { class: "indicator-group", "data-group": kind },
          h("h3", {}, t(`dash.ind.${kind}`)),
          list.length
            ? h("ul", {}, list.map((i) => {
                const f = i.figures;
                const m = i.metric;
                return h("li", { "data-metric": m.code, class: f.alert ? "alert" : "" },
                  h("span", {}, l === "en" ? m.nameEn : m.nameZh),
                  h("span", { class: "num" }, metricValue(m.unit, f.actual, l),
                    f.target ? h("span", { class: "muted" }, ` / ${metricValue(m.unit, f.target.base, l)}`) : null,
                    f.achievementBp === null ? null : h("strong", { class: f.achievementBp >= 10000 ? "good-text" : "warn-text" }, ` ${percent(f.achievementBp)}`)));
              }))
            : h("p", { class: "muted small" }, t("dash.ind.none")));
      }));
    };
    const seg = h("div", { class: "seg", role: "group" }, ["short", "long"].map((hz) =>
      h("button", { "data-horizon": hz, class: hz === this.nav.horizon ? "active" : "", onclick: (e) => {
        this.nav.horizon = hz;
        for (const b of seg.children) b.classList.toggle("active", b === e.target);
        show();
      } }, t(`dash.ind.${hz}`))));
    show();
    return h("section", { class: "card", "data-testid": "indicators" }, h("h2", {}, t("dash.ind.title"), " ", seg, this.tableExports("indicators")), body);
  }

  /** The funnel's deals stuck longer than their stage allows, optionally one stage only. */
  stuckCard() {
    const l = lang();
    const funnel = this.view.funnel;
    const stageName = (code) => {
      const s = funnel.stages.find((x) => x.code === code);
      return s ? (l === "en" ? s.nameEn : s.nameZh) : code;
    };
    // The view lists the longest stuck deals of each stage; how many there are and their amount
    // come with the stages.
    const deals = funnel.overdueDeals.filter((d) => !this.stage || d.stage === this.stage);
    const stages = funnel.stages.filter((s) => !this.stage || s.code === this.stage);
    const count = stages.reduce((n, s) => n + s.overdue, 0);
    const total = stages.reduce((sum, s) => sum + s.overdueAmount, 0);
    return h(
      "section",
      { class: "card", "data-testid": "stuck", "data-count": count, "data-stage": this.stage ?? "" },
      h("h2", {}, this.stage ? t("dash.stuck.stage", { stage: stageName(this.stage) }) : t("dash.stuck.title"), this.tableExports("stuck")),
      this.stage ? h("button", { class: "tb", id: "stuck-all", onclick: () => this.drill({ stage: this.stage }) }, t("dash.stuck.all")) : null,
      deals.length
        ? h(
            "table",
            { class: "data" },
            h("tr", {}, ["dash.stuck.deal", "dash.stuck.owner", "dash.stuck.stageCol", "dash.stuck.days", "dash.stuck.amount"].map((k) => h("th", {}, t(k)))),
            ...deals.slice(0, STUCK_SHOWN).map((d) =>
              h("tr", { "data-deal": d.dealId },
                h("td", {}, d.name), h("td", {}, d.owner), h("td", {}, stageName(d.stage)),
                h("td", { class: "num warn-text" }, t("dash.stuck.daysOf", { days: d.daysInStage, max: d.maxDays })),
                h("td", { class: "num" }, money(d.amount, l)))),
            h("tr", { class: "total" }, h("td", { colspan: 4 }, t(count > STUCK_SHOWN ? "dash.stuck.totalMore" : "dash.stuck.total", { n: count, shown: STUCK_SHOWN })), h("td", { class: "num" }, money(total, l))),
          )
        : h("p", { class: "muted" }, t("dash.stuck.none")),
    );
  }

  async exportChart(kind, format) {
    // The file is the picture on screen: drawn at the size shown (the PNG at twice that),
    // without the series hidden from its legend.
    const chart = this.view.charts.find((c) => c.kind === kind);
    await this.app.saveFile("dashboard_export_chart", {
      kind, node: this.nav.node, period: this.view.report.period, format,
      size: chart ? { width: chart.width, height: chart.height, hidden: hiddenOf(this, kind) } : null,
    });
  }

  /** Redraws every chart whose stage is no longer the size it was drawn at (after a resize). */
  async redrawCharts() {
    const figures = [...this.querySelectorAll("figure.chart")];
    const stage = figures[0]?.querySelector(".chart-stage");
    if (!stage || !stage.clientWidth || !this.view) return;
    const size = chartSize(stage.clientWidth);
    // Only the newest redraw of the view on screen may replace its charts.
    const current = (this.redraws ??= newestOnly())();
    const view = this.view;
    const period = view.report.period;
    const node = this.nav.node;
    await Promise.all(figures.map(async (fig) => {
      const kind = fig.dataset.chart;
      const old = view.charts.find((c) => c.kind === kind);
      if (old && old.width === size.width && old.height === size.height) return;
      let chart;
      // Counted, so a test can tell a resize's redraw from a first draw drawn twice.
      this.dataset.chartRedraws = String(Number(this.dataset.chartRedraws ?? 0) + 1);
      try {
        chart = await call("dashboard_chart", { kind, node, period, width: size.width, height: size.height, hidden: hiddenOf(this, kind) });
      } catch (err) {
        this.app.showError(err);
        return;
      }
      if (this.view !== view || !current()) return;
      view.charts = view.charts.map((c) => (c.kind === kind ? chart : c));
      fig.querySelector(".chart-stage")?.replaceWith(this.chartStage(chart, kind));
    }));
  }

  /** Watches the charts' width: a resize redraws them at the new size once it pauses. */
  watchSize(section) {
    this.resizer?.disconnect();
    let timer = null;
    this.resizer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => this.redrawCharts(), REDRAW_AFTER);
    });
    this.resizer.observe(section);
  }

  disconnectedCallback() {
    this.resizer?.disconnect();
  }

  /** CSV and XLSX buttons of one of the view's tables. */
  tableExports(table) {
    return h("span", { class: "chart-actions table-actions" },
      ["csv", "xlsx"].map((format) =>
        h("button", { class: "tb", "data-export-table": `${table}-${format}`, onclick: () => this.exportTable(format, table) }, format.toUpperCase())));
  }

  async exportTable(format, table = "variance") {
    await this.app.saveFile("dashboard_export_table", { node: this.nav.node, period: this.view.report.period, format, table, dim: this.nav.dim ?? null });
  }

  async meetingPack() {
    const n = await this.ask("dashboard_meeting_pack", { node: this.nav.node, period: this.view.report.period });
    if (n) this.app.showNotice(t("dash.packSaved", { n }));
  }

  render() {
    if (!this.view) {
      this.renderEmpty();
      return;
    }
    const built = performance.now();
    this.draw();
    const timings = this.timings ?? {};
    timings.build = performance.now() - built;
    requestAnimationFrame(() => { timings.frame = performance.now() - built; });
  }

  /** Lays out the whole view. */
  draw() {
    const l = lang();
    const v = this.view;
    const f = v.report.figures;
    const target = f.target;
    const company = v.breadcrumb[0].name;
    // Pace is judged against the split's own seasonality (expected to date), not a straight line.
    const pace = f.paceVarianceBp ?? 0;
    const expectedBp = target && target.base ? ratioBp(f.expectedToDate ?? 0, target.base) : 0;
    // The same gap in points of achievement (the bars below are in points).
    const pointsGap = (f.achievementBp ?? 0) - expectedBp;
    const forecast = f.forecast?.value ?? null;
    const children = [...f.children].sort((a, b) => (b.achievementBp ?? -1e9) - (a.achievementBp ?? -1e9));
    const alerts = f.children.filter((c) => c.alert);
    const shownPeriod = periodLabel(v.nav.kind, v.report.period);
    const ly = v.lastYear;
    const lyOf = (path) => ly?.rows.find((r) => r.path === path) ?? null;
    const growth = (row) => (row?.growthBp === null || row?.growthBp === undefined ? "—" : `${row.growthBp >= 0 ? "+" : ""}${percent(row.growthBp)}`);

    const toolbar = h(
      "div",
      { class: "toolbar" },
      h("div", { class: "seg", role: "group" }, PERIODS.map((p) =>
        h("button", { "data-period": p, class: p === this.nav.period && !this.nav.key ? "active" : "", onclick: () => this.go({ period: p }) }, t(`dash.pick.${p}`)))),
      periodBar(v.nav, (key, kind) => this.goPeriod(key, kind)),
      h("nav", { class: "crumbs", "data-testid": "breadcrumb" }, v.breadcrumb.flatMap((c, i) => [
        i ? h("span", { class: "sep" }, "›") : null,
        i === v.breadcrumb.length - 1 ? h("strong", {}, c.name) : h("a", { href: "#", "data-path": c.path, onclick: (e) => { e.preventDefault(); this.go({ node: c.path }); } }, c.name),
      ])),
      h("span", { class: "spacer" }),
      h("button", { class: "tb", id: "table-csv", onclick: () => this.exportTable("csv") }, t("dash.csv")),
      h("button", { class: "tb", id: "table-xlsx", onclick: () => this.exportTable("xlsx") }, t("dash.xlsx")),
      h("button", { class: "tb primary", id: "meeting-deck", onclick: (e) => meetingDeck(this, e.currentTarget) }, t("dash.deck")),
      h("button", { class: "tb", id: "meeting-pack", onclick: () => this.meetingPack() }, t("dash.pack")),
    );

    const cards = h(
      "section",
      { class: "kpis" },
      kpi("target", t("dash.target"), target ? money(target.base, l) : "—", target?.base ?? "",
        target ? tierParts(t("dash.tiers", { floor: money(target.floor, l), base: money(target.base, l), challenge: money(target.challenge, l) })) : null),
      kpi("actual", t("dash.actual"), money(f.actual, l), f.actual, null),
      kpi("achievement", t("dash.achievement"), f.achievementBp === null ? "—" : percent(f.achievementBp), f.achievementBp ?? "", null),
      kpi("time-progress", t("dash.timeProgress"), percent(f.timeProgressBp), f.timeProgressBp, t("dash.workdays")),
      kpi("pace", t("dash.pace"), f.paceVarianceBp === null ? "—" : percent(f.paceVarianceBp), f.paceVarianceBp ?? "",
        f.expectedToDate === null ? null : [t("dash.expected", { v: money(f.expectedToDate, l) }), h("br"),
          t("dash.pace.relative", { points: t("dash.pace.points", { sign: pointsGap < 0 ? "−" : "+", v: points(Math.abs(pointsGap)) }) })], f.alert ? "alert" : ""),
      kpi("forecast", t("dash.forecast"), forecast === null ? "—" : money(forecast, l), forecast ?? "",
        f.tierReached ? t(`dash.tier.${f.tierReached}`) : null, f.tierReached === "below" ? "alert" : ""),
      kpi("gap", t("dash.gap"), f.gap === null ? "—" : money(f.gap, l), f.gap ?? "", null),
      ly ? kpi("last-year", t("dash.ly.title"), lyShown(lyOf(f.path), l), lyOf(f.path)?.actual ?? "",
        [t("dash.ly.sub", { period: ly.period, to: ly.to }), h("br"),
          lyOf(f.path)?.growthBp === null ? t("dash.ly.none") : h("span", { "data-growth": lyOf(f.path).growthBp }, t("dash.ly.growth", { pct: growth(lyOf(f.path)) }))]) : null,
    );

    // The charts' regions (a region's heatmap has hundreds) are laid over them once they show.
    const charts = this.chartsSection((kind) => chartStage(this, v.charts.find((c) => c.kind === kind), kind, { regionsLater: true }));

    const table = () => children.length
      ? h(
          "section",
          { class: "card" },
          h("h2", {}, t("dash.children"), this.tableExports("variance")),
          wideTable(h(
            "table",
            { class: "data", "data-testid": "children" },
            h("tr", {}, ["dash.col.name", "dash.target", "dash.actual", "dash.achievement", "dash.pace", "dash.forecast", "dash.ly.col"].map((k) => h("th", {}, t(k)))),
            ...children.map((c) =>
              h(
                "tr",
                { class: c.alert ? "alert" : "", "data-child": c.name },
                h("td", {}, h("a", { href: "#", "data-drill": c.path, onclick: (e) => { e.preventDefault(); this.go({ node: c.path }); } }, c.name)),
                h("td", { class: "num" }, c.target ? money(c.target.base, l) : "—"),
                h("td", { class: "num" }, money(c.actual, l)),
                h("td", { class: "num" }, c.achievementBp === null ? "—" : percent(c.achievementBp)),
                h("td", { class: "num" }, c.paceVarianceBp === null ? "—" : percent(c.paceVarianceBp)),
                h("td", { class: "num" }, c.forecast ? money(c.forecast.value, l) : "—"),
                h("td", { class: "num", "data-growth": lyOf(c.path)?.growthBp ?? "" }, growth(lyOf(c.path))),
              ),
            ),
          )),
        )
      : null;

    const alertList = () => h(
      "section",
      { class: "card" },
      h("h2", {}, t("dash.alerts")),
      alerts.length
        ? h("ul", { class: "alerts", "data-testid": "alerts" }, alerts.map((c) => {
            const d = v.alerts.find((a) => a.path === c.path);
            const signed = (bp) => (bp === null ? "—" : `${bp >= 0 ? "+" : ""}${percent(bp)}`);
            const rate = v.runRates.find((r) => r.path === c.path);
            const floor = rate?.tiers.find((x) => x.tier === "floor");
            const runRate = floor && floor.remaining > 0
              ? h("div", { class: "run-rate", "data-run-rate": floor.neededPerDay ?? "" }, floor.neededPerDay === null
                ? t("dash.runRateOut", { name: c.name })
                : t("dash.runRate", { name: c.name, needed: money(floor.neededPerDay, l), current: rate.currentPerDay === null ? "—" : money(rate.currentPerDay, l), days: rate.remainingDays }))
              : null;
            return h("li", { "data-alert": c.name },
              t("dash.alertLine", { name: c.name, pace: points(Math.abs(c.paceVarianceBp)), expected: money(c.expectedToDate, l), actual: money(c.actual, l) }),
              runRate,
              d ? h("div", { class: "drivers" }, t("dash.alertDrivers", {
                orders: d.orders, expectedOrders: d.expectedOrders, ordersPct: signed(d.ordersBp),
                aov: money(d.orderValue, l), parentAov: money(d.parentOrderValue, l), aovPct: signed(d.orderValueBp),
                leads: d.leads, expectedLeads: d.expectedLeads, leadsPct: signed(d.leadsBp),
                conversion: d.conversionBp === null ? "—" : percent(d.conversionBp),
                parentConversion: d.parentConversionBp === null ? "—" : percent(d.parentConversionBp),
              })) : null);
          }))
        : h("p", { class: "muted" }, t("dash.noAlerts")),
    );

    const rk = v.ranking;
    const lead = rk.leader;
    const rankPeriod = periodLabel(rk.scope, rk.period);
    const ranking = () => h(
      "section",
      { class: "card" },
      h("h2", {}, t("dash.rank.title", { period: rankPeriod }), this.tableExports("ranking")),
      h("p", { "data-testid": "champion", "data-champion": rk.champion?.name ?? "", "data-leader": lead?.name ?? "" },
        lead
          ? t(rk.champion ? "dash.rank.champion" : "dash.rank.leader", { period: rankPeriod, name: lead.name, pct: percent(lead.achievementBp), progress: percent(rk.timeProgressBp) })
          : t("dash.rank.none", { period: rankPeriod })),
      h("ol", { class: "ranking" }, v.ranking.rows.slice(0, 5).map((r) =>
        h("li", {}, h("span", {}, r.name), h("span", { class: "num" }, r.achievementBp === null ? "—" : percent(r.achievementBp))))),
    );

    this.watchSize(charts);
    const drawn = (this.drawn = {});
    // The page keeps its height until the tables are back, so the scroll position stays where
    // the user clicked.
    this.style.minHeight = `${this.offsetHeight}px`;
    fill(this,
      h(
        "header",
        { class: "page-head" },
        h("h1", {}, t("dash.title")),
        h("p", { class: "muted", "data-testid": "dash-subtitle" }, t("dash.subtitle2", { company, period: shownPeriod, asOf: v.report.asOf })),
      ),
      toolbar,
      cards,
      h(
        "section",
        { class: "card" },
        h("h2", {}, t("dash.progressLegend")),
        bar(t("dash.achievement"), f.achievementBp ?? 0, pace >= 0 ? "good" : "warn"),
        bar(t("dash.expectedShare"), expectedBp, "expected"),
        bar(t("dash.timeProgress"), f.timeProgressBp, "time"),
        h("p", { class: pace >= 0 ? "good-text" : "warn-text", "data-testid": "dash-pace", "data-points": pointsGap, "data-relative": pace },
          t(pace >= 0 ? "dash.pace.ahead2" : "dash.pace.behind2", {
            ach: percent(f.achievementBp ?? 0), exp: percent(expectedBp), pts: points(Math.abs(pointsGap)), rel: percent(Math.abs(pace)),
          })),
      ),
      charts,
    );
    // The charts' regions and what lies below the charts (sub-units, alerts, ranking, run-rate,
    // indicators, product lines, stuck deals, transactions) are built once the charts are on
    // screen, so the view a click asks for shows without waiting for them.
    afterShown(charts, () => {
      if (this.drawn !== drawn || !this.isConnected) return;
      this.style.minHeight = "";
      for (const stage of charts.querySelectorAll(".chart-stage")) stage.addRegions?.();
      this.append(...[
        h("div", { class: "two-col" }, table(), h("div", {}, alertList(), ranking())),
        runRateCard(v.runRates, l),
        this.indicatorCard(),
        this.dimensionCard(),
        this.stuckCard(),
        this.transactionsCard(),
      ].filter(Boolean));
      // When the whole view was in place (read by the benchmark).
      if (this.timings) this.timings.restAt = performance.now();
    });
  }

  /** Drill-down to the transactions behind the actual, with the file, sheet and row each came from. */
  transactionsCard() {
    const body = h("div", {});
    const card = h("section", { class: "card", "data-testid": "transactions" }, h("h2", {}, t("dash.transactions"), this.tableExports("transactions")), body);
    const l = lang();
    let offset = 0;
    const table = h("table", { class: "data" },
      h("tr", {}, ["dash.tx.date", "dash.tx.person", "dash.tx.amount", "dash.tx.product", "dash.tx.customer", "dash.tx.order", "dash.tx.source"].map((k) => h("th", {}, t(k)))));
    const more = h("button", { class: "tb", id: "tx-more" }, t("dash.tx.more"));
    const summary = h("p", { class: "muted", "data-testid": "tx-summary" });
    const load = async () => {
      const page = await this.ask("dashboard_transactions", { node: this.nav.node, period: this.view.report.period, offset });
      if (!page) return;
      summary.textContent = t("dash.tx.summary", { n: page.totalRows, total: money(page.totalAmount, l) });
      summary.dataset.total = page.totalAmount;
      for (const r of page.rows) {
        table.append(h("tr", { "data-tx": r.id },
          h("td", {}, r.date), h("td", {}, r.person), h("td", { class: "num" }, yuan(r.amount)), h("td", {}, r.productLine ?? ""),
          h("td", {}, r.customer ?? ""), h("td", {}, r.orderId ?? ""),
          h("td", { class: "muted" }, t("dash.tx.where", { file: r.fileName, sheet: r.sourceSheet ?? "", row: r.sourceRow ?? "—" }))));
      }
      offset += page.rows.length;
      more.hidden = offset >= page.totalRows;
    };
    const open = h("button", { class: "tb", id: "tx-open", onclick: async () => {
      open.remove();
      fill(body, summary, wideTable(table), more);
      await load();
    } }, t("dash.tx.show"));
    more.addEventListener("click", load);
    body.append(open);
    return card;
  }
}

customElements.define("tl-dashboard", TlDashboard);
