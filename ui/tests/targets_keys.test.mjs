import { test } from "node:test";
import assert from "node:assert/strict";
import { composing, keyAction, moved } from "../js/targets/keys.js";

const key = (k, mods = {}) => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...mods });

test("a character typed on an idle cell is left to the editor, which starts editing with it", () => {
  for (const k of ["5", "1", "0", ".", "-", "亿", "万", "５", ","]) {
    assert.deepEqual(keyAction(key(k), false), { kind: "native" }, k);
  }
});

test("F2 and Enter edit the current value; arrows and Tab move; Shift+arrow extends", () => {
  assert.deepEqual(keyAction(key("F2"), false), { kind: "edit" });
  assert.deepEqual(keyAction(key("Enter"), false), { kind: "edit" });
  assert.deepEqual(keyAction(key("ArrowDown"), false), { kind: "move", move: [1, 0], extend: false });
  assert.deepEqual(keyAction(key("ArrowLeft", { shiftKey: true }), false), { kind: "move", move: [0, -1], extend: true });
  assert.deepEqual(keyAction(key("Tab"), false), { kind: "move", move: [0, 1], extend: false });
  assert.deepEqual(keyAction(key("Tab", { shiftKey: true }), false), { kind: "move", move: [0, -1], extend: false });
});

test("while editing, Enter and Tab commit and move, Esc cancels, other keys edit the text", () => {
  assert.deepEqual(keyAction(key("Enter"), true), { kind: "commit", move: [1, 0] });
  assert.deepEqual(keyAction(key("Enter", { shiftKey: true }), true), { kind: "commit", move: [-1, 0] });
  assert.deepEqual(keyAction(key("Tab"), true), { kind: "commit", move: [0, 1] });
  assert.deepEqual(keyAction(key("Tab", { shiftKey: true }), true), { kind: "commit", move: [0, -1] });
  assert.deepEqual(keyAction(key("Escape"), true), { kind: "cancel" });
  for (const k of ["ArrowLeft", "Backspace", "7", "F2"]) assert.deepEqual(keyAction(key(k), true), { kind: "native" }, k);
});

test("an input method's keys are never taken by the grid: Enter ending a composition commits nothing", () => {
  assert.equal(composing(key("Enter", { isComposing: true })), true);
  assert.equal(composing({ key: "Process" }), true);
  assert.equal(composing({ key: "Enter", keyCode: 229 }), true);
  assert.equal(composing(key("Enter")), false);
  for (const editing of [true, false]) {
    assert.deepEqual(keyAction(key("Enter", { isComposing: true }), editing), { kind: "compose" });
    assert.deepEqual(keyAction({ key: "Process", keyCode: 229 }, editing), { kind: "compose" });
  }
});

test("undo and redo keys on an idle cell, with Ctrl or ⌘; copy and paste stay native", () => {
  assert.deepEqual(keyAction(key("z", { ctrlKey: true }), false), { kind: "undo" });
  assert.deepEqual(keyAction(key("z", { metaKey: true }), false), { kind: "undo" });
  assert.deepEqual(keyAction(key("Z", { ctrlKey: true, shiftKey: true }), false), { kind: "redo" });
  assert.deepEqual(keyAction(key("y", { ctrlKey: true }), false), { kind: "redo" });
  assert.deepEqual(keyAction(key("c", { ctrlKey: true }), false), { kind: "native" });
  assert.deepEqual(keyAction(key("v", { metaKey: true }), false), { kind: "native" });
  // While editing, Ctrl+Z is the text field's own undo.
  assert.deepEqual(keyAction(key("z", { ctrlKey: true }), true), { kind: "native" });
});

test("moves stay inside the grid", () => {
  assert.deepEqual(moved({ row: 0, col: 0 }, [-1, -1], 5, 14), { row: 0, col: 0 });
  assert.deepEqual(moved({ row: 4, col: 13 }, [1, 1], 5, 14), { row: 4, col: 13 });
  assert.deepEqual(moved({ row: 2, col: 3 }, [1, 0], 5, 14), { row: 3, col: 3 });
});

import { menuStep } from "../js/targets/more_menu.js";

test("the More menu's arrows wrap, Home and End jump, other keys do not move", () => {
  assert.equal(menuStep("ArrowDown", 4, 5), 0);
  assert.equal(menuStep("ArrowUp", 0, 5), 4);
  assert.equal(menuStep("ArrowDown", -1, 5), 0);
  assert.equal(menuStep("Home", 3, 5), 0);
  assert.equal(menuStep("End", 0, 5), 4);
  assert.equal(menuStep("Enter", 2, 5), null);
});

test("Shift+Tab as WebKitGTK reports it (key 'Unidentified', code 'Tab') moves and commits left", () => {
  const shiftTab = { key: "Unidentified", code: "Tab", shiftKey: true };
  assert.deepEqual(keyAction(shiftTab, false), { kind: "move", move: [0, -1], extend: false });
  assert.deepEqual(keyAction(shiftTab, true), { kind: "commit", move: [0, -1] });
  // Another unidentified key is left to the browser.
  assert.deepEqual(keyAction({ key: "Unidentified", code: "KeyQ" }, false), { kind: "native" });
});
