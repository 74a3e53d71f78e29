import { test } from "node:test";
import assert from "node:assert/strict";
import { metricValue, money, percent, points } from "../js/format.js";

test("money reads the Chinese way in zh-CN", () => {
  assert.equal(money(10_000_000_000, "zh-CN"), "1.00亿");
  assert.equal(money(4_000_000_000, "zh-CN"), "4,000.00万");
  assert.equal(money(725_605_440, "zh-CN"), "725.61万");
  assert.equal(money(123_450, "zh-CN"), "1,234.50");
  assert.equal(money(-2_743_945_600, "zh-CN"), "-2,743.95万");
  assert.equal(money(125_000_000_000, "zh-CN"), "12.50亿");
  assert.equal(money(5, "zh-CN"), "0.05");
});

test("money reads with Western grouping in en", () => {
  assert.equal(money(10_000_000_000, "en"), "100,000,000");
  assert.equal(money(-2_743_945_650, "en"), "-27,439,457");
  assert.equal(money(123_450, "en"), "1,234.50");
});

test("percent and points are exact from basis points", () => {
  assert.equal(percent(7782), "77.82%");
  assert.equal(percent(8000), "80.00%");
  assert.equal(percent(-1050), "-10.50%");
  assert.equal(points(526), "5.26");
});

import { parseMoney, yuan } from "../js/format.js";

test("money typed into a cell parses exactly", () => {
  assert.equal(parseMoney("4000万"), 4_000_000_000);
  assert.equal(parseMoney("1.2亿"), 12_000_000_000);
  assert.equal(parseMoney("40,000,000"), 4_000_000_000);
  assert.equal(parseMoney("¥1,234.50"), 123_450);
  assert.equal(parseMoney("-0.05"), -5);
  assert.equal(parseMoney("33.333"), null);
  assert.equal(parseMoney("abc"), null);
  assert.equal(parseMoney(""), null);
  assert.equal(yuan(4_000_000_000), "40,000,000.00");
});

test("a metric's value reads in its own unit", () => {
  assert.equal(metricValue("currency", 4_000_000_000, "zh-CN"), "4,000.00万");
  assert.equal(metricValue("percent", 2727, "en"), "27.27%");
  assert.equal(metricValue("ratio", 4550, "en"), "45.50");
  assert.equal(metricValue("count", 12345, "zh-CN"), "12,345");
});
