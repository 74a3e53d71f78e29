// The dialogs that create what a section lacks: the company's name, a year plan, and the set-up
// assistant that walks a new workspace through both. Each ends by applying the new setup status.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { money } from "../format.js";
import { lang, t } from "../i18n.js";
import { memberFields } from "./catalog.js";
import { metricName, openMetricDialog } from "./metrics.js";
import "./org-editor.js";
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

/** The set-up assistant: company → year plan → working calendar → product lines, customer types
 * and channels → organisation → the target split by capacity; every step can be skipped. */
export function openAssistant(app) {
  const d = modal(app, "setup-assistant");
  d.id = "setup-assistant";
  let month = app.setup?.fiscalStartMonth ?? 1;
  const steps = [companyStep, planStep, calendarStep, metricsStep, catalogStep, orgStep, splitStep];
  const labels = ["setup.step1", "setup.step2", "setup.stepCalendar", "setup.stepMetrics", "setup.stepCatalog", "setup.step3", "setup.step4"];
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
      h("p", { class: "muted small", "data-testid": "assistant-step" }, t("setup.step", { n: i + 1, of: steps.length }), " · ", t(labels[i])),
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

  /** The buttons under a step from the third on: next, skip, and done. */
  function later(nav, next, label = t("setup.next")) {
    return h("div", { class: "actions" },
      h("button", { id: "assistant-next", class: "primary", onclick: act(next) }, label),
      h("button", { id: "assistant-skip", onclick: act(async () => nav.next()) }, t("setup.skip")),
      h("button", { id: "assistant-finish", onclick: act(async () => nav.finish()) }, t("setup.finish")));
  }

  /** The plan year's working calendar: the official mainland-China holidays, or plain weeks. */
  function calendarStep(nav) {
    const year = app.setup?.selectedYear ?? new Date().getFullYear();
    const option = (value, checked) => h("label", { class: "choice" },
      h("input", { type: "radio", name: "assistant-calendar", id: `calendar-${value}`, value, checked }), " ", t(`setup.calendar.${value}`));
    const status = h("p", { class: "dialog-status" });
    const next = async () => {
      const choice = d.querySelector("input[name='assistant-calendar']:checked")?.value ?? "china";
      const days = await attempt(status, "setup_calendar", { year, choice });
      if (days === null) return;
      app.showNotice(t("setup.calendarSet", { year, days }));
      nav.next();
    };
    return h("div", {},
      h("p", { class: "muted small" }, t("setup.calendarHint", { year })),
      h("div", { class: "form-line" }, option("china", true)),
      h("div", { class: "form-line" }, option("none", false)),
      status, later(nav, next));
  }

  /** The metrics to track: revenue always, the catalog's others with their direction and kind,
   * and new ones added right here. Those left unticked are retired (Settings → Metrics shows
   * them again). */
  function metricsStep(nav) {
    const status = h("p", { class: "dialog-status" });
    const list = h("div", { class: "metric-choices", "data-testid": "metric-choices" });
    let metrics = [];
    const ticked = new Set(["revenue"]);
    const draw = () => fill(list, metrics.map((m) => h("label", { class: "choice", "data-code": m.code },
      h("input", { type: "checkbox", value: m.code, checked: ticked.has(m.code), disabled: m.code === "revenue",
        onchange: (e) => { if (e.target.checked) ticked.add(m.code); else ticked.delete(m.code); } }),
      " ", metricName(m), " ",
      h("span", { class: "muted small" }, t(`metric.direction.${m.direction}`), " · ", t(`metric.kind.${m.kind}`)))));
    attempt(status, "metric_list", { withRetired: false }).then((got) => { if (got) { metrics = got; draw(); } });
    const add = async () => {
      const got = await openMetricDialog(metrics);
      if (!got) return;
      const known = new Set(metrics.map((m) => m.code));
      for (const m of got) if (!known.has(m.code)) ticked.add(m.code);
      metrics = got;
      draw();
    };
    const next = async () => {
      if ((await attempt(status, "metric_track", { codes: [...ticked] })) === null) return;
      nav.next();
    };
    return h("div", {},
      h("p", { class: "muted small" }, t("setup.metricsHint")),
      list,
      h("div", { class: "toolbar" }, h("button", { id: "assistant-metric-add", class: "tb", onclick: add }, t("metric.add"))),
      status, later(nav, next));
  }

  /** Product lines, customer types and channels: typed, or a column pasted from Excel. */
  function catalogStep(nav) {
    const status = h("p", { class: "dialog-status" });
    const fields = memberFields(status, "dim");
    const next = async () => {
      if (await fields.save()) nav.next();
    };
    return h("div", {}, fields.el, status, later(nav, next));
  }

  /** The organisation built right here (the editor of Settings), or imported. */
  function orgStep(nav) {
    const editor = app.setup?.company
      ? Object.assign(h("tl-org-editor", { class: "assistant-org", "data-testid": "org-editor" }), { app })
      : h("p", { class: "muted" }, t("setup.orgNeedsCompany"));
    return h("div", {},
      h("p", { class: "muted small" }, t("setup.orgBuildHint")),
      editor,
      h("p", { class: "muted small" }, t("setup.orgHint")),
      h("div", { class: "actions" },
        h("button", { id: "assistant-next", class: "primary", onclick: act(async () => nav.next()) }, t("setup.next")),
        h("button", { id: "assistant-import-org", onclick: () => { d.close(); app.go("actuals"); } }, t("setup.importOrg")),
        h("button", { id: "assistant-finish", onclick: act(async () => nav.finish()) }, t("setup.finish"))));
  }

  /** The year's company target shared down to every person by capacity: a preview, then split. */
  function splitStep(nav) {
    const year = app.setup?.selectedYear;
    const plan = (app.setup?.planYears ?? []).find((p) => p.year === year && p.status !== "archived");
    const status = h("p", { class: "dialog-status" });
    const table = h("div", { "data-testid": "capacity-split" });
    const split = h("button", { id: "assistant-split", class: "primary", disabled: true, onclick: act(async () => {
      const got = await attempt(status, "setup_split_capacity", { year, apply: true });
      if (!got) return;
      app.showNotice(t("setup.splitDone", { year, n: got.leaves.length }));
      nav.finish();
    }) }, t("setup.split"));
    if (!plan || plan.target === null) fill(status, h("span", { class: "muted" }, t("setup.splitNoPlan")));
    else {
      attempt(status, "setup_split_capacity", { year, apply: false }).then((got) => {
        if (!got) return;
        fill(table, h("table", { class: "data" },
          h("thead", {}, h("tr", {}, h("th", {}, t("setup.col.person")), h("th", { class: "num" }, t("setup.col.share")))),
          h("tbody", {}, got.leaves.map((l) => {
            const name = l.path.split("/").pop();
            return h("tr", { "data-name": name }, h("td", {}, l.path.replace(/^\//, "")), h("td", { class: "num" }, money(l.tiers.base, lang())));
          }))));
        split.disabled = false;
      });
    }
    return h("div", {},
      h("p", { class: "muted small" }, t("setup.splitHint", { year })),
      table, status,
      h("div", { class: "actions" }, split,
        h("button", { id: "assistant-finish", onclick: act(async () => nav.finish()) }, t("setup.finish"))));
  }

  d.addEventListener("close", () => applySetup(app, app.setup));
  d.showModal();
  show(0);
}
