// The required run-rate table: for the node and each sub-unit, per tier (floor, base,
// challenge), what remains, what must be sold per remaining working day, against the actual per
// working day so far, and whether the tier is still within reach (at the year's best month).

import { h } from "../dom.js";
import { wideTable } from "../wide-table.js";
import { t } from "../i18n.js";
import { money } from "../format.js";

export const TIERS = ["floor", "base", "challenge"];

/** What a tier's cell says: `reached` (nothing remains), `reachable` (at the best month's pace),
 * `out` (not even at the best month's pace), `noDays` (something remains, no working day does). */
export function tierStatus(tier) {
  if (tier.remaining <= 0) return "reached";
  if (tier.neededPerDay === null) return "noDays";
  return tier.reachable ? "reachable" : "out";
}

function tierCell(rate, tierCode, lang) {
  const tier = rate.tiers.find((x) => x.tier === tierCode);
  if (!tier) return h("td", { class: "num muted" }, "—");
  const status = tierStatus(tier);
  const cls = status === "reached" || status === "reachable" ? "good-text" : "warn-text";
  return h(
    "td",
    { class: `num rr-tier ${status}`, "data-tier": tierCode, "data-needed": tier.neededPerDay ?? "", "data-remaining": tier.remaining },
    h("div", {}, status === "reached" || status === "noDays" ? "—" : money(tier.neededPerDay, lang)),
    h("div", { class: "small muted" }, t("dash.rr.remaining", { v: money(tier.remaining, lang) })),
    h("div", { class: `small ${cls}` }, t(`dash.rr.${status}`)),
  );
}

/** The card; `rates` as the view gives them (the node first, then its sub-units). */
export function runRateCard(rates, lang, tableExports) {
  if (!rates?.length || !rates.some((r) => r.tiers.length)) return null;
  const first = rates[0];
  return h(
    "section",
    { class: "card", "data-testid": "run-rate" },
    h("h2", {}, t("dash.rr.title"), tableExports ?? null),
    h("p", { class: "muted small", "data-testid": "run-rate-note" }, first.remainingDays > 0
      ? t("dash.rr.explain", { elapsed: first.elapsedDays, left: first.remainingDays })
      : t("dash.rr.over", { elapsed: first.elapsedDays })),
    wideTable(
      h(
        "table",
        { class: "data" },
        h("tr", {},
          h("th", {}, t("dash.col.name")),
          h("th", { class: "num" }, t("dash.rr.current")),
          h("th", { class: "num" }, t("dash.rr.best")),
          TIERS.map((k) => h("th", { class: "num" }, t("dash.rr.needed", { tier: t(`dash.rr.tier.${k}`) })))),
        ...rates.map((r, i) =>
          h("tr", { class: i === 0 ? "total" : "", "data-rr": r.path },
            h("td", {}, r.name),
            h("td", { class: "num", "data-current": r.currentPerDay ?? "" }, r.currentPerDay === null ? "—" : money(r.currentPerDay, lang)),
            h("td", { class: "num" }, r.bestPerDay === null ? "—" : money(r.bestPerDay, lang),
              r.bestMonth ? h("div", { class: "small muted" }, r.bestMonth) : null),
            TIERS.map((k) => tierCell(r, k, lang)))),
      ),
    ),
  );
}
