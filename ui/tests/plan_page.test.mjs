import { test } from "node:test";
import assert from "node:assert/strict";
import { mondayOf, planFilter, unplannedByMetric } from "../js/gantt/page.js";

test("a plan import counts weeks from the Monday of this week", () => {
  assert.equal(mondayOf("2026-10-15"), "2026-10-12"); // a Thursday
  assert.equal(mondayOf("2026-10-12"), "2026-10-12"); // a Monday
  assert.equal(mondayOf("2026-10-18"), "2026-10-12"); // a Sunday
  assert.equal(mondayOf("2027-01-01"), "2026-12-28"); // across the year
});

test("the filter keeps the rows matching every choice, and is off when nothing is chosen", () => {
  assert.equal(planFilter({ owner: "", status: "", priority: "", target: "" }), null);
  const rows = [
    { owner: "王芳", status: "active", priority: "high", targetId: 7 },
    { owner: "王芳", status: "done", priority: "high", targetId: 8 },
    { owner: "李雷", status: "active", priority: "low", targetId: 7 },
  ];
  const keep = planFilter({ owner: "王芳", status: "", priority: "high", target: "7" });
  assert.deepEqual(rows.filter(keep), [rows[0]]);
  assert.deepEqual(rows.filter(planFilter({ owner: "", status: "active", priority: "", target: "" })), [rows[0], rows[2]]);
});

test("targets without a plan are listed by metric in the user's language", () => {
  const list = [
    { metricNameZh: "销售额", metricNameEn: "Revenue", orgUnitName: "华东" },
    { metricNameZh: "毛利", metricNameEn: "Gross margin", orgUnitName: "华东" },
    { metricNameZh: "销售额", metricNameEn: "Revenue", orgUnitName: "华南" },
  ];
  assert.equal(unplannedByMetric(list, "zh-CN"), "销售额：华东、华南；毛利：华东");
  assert.equal(unplannedByMetric(list, "en"), "Revenue: 华东, 华南; Gross margin: 华东");
});
