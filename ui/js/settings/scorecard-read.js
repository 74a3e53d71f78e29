// The scorecard defaults as typed (metric, weight %, cap %) read into the items the core stores,
// exactly in basis points; a text that is not a percentage names itself in the message. And a
// scorecard's items in words, for the question before "use the defaults".

import { parsePercentBp, percent } from "../format.js";
import { lang, t } from "../i18n.js";

/** `rows`: [{ metric, weight, cap }] as typed. Returns { items, totalBp } or { error }. */
export function readScorecard(rows) {
  const items = [];
  for (const [i, row] of rows.entries()) {
    const weightBp = parsePercentBp(row.weight);
    const capBp = parsePercentBp(row.cap);
    if (weightBp === null) return { error: t("scd.badWeight", { n: i + 1, text: row.weight }) };
    if (capBp === null) return { error: t("scd.badCap", { n: i + 1, text: row.cap }) };
    items.push({ metric: row.metric, weightBp, capBp });
  }
  return { items, totalBp: items.reduce((sum, it) => sum + it.weightBp, 0) };
}

/** The running total shown under the rows (texts not yet a percentage count as 0). */
export function typedTotalBp(rows) {
  return rows.reduce((sum, row) => sum + (parsePercentBp(row.weight) ?? 0), 0);
}

/** A scorecard's items in words, metrics by name (`metrics`: [{ code, nameZh, nameEn }]):
 * "销售收入 60.00%（封顶 130.00%）；客户拜访量 40.00%（封顶 110.00%）". */
export function describeItems(items, metrics) {
  const l = lang();
  if (!items.length) return t("scd.noItems");
  const name = (code) => {
    const m = metrics.find((x) => x.code === code);
    return m ? (l === "en" ? m.nameEn : m.nameZh) : code;
  };
  return items
    .map((it) => t("scd.item", { name: name(it.metric), weight: percent(it.weightBp), cap: percent(it.capBp) }))
    .join(l === "en" ? "; " : "；");
}
