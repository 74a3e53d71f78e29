// The fields of the company and year-plan forms, shared by their dialogs and the assistant.
// Amounts and percentages are read exactly (fen, basis points), never through floats.

import { h } from "../dom.js";
import { parseMoney, parsePercentBp as percentBp } from "../format.js";
import { t } from "../i18n.js";

function monthSelect(id, value) {
  return h("select", { id }, Array.from({ length: 12 }, (_, i) =>
    h("option", { value: i + 1, selected: i + 1 === value }, t("setup.month", { m: i + 1 }))));
}

const row = (label, field, hint) =>
  h("div", { class: "form-line" }, h("label", {}, label, " ", field), hint ? h("span", { class: "muted small" }, " ", hint) : null);

/** Company name and the fiscal year's first month. */
export function companyFields(setup) {
  const name = h("input", { id: "setup-company", type: "text", maxlength: 80, value: setup?.company ?? "", placeholder: t("setup.companyPlaceholder") });
  const month = monthSelect("setup-fiscal-month", setup?.fiscalStartMonth ?? 1);
  return {
    el: h("div", {}, row(t("setup.companyName"), name), row(t("setup.fiscalStart"), month, t("setup.fiscalStartHint"))),
    focus: () => name.focus(),
    read: () => ({ name: name.value.trim(), fiscalStartMonth: Number(month.value) }),
  };
}

/** A year plan: year, blank or copied (growth), the company's target and its tiers. The fiscal
 * year's first month is asked here too unless `fiscalStartMonth` comes from the company step. */
export function planFields(setup, fiscalStartMonth = null) {
  const month = fiscalStartMonth ? null : monthSelect("plan-fiscal-month", setup?.fiscalStartMonth ?? 1);
  const years = (setup?.planYears ?? []).map((p) => p.year);
  const taken = new Set((setup?.planYears ?? []).filter((p) => p.status !== "archived").map((p) => p.year));
  let proposed = setup?.suggestedYear ?? new Date().getFullYear();
  while (taken.has(proposed)) proposed += 1;
  const year = h("input", { id: "plan-year-input", type: "number", min: 2000, max: 2100, value: proposed });
  const copy = h("select", { id: "plan-copy-from" },
    h("option", { value: "" }, t("setup.blankPlan")),
    [...new Set(years)].map((y) => h("option", { value: y }, t("setup.copyFrom", { year: y }))));
  const growth = h("input", { id: "plan-growth", type: "text", size: 6, value: "10%" });
  const target = h("input", { id: "plan-target", type: "text", size: 14, placeholder: t("setup.targetPlaceholder") });
  const floor = h("input", { id: "plan-floor", type: "text", size: 6, value: "80%" });
  const challenge = h("input", { id: "plan-challenge", type: "text", size: 6, value: "120%" });
  const growthRow = row(t("setup.growth"), growth, t("setup.growthHint"));
  const syncCopy = () => { growthRow.hidden = !copy.value; };
  copy.addEventListener("change", syncCopy);
  syncCopy();
  return {
    el: h("div", {},
      row(t("setup.planYear"), year, t("setup.planYearHint")),
      month ? row(t("setup.fiscalStart"), month, t("setup.fiscalStartHint")) : null,
      years.length ? row(t("setup.startFrom"), copy) : null,
      growthRow,
      row(t("setup.companyTarget"), target, t("setup.targetHint")),
      row(t("setup.tiers"), h("span", {}, t("setup.floor"), " ", floor, " ", t("setup.challenge"), " ", challenge))),
    focus: () => target.focus(),
    /** The spec for `plan_year_create`, or { error } in the user's language. */
    read: () => {
      const y = Number(year.value);
      if (!Number.isInteger(y) || y < 2000 || y > 2100) return { error: t("setup.badYear") };
      const spec = { year: y, fiscalStartMonth: fiscalStartMonth ?? Number(month.value), growthBp: 0 };
      if (copy.value) {
        spec.copyFrom = Number(copy.value);
        const g = percentBp(growth.value || "0");
        if (g === null) return { error: t("setup.badPercent", { text: growth.value }) };
        spec.growthBp = g;
      }
      if (target.value.trim()) {
        const fen = parseMoney(target.value);
        if (fen === null || fen < 0) return { error: t("setup.badAmount", { text: target.value }) };
        spec.target = fen;
      }
      const f = percentBp(floor.value);
      const c = percentBp(challenge.value);
      if (f === null) return { error: t("setup.badPercent", { text: floor.value }) };
      if (c === null) return { error: t("setup.badPercent", { text: challenge.value }) };
      spec.ratios = { floorBp: f, challengeBp: c, sprintBp: null };
      return { spec };
    },
  };
}
