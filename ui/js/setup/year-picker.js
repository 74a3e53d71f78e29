// The plan year every section shows, chosen in the sidebar: the live year plans, and a new one.

import { call } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { openPlanDialog } from "./dialogs.js";
import { applySetup, livePlans } from "./status.js";

export function yearPicker(app) {
  const setup = app.setup;
  if (!setup) return null;
  const plans = livePlans(setup);
  const select = h("select", { id: "plan-year", "aria-label": t("setup.yearPicker") },
    plans.map((p) => h("option", { value: p.year, selected: p.year === setup.selectedYear },
      t("setup.yearOption", { year: p.year, status: t(`setup.status.${p.status}`) }))),
    h("option", { value: "new" }, t("setup.newYear")));
  if (!plans.length) select.value = "new";
  select.addEventListener("change", async () => {
    if (select.value === "new") {
      select.value = plans.length ? String(setup.selectedYear) : "new";
      openPlanDialog(app);
      return;
    }
    try {
      applySetup(app, await call("plan_year_select", { year: Number(select.value) }));
    } catch (err) {
      app.showError(err);
    }
  });
  return h("label", { class: "year-picker" }, h("span", {}, t("setup.yearPicker")), select);
}
