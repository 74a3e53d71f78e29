// The dialogs that create what a section lacks: the company's name, a year plan, and the set-up
// assistant that walks a new workspace through both. Each ends by applying the new setup status.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { companyFields, planFields } from "./forms.js";
import { applySetup } from "./status.js";

function modal(app, testid) {
  const d = h("dialog", { class: "card setup-dialog", "data-testid": testid });
  d.addEventListener("close", () => d.remove());
  // Beside the app, so a redraw of the section under it leaves the dialog open.
  document.body.append(d);
  return d;
}

/** Runs a setup command; shows its error inside the dialog (nothing typed is lost). */
async function attempt(status, command, args) {
  try {
    fill(status);
    return await call(command, args);
  } catch (err) {
    fill(status, h("span", { class: "error-text", role: "alert" }, err.message ?? String(err)));
    return null;
  }
}

export function openCompanyDialog(app) {
  const d = modal(app, "company-dialog");
  const fields = companyFields(app.setup);
  const status = h("p", { class: "dialog-status" });
  const save = async () => {
    const got = await attempt(status, "setup_company_name", { name: fields.read().name });
    if (got) {
      d.close();
      applySetup(app, got);
    }
  };
  fill(d,
    h("h2", {}, t(app.setup?.company ? "setup.renameTitle" : "setup.companyTitle")),
    fields.el, status,
    h("div", { class: "actions" },
      h("button", { id: "company-save", class: "primary", onclick: save }, t("setup.save")),
      h("button", { onclick: () => d.close() }, t("setup.cancel"))));
  d.showModal();
  fields.focus();
}

export function openPlanDialog(app) {
  const d = modal(app, "plan-dialog");
  const fields = planFields(app.setup);
  const status = h("p", { class: "dialog-status" });
  const save = async () => {
    const r = fields.read();
    if (r.error) return fill(status, h("span", { class: "error-text", role: "alert" }, r.error));
    const got = await attempt(status, "plan_year_create", { spec: r.spec });
    if (got) {
      d.close();
      applySetup(app, got);
    }
  };
  fill(d,
    h("h2", {}, t("setup.planTitle")),
    fields.el, status,
    h("div", { class: "actions" },
      h("button", { id: "plan-save", class: "primary", onclick: save }, t("setup.createPlan")),
      h("button", { onclick: () => d.close() }, t("setup.cancel"))));
  d.showModal();
  fields.focus();
}

/** The set-up assistant: company → year plan → organisation; every step can be skipped. */
export function openAssistant(app) {
  const d = modal(app, "setup-assistant");
  d.id = "setup-assistant";
  let month = app.setup?.fiscalStartMonth ?? 1;
  const steps = [companyStep, planStep, orgStep];
  // Only the step on screen may move on, and one button at a time: a click that lands while a
  // step's command still runs changes nothing (the buttons wait, disabled).
  let current = -1;
  let busy = false;
  const act = (fn) => async () => {
    if (busy) return;
    busy = true;
    const buttons = [...d.querySelectorAll(".actions button")];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await fn();
    } finally {
      busy = false;
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  const show = (i) => {
    current = i;
    d.dataset.step = String(i + 1);
    const body = steps[i]({
      next: () => { if (current === i) show(i + 1); },
      finish: () => { if (current === i) { d.close(); app.section = "dashboard"; } },
      setMonth: (m) => { month = m; },
      month: () => month,
    });
    fill(d,
      h("h2", {}, t("setup.assistantTitle")),
      h("p", { class: "muted small", "data-testid": "assistant-step" }, t("setup.step", { n: i + 1, of: steps.length }), " · ", t(`setup.step${i + 1}`)),
      body);
    d.querySelector("input,select")?.focus();
  };

  function companyStep(nav) {
    const fields = companyFields(app.setup);
    const status = h("p", { class: "dialog-status" });
    const next = async () => {
      const { name, fiscalStartMonth } = fields.read();
      nav.setMonth(fiscalStartMonth);
      if (name || app.setup?.company) {
        const got = await attempt(status, "setup_company_name", { name: name || app.setup.company });
        if (!got) return;
        app.setup = got;
      }
      nav.next();
    };
    return h("div", {}, fields.el, status, h("div", { class: "actions" },
      h("button", { id: "assistant-next", class: "primary", onclick: act(next) }, t("setup.next")),
      h("button", { id: "assistant-skip", onclick: act(() => nav.next()) }, t("setup.skip"))));
  }

  function planStep(nav) {
    const fields = planFields(app.setup, nav.month());
    const status = h("p", { class: "dialog-status" });
    const create = async () => {
      const r = fields.read();
      if (r.error) return fill(status, h("span", { class: "error-text", role: "alert" }, r.error));
      const got = await attempt(status, "plan_year_create", { spec: r.spec });
      if (!got) return;
      app.setup = got;
      nav.next();
    };
    return h("div", {}, fields.el, status, h("div", { class: "actions" },
      h("button", { id: "assistant-next", class: "primary", onclick: act(create) }, t("setup.createPlan")),
      h("button", { id: "assistant-skip", onclick: act(() => nav.next()) }, t("setup.skip"))));
  }

  function orgStep(nav) {
    return h("div", {},
      h("p", {}, t("setup.orgHint")),
      h("div", { class: "actions" },
        h("button", { id: "assistant-import-org", onclick: () => { d.close(); app.go("actuals"); } }, t("setup.importOrg")),
        h("button", { id: "assistant-finish", class: "primary", onclick: () => nav.finish() }, t("setup.finish"))));
  }

  d.addEventListener("close", () => applySetup(app, app.setup));
  d.showModal();
  show(0);
}
