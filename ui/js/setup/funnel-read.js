// The funnel stages as typed in Settings, read exactly (basis points, whole days).

import { parsePercentBp } from "../format.js";
import { t } from "../i18n.js";

/** The typed rows as stages, or { error } in the user's language. Exported for the node tests. */
export function readStages(rows) {
  const stages = [];
  for (const r of rows) {
    const bench = r.benchmark.replace(/[%％]\s*$/, "").trim();
    const benchmarkBp = bench === "" ? null : parsePercentBp(bench);
    if (benchmarkBp === null && bench !== "") return { error: t("funnel.badBenchmark", { text: r.benchmark }) };
    const days = r.maxDays.trim();
    if (days !== "" && !/^\d+$/.test(days)) return { error: t("funnel.badDays", { text: r.maxDays }) };
    stages.push({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, benchmarkBp, maxDays: days === "" ? null : Number(days) });
  }
  return { stages };
}
