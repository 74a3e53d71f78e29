import { test } from "node:test";
import assert from "node:assert/strict";
import { reconciliation } from "../js/sections/import_money.js";

const base = { fileTotal: 0, inserted: 0, duplicates: 0, skipped: 0, skippedByKind: [], errors: 0, errorRowsWithoutAmount: 0, totalRow: null };

test("a file whose total row equals what went in reads as a match", () => {
  const m = { ...base, fileTotal: 17_614_610, inserted: 17_614_610, totalRow: { row: 5, label: "合计", amount: 17_614_610 } };
  assert.equal(reconciliation(m), "文件合计 ¥176,146.10 = 已导入 ¥176,146.10 ✓");
  assert.equal(reconciliation(m, true), "文件合计 ¥176,146.10 = 将导入 ¥176,146.10 ✓");
});

test("a difference is named by where the money went", () => {
  const m = {
    ...base, fileTotal: 22_699, inserted: 4_200, duplicates: 10_000, skipped: 7_500, errors: 999,
    skippedByKind: [{ kind: "person", rows: 2, amount: 7_500 }], errorRowsWithoutAmount: 1,
    totalRow: { row: 9, label: "合计", amount: 22_700 },
  };
  assert.equal(
    reconciliation(m),
    "文件合计 ¥227.00，已导入 ¥42.00，相差 ¥185.00：已存在 ¥100.00；跳过（未知销售员）¥75.00；错误行 ¥9.99；1 行金额无法读取；合计行与明细相差 ¥0.01",
  );
});
