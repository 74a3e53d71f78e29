// <tl-dashboard>: the company's headline for the current fiscal year.

import { call } from "../api.js";
import { h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { money, percent, points } from "../format.js";

function kpi(id, label, value, raw, sub) {
  return h(
    "div",
    { class: "kpi", "data-testid": `kpi-${id}`, "data-value": raw },
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

class TlDashboard extends HTMLElement {
  async connectedCallback() {
    if (!this.app.state.workspace) {
      this.replaceChildren(
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
    this.replaceChildren(h("header", { class: "page-head" }, h("h1", {}, t("dash.title"))), h("p", { class: "muted" }, t("loading")));
    let headline;
    try {
      headline = await call("dashboard_headline");
    } catch (err) {
      this.app.showError(err);
      return;
    }
    this.render(headline);
  }

  render(hl) {
    const l = lang();
    if (!hl) {
      this.replaceChildren(
        h("header", { class: "page-head" }, h("h1", {}, t("dash.title"))),
        h("section", { class: "card", "data-testid": "dash-empty" }, h("p", {}, t("dash.empty"))),
      );
      return;
    }
    const company = l === "zh-CN" || !hl.companyEn ? hl.company : hl.companyEn;
    const diff = hl.achievementBp - hl.timeProgressBp;
    this.replaceChildren(
      h(
        "header",
        { class: "page-head" },
        h("h1", {}, t("dash.title")),
        h("p", { class: "muted", "data-testid": "dash-subtitle" }, t("dash.subtitle", { company, year: hl.fiscalYear, asOf: hl.asOf })),
      ),
      h(
        "section",
        { class: "kpis" },
        kpi("target", t("dash.target"), money(hl.target, l), hl.target,
          t("dash.tiers", { floor: money(hl.floor, l), base: money(hl.target, l), challenge: money(hl.challenge, l) })),
        kpi("actual", t("dash.actual"), money(hl.actual, l), hl.actual, null),
        kpi("achievement", t("dash.achievement"), percent(hl.achievementBp), hl.achievementBp, null),
        kpi("time-progress", t("dash.timeProgress"), percent(hl.timeProgressBp), hl.timeProgressBp, t("dash.workdays")),
        kpi("gap", t("dash.gap"), money(hl.gap, l), hl.gap, null),
      ),
      h(
        "section",
        { class: "card" },
        h("h2", {}, t("dash.progressLegend")),
        bar(t("dash.achievement"), hl.achievementBp, diff >= 0 ? "good" : "warn"),
        bar(t("dash.timeProgress"), hl.timeProgressBp, "time"),
        h("p", { class: diff >= 0 ? "good-text" : "warn-text", "data-testid": "dash-pace" },
          t(diff >= 0 ? "dash.ahead" : "dash.behind", { diff: points(Math.abs(diff)) })),
      ),
    );
  }
}

customElements.define("tl-dashboard", TlDashboard);
