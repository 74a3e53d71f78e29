import { test } from "node:test";
import assert from "node:assert/strict";
import { rememberedStore } from "../js/targets/remembered.js";

/** A stand-in for the app's settings: what the commands would keep in the settings file. */
function fakeSettings() {
  const calls = [];
  let saved = null;
  const invoke = async (command, args) => {
    calls.push([command, args]);
    if (command === "targets_remembered_choice") return saved;
    if (command === "targets_remember_choice") {
      saved = args.choice;
      return saved;
    }
    throw new Error(`unexpected ${command}`);
  };
  return { invoke, calls, saved: () => saved };
}

test("a remembered answer is saved through the settings command and read back after a restart", async () => {
  const settings = fakeSettings();
  const store = rememberedStore(settings.invoke);
  assert.equal(await store.get(), null);
  await store.remember({ children: "keep", parent: "rollUp" });
  assert.deepEqual(settings.saved(), { children: "keep", parent: "rollUp" });
  // A restart: a new store reads what the settings hold.
  const again = rememberedStore(settings.invoke);
  assert.deepEqual(await again.get(), { children: "keep", parent: "rollUp" });
});

test("the answer is read once, then cached", async () => {
  const settings = fakeSettings();
  const store = rememberedStore(settings.invoke);
  await store.get();
  await store.get();
  assert.equal(settings.calls.filter(([c]) => c === "targets_remembered_choice").length, 1);
});

test("forgetting clears the settings, so the question is asked again", async () => {
  const settings = fakeSettings();
  const store = rememberedStore(settings.invoke);
  await store.remember({ children: "spread", parent: "rebalance" });
  assert.equal(await store.forget(), null);
  assert.equal(settings.saved(), null);
  assert.deepEqual(settings.calls.at(-1), ["targets_remember_choice", { choice: null }]);
  assert.equal(await rememberedStore(settings.invoke).get(), null);
});

test("a failed save keeps the edit going: tryRemember says false, the old answer stays, and the question comes back", async () => {
  let failing = false;
  let saved = { children: "spread", parent: "keep" };
  const invoke = async (command, args) => {
    if (command === "targets_remembered_choice") return saved;
    if (failing) throw { code: "settings_write", message: "disk full" };
    saved = args.choice;
    return saved;
  };
  const store = rememberedStore(invoke);
  assert.equal(await store.tryRemember({ children: "keep", parent: "rollUp" }), true);
  failing = true;
  assert.equal(await store.tryRemember({ children: "spread", parent: "rebalance" }), false);
  await assert.rejects(store.remember({ children: "spread", parent: "rebalance" }));
  // What the settings hold is still the last saved answer, not the one that failed.
  assert.deepEqual(await store.get(), { children: "keep", parent: "rollUp" });
  assert.deepEqual(saved, { children: "keep", parent: "rollUp" });
});
