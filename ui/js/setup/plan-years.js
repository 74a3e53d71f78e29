// Settings → Company and year plans: rename the company; every year's plan with its status, to
// show, approve or archive; create another year.

import { fill, h } from "../dom.js";
import { money } from "../format.js";
import { lang, t } from "../i18n.js";
import { openAssistant, openCompanyDialog, openPlanDialog } from "./dialogs.js";
import { applySetup } from "./status.js";
import { wideTable } from "../wide-table.js";
import { Section } from "../section.js";

class TlPlanYears extends Section {
  connectedCallback() {
    this.load();
  }

  /** The app's set-up status is read once per app state; a change redraws the whole window. */
  load() {
    this.render();
  }

  render() {
    const app = this.app;
    const s = app.setup;
    if (!s) return;
    const act = async (command, args) => {
      const got = await this.ask(command, args);
      if (got) applySetup(app, got);
    };
    const approve = (year) => {
      const who = h("input", { id: "approve-who", type: "text" });
      const d = h("dialog", { class: "card setup-dialog" },
        h("h2", {}, t("setup.approveTitle", { year })),
        h("label", {}, t("setup.approver"), " ", who),
        h("div", { class: "actions" },
          h("button", { id: "approve-ok", class: "primary", onclick: () => { d.close(); act("plan_year_approve", { year, approver: who.value }); } }, t("setup.approve")),
          h("button", { onclick: () => d.close() }, t("setup.cancel"))));
      d.addEventListener("close", () => d.remove());
      document.body.append(d);
      d.showModal();
      who.focus();
    };
    const rows = (s.planYears ?? []).map((p) => h("tr", { "data-year": p.year },
      h("td", {}, String(p.year), p.year === s.selectedYear ? h("span", { class: "muted small" }, " ", t("setup.shown")) : null),
      h("td", {}, t(`setup.status.${p.status}`)),
      h("td", { class: "num" }, p.target === null ? "—" : money(p.target, lang())),
      h("td", {},
        p.status !== "archived" && p.year !== s.selectedYear ? h("button", { class: "link", "data-show": p.year, onclick: () => act("plan_year_select", { year: p.year }) }, t("setup.show")) : null,
        p.status === "draft" ? h("button", { class: "link", "data-approve": p.year, onclick: () => approve(p.year) }, t("setup.approve")) : null,
        p.status !== "archived" ? h("button", { class: "link", "data-archive": p.year, onclick: () => act("plan_year_archive", { year: p.year }) }, t("setup.archive")) : null)));
    fill(this,
      h("h2", {}, t("setup.cardTitle")),
      h("p", {}, h("strong", { "data-testid": "company-name" }, s.company ?? t("setup.noCompany")), " ",
        h("button", { id: "company-rename", class: "link", onclick: () => openCompanyDialog(app) }, t(s.company ? "setup.rename" : "empty.company.create"))),
      rows.length
        ? wideTable(h("table", { class: "data", "data-testid": "plan-years" },
            h("thead", {}, h("tr", {}, h("th", {}, t("setup.col.year")), h("th", {}, t("setup.col.status")), h("th", { class: "num" }, t("setup.col.target")), h("th", {}))),
            h("tbody", {}, rows)))
        : h("p", { class: "muted" }, t("setup.noPlans")),
      h("div", { class: "actions" },
        h("button", { id: "plan-new", onclick: () => openPlanDialog(app) }, t("setup.newYear")),
        h("button", { id: "assistant-open", onclick: () => openAssistant(app) }, t("empty.assistant"))));
  }
}

customElements.define("tl-plan-years", TlPlanYears);
