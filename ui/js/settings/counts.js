// What the workspace holds, as one line in Settings: "30 名销售 · 12 个组织单元 · …", in the
// singular where a count is one ("1 org unit").

import { t } from "../i18n.js";

/** Each count shown: its label key and the `info` field it reads. */
const COUNTED = [
  ["people", "people"],
  ["units", "orgUnits"],
  ["targets", "targets"],
  ["actuals", "actuals"],
  ["deals", "deals"],
  ["actions", "actions"],
];

export function countsLine(info) {
  const parts = COUNTED.map(([key, field]) => {
    const n = info[field] ?? 0;
    return t(n === 1 ? `settings.count.${key}.one` : `settings.count.${key}`, { n });
  });
  return [...parts, t("settings.schema", { v: info.schemaVersion })].join(" · ");
}
