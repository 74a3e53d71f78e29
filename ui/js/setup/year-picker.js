// The plan year every section shows, chosen in the sidebar: the live year plans, and a new one.
// On the demo, until the user chooses, the offer beside it: start my own company, or keep the demo.

import { call } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { openPlanDialog } from "./dialogs.js";
import { applySetup, yearChoice } from "./status.js";

export function yearPicker(app) {
  const setup = app.setup;
  if (!setup) return null;
  const { plans, selected } = yearChoice(setup);
  const select = h("select", { id: "plan-year", "aria-label": t("setup.yearPicker") },
    plans.length ? null : h("option", { value: "none", disabled: true }, t("setup.noPlanYet")),
    plans.map((p) => h("option", { value: p.year },
      t("setup.yearOption", { year: p.year, status: t(`setup.status.${p.status}`) }))),
    h("option", { value: "new" }, t("setup.newYear")));
  select.value = selected;
  select.addEventListener("change", async () => {
    if (select.value === "new") {
      select.value = selected;
      openPlanDialog(app);
      return;
    }
    try {
      applySetup(app, await call("plan_year_select", { year: Number(select.value) }));
    } catch (err) {
      app.showError(err);
    }
  });
  // No plan yet: the button that creates one, beside the select that says so.
  const create = plans.length ? null
    : h("button", { id: "plan-year-create", class: "primary", onclick: () => openPlanDialog(app) },
      t("setup.createYear", { year: setup.suggestedYear }));
  return [h("div", { class: "year-picker" }, h("label", {}, h("span", {}, t("setup.yearPicker")), select), create), welcome(app)];
}

/** "This is a demo company": start one's own (File → New workspace, then the assistant) or keep
 * exploring the demo (asked once). */
function welcome(app) {
  if (!app.setup?.demoWelcome) return null;
  const keep = async () => {
    try {
      applySetup(app, await call("setup_keep_demo"));
    } catch (err) {
      app.showError(err);
    }
  };
  return h("div", { class: "welcome-box", "data-testid": "welcome" },
    h("p", {}, t("setup.welcome")),
    h("button", { id: "welcome-own", class: "primary", onclick: () => app.run("workspace_new") }, t("setup.welcomeOwn")),
    h("button", { id: "welcome-demo", class: "link", onclick: keep }, t("setup.welcomeDemo")));
}
