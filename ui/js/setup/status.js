// What the workspace has and lacks (company, year plans), read once per app state and after
// every setup action; the empty states, the year picker and the assistant read it from here.

import { call } from "../api.js";

/** Error codes that mean "something is not set up yet", not "something went wrong". */
export const MISSING_CODES = new Set(["no_target_set", "import_no_target_set", "plan_year_missing", "company_missing"]);

/** What each section needs before it can show anything. */
const NEEDS = {
  dashboard: ["company", "plan"],
  targets: ["company", "plan"],
  plans: ["plan"],
  evaluation: ["company", "plan"],
  reviews: ["company"],
};

export async function loadSetup(app) {
  if (!app.state?.workspace) {
    app.setup = null;
    return null;
  }
  try {
    app.setup = await call("setup_status");
  } catch (err) {
    app.setup = null;
    app.showError(err);
  }
  return app.setup;
}

/** The plans a user works with (archived ones stay in Settings). */
export function livePlans(setup) {
  return (setup?.planYears ?? []).filter((p) => p.status !== "archived");
}

/** What the sidebar's plan-year select shows: the live plans (newest first) and the one selected,
 * or `"none"` when there is no live plan yet (the select then says so and offers to create one). */
export function yearChoice(setup) {
  const plans = livePlans(setup);
  const chosen = plans.find((p) => p.year === setup?.selectedYear) ?? plans[0];
  return { plans, selected: chosen ? String(chosen.year) : "none" };
}

/** What `section` still lacks: a list of "company" / "plan", empty when it can show. */
export function missingFor(setup, section) {
  if (!setup) return [];
  const lacks = { company: !setup.company, plan: livePlans(setup).length === 0 };
  return (NEEDS[section] ?? []).filter((need) => lacks[need]);
}

/** A blank workspace: no company and no plan (the assistant opens by itself). */
export function isBlank(setup) {
  return !!setup && !setup.company && (setup.planYears ?? []).length === 0;
}

/** After a setup action: the new status, and every section looks at the year afresh. */
export function applySetup(app, setup) {
  app.setup = setup;
  // The calendar's undo steps belong to the workspace, not to the year: they stay.
  app.navs.forget("tl-dashboard", "tl-evaluation", "tl-reviews");
  app.error = MISSING_CODES.has(app.error?.code) ? null : app.error;
  app.render();
}
