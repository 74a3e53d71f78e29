import { test } from "node:test";
import assert from "node:assert/strict";
import { isMac, shortcut } from "../js/keys.js";

test("shortcuts say ⌘ on macOS and Ctrl elsewhere", () => {
  assert.equal(shortcut("Mod+Z", true), "⌘Z");
  assert.equal(shortcut("Mod+Shift+z", true), "⌘⇧Z");
  assert.equal(shortcut("Mod+Z", false), "Ctrl+Z");
  assert.equal(shortcut("Mod+Shift+z", false), "Ctrl+Shift+Z");
  assert.equal(shortcut("Enter", true), "↩");
  assert.equal(shortcut("F2", false), "F2");
});

test("the platform is read from the webview", () => {
  assert.equal(isMac({ platform: "MacIntel" }), true);
  assert.equal(isMac({ userAgentData: { platform: "macOS" } }), true);
  assert.equal(isMac({ platform: "Win32" }), false);
  assert.equal(isMac({ platform: "Linux x86_64" }), false);
  assert.equal(isMac(undefined), false);
});
