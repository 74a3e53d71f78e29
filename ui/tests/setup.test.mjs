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
