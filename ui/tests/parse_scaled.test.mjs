import { test } from "node:test";
import assert from "node:assert/strict";
import { parsePercentBp, parseScaled } from "../js/format.js";

test("percents become basis points exactly, floats never enter", () => {
  assert.equal(parsePercentBp("12.5"), 1250);
  assert.equal(parsePercentBp("12.5%"), 1250);
  assert.equal(parsePercentBp("12.5％"), 1250);
  assert.equal(parsePercentBp("-0.5"), -50);
  assert.equal(parsePercentBp("+7"), 700);
  assert.equal(parsePercentBp("0.07"), 7);
  // 0.29 * 100 is 28.999999999999996 in floating point; the exact parse gives 29.
  assert.equal(parsePercentBp("0.29"), 29);
  assert.equal(parsePercentBp("33.33"), 3333);
  assert.equal(parsePercentBp(".5"), 50);
});

test("what is not a percent is refused, not guessed", () => {
  for (const bad of ["", "%", "abc", "1.234", "1,5", "--1", "1e3", "12.5.1", "."]) {
    assert.equal(parsePercentBp(bad), null, bad);
  }
});

test("a coefficient scales to ten-thousandths", () => {
  assert.equal(parseScaled("1.2", 4), 12000);
  assert.equal(parseScaled("1.0575", 4), 10575);
  assert.equal(parseScaled("1.00001", 4), null);
});

test("scaled integers print as plain decimals for input fields", async () => {
  const { formatScaled } = await import("../js/format.js");
  assert.equal(formatScaled(12000, 4), "1.20");
  assert.equal(formatScaled(10575, 4), "1.0575");
  assert.equal(formatScaled(-5, 2), "-0.05");
  assert.equal(formatScaled(1250, 2), "12.50");
  assert.equal(formatScaled(0, 2), "0.00");
  assert.equal(formatScaled(123456789, 2), "1234567.89");
});

test("money texts read as the import reads them (one shared table of cases)", async () => {
  const { readFileSync } = await import("node:fs");
  const { parseMoney } = await import("../js/format.js");
  const url = new URL("../../src-tauri/core/src/import/number_cases.json", import.meta.url);
  const { cases } = JSON.parse(readFileSync(url, "utf8"));
  for (const [text, fen] of cases) assert.equal(parseMoney(text), fen, text);
});
