import { test } from "node:test";
import assert from "node:assert/strict";
import { tierStatus } from "../js/dashboard/run-rate.js";
import { periodLabel } from "../js/dashboard/period-nav.js";
import { ratioBp } from "../js/dashboard/figures.js";
import { setLang } from "../js/i18n.js";

// setLang names the page; a stand-in document is enough here.
globalThis.document ??= { documentElement: {}, title: "" };

test("a run-rate tier says reached, reachable, out of reach or no days left", () => {
  assert.equal(tierStatus({ remaining: 0, neededPerDay: 0, reachable: true }), "reached");
  assert.equal(tierStatus({ remaining: 500, neededPerDay: 100, reachable: true }), "reachable");
  assert.equal(tierStatus({ remaining: 500, neededPerDay: 100, reachable: false }), "out");
  assert.equal(tierStatus({ remaining: 500, neededPerDay: null, reachable: false }), "noDays");
});

test("period labels name their kind in both languages", () => {
  setLang("zh-CN");
  assert.equal(periodLabel("quarter", "2026-Q3"), "2026-Q3 季度");
  assert.equal(periodLabel("ytd", "2026-YTD"), "2026 财年年初至今");
  assert.equal(periodLabel("half", "2026-H2"), "2026-H2 半年");
  setLang("en");
  assert.equal(periodLabel("month", "2026-09"), "month 2026-09");
  assert.equal(periodLabel("year", "2025"), "FY2025");
  setLang("zh-CN");
});

test("ratios in basis points round half away from zero, in integers", () => {
  assert.equal(ratioBp(7782, 10000), 7782);
  assert.equal(ratioBp(1, 3), 3333);
  assert.equal(ratioBp(2, 3), 6667);
  assert.equal(ratioBp(-1, 8), -1250);
  assert.equal(ratioBp(1, 20000), 1); // 0.5 bp rounds up
  assert.equal(ratioBp(-1, 20000), -1);
  assert.equal(ratioBp(5, 0), 0);
  // Beyond 2^53 fen the division stays exact.
  assert.equal(ratioBp(9_007_199_254_740_993n, 18_014_398_509_481_986n), 5000);
});

test("last year with no data reads as a dash, not 0.00", async () => {
  const { lyShown } = await import("../js/dashboard/cards.js");
  assert.equal(lyShown(null, "zh-CN"), "—");
  assert.equal(lyShown({ actual: 0, growthBp: null }, "zh-CN"), "—");
  assert.equal(lyShown({ actual: 0, growthBp: null }, "en"), "—");
  // A real last year, even a small one, is printed.
  assert.equal(lyShown({ actual: 123_456_789, growthBp: 2500 }, "zh-CN"), "123.46万");
  assert.equal(lyShown({ actual: 5, growthBp: -100 }, "en"), "0.05");
});
