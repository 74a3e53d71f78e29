import { test } from "node:test";
import assert from "node:assert/strict";

// The modules reach Rust through window.__TAURI__ (never called by these pure functions).
globalThis.window ??= { __TAURI__: {} };
const { percentBp } = await import("../js/setup/forms.js");
const { isBlank, missingFor } = await import("../js/setup/status.js");

test("percentages are read exactly into basis points", () => {
  assert.equal(percentBp("80%"), 8000);
  assert.equal(percentBp("120"), 12000);
  assert.equal(percentBp("12.5"), 1250);
  assert.equal(percentBp("0.07%"), 7);
  assert.equal(percentBp("-5%"), -500);
  assert.equal(percentBp("８０%"), null);
  assert.equal(percentBp("12.345"), null);
  assert.equal(percentBp("abc"), null);
});

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
