// A metric as the editor reads and shows it: the choices of each field, its name in the window's
// language, where it is used in words, and the typed form turned into the spec the core checks.

import { parsePercentBp } from "../format.js";
import { lang, t } from "../i18n.js";

export const FIELDS = {
  unit: ["currency", "count", "percent", "ratio"],
  direction: ["higher", "lower"],
  kind: ["lagging", "leading", "risk", "health"],
  horizon: ["short", "long"],
  aggregation: ["sum", "average", "last", "ratio"],
};

/** A metric's name in the window's language. */
export const metricName = (m) => (lang() === "en" ? m.nameEn : m.nameZh);

/** A ratio's part ({ nameZh, nameEn, retired }) by name, marked when retired. */
export const partName = (p) => `${metricName(p)}${p.retired ? `${lang() === "en" ? " " : ""}${t("metric.retiredTag")}` : ""}`;

/** What a row says about where a metric is used ("" when nowhere). */
export function usageText(u) {
  const parts = [];
  // "1 import batch", "2 import batches".
  const count = (key, n) => { if (n) parts.push(t(n === 1 ? `${key}.one` : key, { n })); };
  count("metric.used.targets", u.targets);
  count("metric.used.actuals", u.actuals);
  count("metric.used.imports", u.imports);
  count("metric.used.reviews", u.reviewItems);
  if (u.scorecard) parts.push(t("metric.used.scorecard"));
  if (u.ratios.length) parts.push(t("metric.used.ratio", { names: u.ratios.map(metricName).join(lang() === "en" ? ", " : "、") }));
  return parts.join(lang() === "en" ? ", " : "、");
}

/** The form's spec, or { error } in the user's language. Exported for the node tests. */
export function readSpec(values) {
  const bp = parsePercentBp(String(values.alert ?? "").replace(/[%％]\s*$/, "").trim());
  if (bp === null) return { error: t("metric.badAlert", { text: values.alert }) };
  const ratio = values.aggregation === "ratio";
  return {
    spec: {
      nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(),
      unit: values.unit, direction: values.direction, kind: values.kind, horizon: values.horizon,
      aggregation: values.aggregation,
      numerator: ratio ? values.numerator || null : null,
      denominator: ratio ? values.denominator || null : null,
      alertThresholdBp: bp,
    },
  };
}
