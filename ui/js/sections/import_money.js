// The money of an import in words: "文件合计 ¥176,146.10 = 已导入 ¥176,146.10 ✓", or the difference
// named by where it went (already present, skipped by unknown kind, rows with errors, a total row
// that disagrees with the lines). Amounts are fen, formatted exactly (BigInt, never floats).

import { yuan } from "../format.js";
import { lang, t } from "../i18n.js";

export const UNKNOWN_LABEL = { person: "import.unknown.person", productLine: "import.unknown.productLine", customerType: "import.unknown.customerType", channel: "import.unknown.channel", customer: "import.unknown.customer", orgUnit: "import.unknown.orgUnit" };

/** The unknown kind's label, in a sentence. */
export function kindLabel(kind) {
  const label = t(UNKNOWN_LABEL[kind] ?? "import.unknown.orgUnit");
  return lang() === "en" ? label.toLowerCase() : label;
}

/**
 * The reconciliation line of a preview (`planned`: "to import") or a summary ("imported"):
 * the file's total row when it has one, else the sum of its lines, against what goes in.
 */
export function reconciliation(money, planned = false) {
  const stated = money.totalRow?.amount ?? null;
  const label = t(stated !== null ? "import.recon.label.totalRow" : "import.recon.label.lines");
  const total = BigInt(stated ?? money.fileTotal);
  const inserted = BigInt(money.inserted);
  if (total === inserted) {
    return t(planned ? "import.recon.previewMatch" : "import.recon.match", { label, total: yuan(total), inserted: yuan(inserted) });
  }
  const parts = [];
  if (money.duplicates !== 0) parts.push(t("import.recon.duplicates", { amount: yuan(money.duplicates) }));
  for (const s of money.skippedByKind) parts.push(t("import.recon.skipped", { kind: kindLabel(s.kind), amount: yuan(s.amount) }));
  if (money.errors !== 0) parts.push(t("import.recon.errors", { amount: yuan(money.errors) }));
  if (money.errorRowsWithoutAmount > 0) parts.push(t("import.recon.unread", { n: money.errorRowsWithoutAmount }));
  if (stated !== null && BigInt(stated) !== BigInt(money.fileTotal)) {
    parts.push(t("import.recon.totalRow", { amount: yuan(BigInt(stated) - BigInt(money.fileTotal)) }));
  }
  return t(planned ? "import.recon.previewDiff" : "import.recon.diff", {
    label, total: yuan(total), inserted: yuan(inserted), diff: yuan(total - inserted), parts: parts.join(t("import.recon.sep")),
  });
}
