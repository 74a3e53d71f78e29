import { test } from "node:test";
import assert from "node:assert/strict";

// The modules reach Rust through window.__TAURI__ (never called by these pure functions).
globalThis.window ??= { __TAURI__: {} };
const { isBlank, missingFor } = await import("../js/setup/status.js");

test("each section says what it still lacks", () => {
  const blank = { company: null, planYears: [] };
  assert.deepEqual(missingFor(blank, "dashboard"), ["company", "plan"]);
  assert.deepEqual(missingFor(blank, "reviews"), ["company"]);
  assert.deepEqual(missingFor(blank, "plans"), ["plan"]);
  assert.deepEqual(missingFor(blank, "actuals"), []);
  assert.deepEqual(missingFor(blank, "settings"), []);
  assert.equal(isBlank(blank), true);
  const archivedOnly = { company: "星辰", planYears: [{ year: 2025, status: "archived" }] };
  assert.deepEqual(missingFor(archivedOnly, "targets"), ["plan"]);
  assert.equal(isBlank(archivedOnly), false);
  const ready = { company: "星辰", planYears: [{ year: 2027, status: "draft" }] };
  assert.deepEqual(missingFor(ready, "evaluation"), []);
});

test("a metric's form becomes the spec the core checks; the alert is exact basis points", async () => {
  const { readSpec, usageText } = await import("../js/setup/metric-spec.js");
  const { setLang } = await import("../js/i18n.js");
  // setLang names the page; a stand-in document is enough here.
  globalThis.document ??= { documentElement: {}, title: "" };
  setLang("en");
  const typed = { nameZh: " 赢单率 ", nameEn: "Win rate", unit: "percent", direction: "higher", kind: "leading",
    horizon: "short", aggregation: "ratio", numerator: "new_customers", denominator: "leads", alert: "-12.5%" };
  assert.deepEqual(readSpec(typed).spec, {
    nameZh: "赢单率", nameEn: "Win rate", unit: "percent", direction: "higher", kind: "leading", horizon: "short",
    aggregation: "ratio", numerator: "new_customers", denominator: "leads", alertThresholdBp: -1250,
  });
  // A summed metric names no components, whatever the hidden selects hold.
  const summed = readSpec({ ...typed, aggregation: "sum", alert: "-10" }).spec;
  assert.deepEqual([summed.numerator, summed.denominator, summed.alertThresholdBp], [null, null, -1000]);
  assert.equal(readSpec({ ...typed, alert: "a lot" }).error, "Invalid alert threshold \"a lot\": expected a percentage such as -10%");
  const usage = { targets: 2, actuals: 3, imports: 0, reviewItems: 0, scorecard: true,
    ratios: [{ code: "conversion_rate", nameZh: "转化率", nameEn: "Conversion rate" }] };
  assert.equal(usageText(usage), "2 targets, 3 actuals, the scorecard, numerator or denominator of Conversion rate");
  setLang("zh-CN");
  assert.equal(usageText(usage), "2 个目标、3 条实际数据、评分卡、“转化率”的分子或分母");
  // One of a kind reads in the singular.
  setLang("en");
  assert.equal(usageText({ ...usage, targets: 0, actuals: 1, imports: 1, scorecard: false, ratios: [] }), "1 actual, 1 import batch");
  assert.equal(usageText({ ...usage, targets: 0, actuals: 0, imports: 2, scorecard: false, ratios: [] }), "2 import batches");
});

test("a ratio's retired part is named and marked, never shown by its code", async () => {
  const { partName } = await import("../js/setup/metric-spec.js");
  const { setLang } = await import("../js/i18n.js");
  globalThis.document ??= { documentElement: {}, title: "" };
  const visits = { code: "visits", nameZh: "客户拜访量", nameEn: "Customer visits", retired: true };
  const won = { code: "new_customers", nameZh: "新增客户数", nameEn: "New customers", retired: false };
  setLang("en");
  assert.deepEqual([won, visits].map(partName), ["New customers", "Customer visits (retired)"]);
  setLang("zh-CN");
  assert.deepEqual([won, visits].map(partName), ["新增客户数", "客户拜访量（已停用）"]);
});

test("the question before 'use the defaults' names the weights it replaces, zh and en", async () => {
  const { describeItems } = await import("../js/settings/scorecard-read.js");
  const { setLang } = await import("../js/i18n.js");
  globalThis.document ??= { documentElement: {}, title: "" };
  const metrics = [{ code: "revenue", nameZh: "销售收入", nameEn: "Revenue" }];
  const items = [{ metric: "revenue", weightBp: 6000, capBp: 13000 }, { metric: "gone", weightBp: 4000, capBp: 11050 }];
  setLang("en");
  assert.equal(describeItems(items, metrics), "Revenue 60.00% (cap 130.00%); gone 40.00% (cap 110.50%)");
  assert.equal(describeItems([], metrics), "(no metric)");
  setLang("zh-CN");
  assert.equal(describeItems(items.slice(0, 1), metrics), "销售收入 60.00%（封顶 130.00%）");
});

test("the funnel's typed stages: benchmarks exact in basis points, empty means none", async () => {
  const { readStages } = await import("../js/setup/funnel-read.js");
  const row = { code: "lead", nameZh: "线索", nameEn: "Lead", benchmark: "32.5%", maxDays: "14" };
  assert.deepEqual(readStages([row, { ...row, code: "signed", benchmark: "", maxDays: "" }]).stages, [
    { code: "lead", nameZh: "线索", nameEn: "Lead", benchmarkBp: 3250, maxDays: 14 },
    { code: "signed", nameZh: "线索", nameEn: "Lead", benchmarkBp: null, maxDays: null },
  ]);
  assert.match(readStages([{ ...row, maxDays: "2.5" }]).error, /2\.5/);
  assert.match(readStages([{ ...row, benchmark: "lots" }]).error, /lots/);
});

test("the sidebar's year select shows the plan year, or says there is no plan yet", async () => {
  const { yearChoice } = await import("../js/setup/status.js");
  // Set up with the assistant closed: a company, no plan.
  assert.deepEqual(yearChoice({ company: "Acme", planYears: [], selectedYear: 2026 }), { plans: [], selected: "none" });
  // Only an archived plan: still none to work with.
  assert.equal(yearChoice({ planYears: [{ year: 2025, status: "archived" }], selectedYear: 2025 }).selected, "none");
  const two = { planYears: [{ year: 2027, status: "draft" }, { year: 2026, status: "approved" }], selectedYear: 2026 };
  assert.equal(yearChoice(two).selected, "2026");
  // A selected year without a live plan falls to the newest live one, never to "new".
  assert.equal(yearChoice({ ...two, selectedYear: 2024 }).selected, "2027");
});

test("the scorecard defaults as typed become exact basis points; a bad text names itself", async () => {
  const { readScorecard, typedTotalBp } = await import("../js/settings/scorecard-read.js");
  const { setLang } = await import("../js/i18n.js");
  globalThis.document ??= { documentElement: {}, title: "" };
  setLang("en");
  const rows = [{ metric: "revenue", weight: "85.71", cap: "120" }, { metric: "visits", weight: "14.29%", cap: "150.5" }];
  assert.deepEqual(readScorecard(rows), {
    items: [{ metric: "revenue", weightBp: 8571, capBp: 12000 }, { metric: "visits", weightBp: 1429, capBp: 15050 }],
    totalBp: 10000,
  });
  // The running total counts a half-typed weight as 0.
  assert.equal(typedTotalBp([...rows, { metric: "nps", weight: "1x", cap: "120" }]), 10000);
  assert.equal(readScorecard([{ metric: "revenue", weight: "lots", cap: "120" }]).error,
    "The weight of item 1, \"lots\", is not valid: type a percentage such as 30");
  setLang("zh-CN");
  assert.equal(readScorecard([rows[0], { metric: "visits", weight: "10", cap: "1.234" }]).error,
    "第 2 项的封顶“1.234”无效：应为百分比，例如 120");
});

test("a typed day becomes the ISO day; a day that does not exist is refused", async () => {
  const { readDay } = await import("../js/setup/day.js");
  assert.equal(readDay("2026-07-01"), "2026-07-01");
  assert.equal(readDay(" 2026/7/1 "), "2026-07-01");
  assert.equal(readDay("2026年7月1日"), "2026-07-01");
  assert.equal(readDay("2028.2.29"), "2028-02-29");
  assert.equal(readDay("2026-02-29"), null);
  assert.equal(readDay("2100-02-29"), null);
  assert.equal(readDay("2026-13-01"), null);
  assert.equal(readDay("7/1/2026"), null);
  assert.equal(readDay(""), null);
});

test("Settings counts what the workspace holds, in the singular where a count is one", async () => {
  const { countsLine } = await import("../js/settings/counts.js");
  const { setLang } = await import("../js/i18n.js");
  const blank = { people: 0, orgUnits: 1, targets: 0, actuals: 1, deals: 2, actions: 1, schemaVersion: 20 };
  setLang("en");
  assert.equal(countsLine(blank), "0 sales reps · 1 org unit · 0 targets · 1 actual row · 2 deals · 1 action · schema 20");
  setLang("zh-CN");
  assert.equal(countsLine({ ...blank, people: 30, orgUnits: 36 }), "30 名销售 · 36 个组织单元 · 0 条目标 · 1 条实际记录 · 2 个商机 · 1 项行动 · 数据版本 20");
});
