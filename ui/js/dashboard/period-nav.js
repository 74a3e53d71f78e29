// Moving between periods: the arrows to the period before and after (of the same kind), and a
// picker of every period of that kind in its fiscal year (or of the fiscal years).

import { h } from "../dom.js";
import { t } from "../i18n.js";

/** "2026-Q3 季度", "FY2026 year to date": a period key with what kind it is. */
export function periodLabel(kind, key) {
  return t(`dash.period.${kind}`, { key: key.replace(/-YTD$/, "") });
}

/** ‹ [picker] ›; `pick(key, kind)` goes there. `nav` is the view's `{key, kind, previous, next, choices}`. */
export function periodBar(nav, pick) {
  const arrow = (dir, key) =>
    h("button", {
      class: "tb period-arrow",
      "data-period-step": dir,
      "data-key": key ?? "",
      disabled: !key,
      title: key ? `${t(`dash.nav.${dir}`)}: ${periodLabel(nav.kind, key)}` : t(`dash.nav.${dir}`),
      "aria-label": t(`dash.nav.${dir}`),
      onclick: () => key && pick(key, nav.kind),
    }, dir === "previous" ? "‹" : "›");
  const select = h(
    "select",
    { id: "dash-period-pick", "aria-label": t("dash.nav.pick"), onchange: (e) => pick(e.target.value, nav.kind) },
    nav.choices.map((k) => h("option", { value: k, selected: k === nav.key }, periodLabel(nav.kind, k))),
  );
  return h("span", { class: "period-bar", "data-testid": "period-bar", "data-key": nav.key }, arrow("previous", nav.previous), select, arrow("next", nav.next));
}
