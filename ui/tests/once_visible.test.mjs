// onceVisible(): content below the fold is read once, when it first shows on screen.
import { test } from "node:test";
import assert from "node:assert/strict";

const { onceVisible } = await import("../js/dom.js");

test("without IntersectionObserver the content is read at once", () => {
  let reads = 0;
  onceVisible({}, () => reads++);
  assert.equal(reads, 1);
});

test("the content is read when it first shows, once, and no longer watched", () => {
  const observers = [];
  globalThis.IntersectionObserver = class {
    constructor(cb) { this.cb = cb; this.watched = []; observers.push(this); }
    observe(el) { this.watched.push(el); }
    disconnect() { this.watched = []; }
  };
  try {
    const el = { id: "card" };
    let reads = 0;
    onceVisible(el, () => reads++);
    const [o] = observers;
    assert.deepEqual(o.watched, [el]);
    o.cb([{ isIntersecting: false }]);
    assert.equal(reads, 0, "not read while off screen");
    o.cb([{ isIntersecting: true }]);
    assert.equal(reads, 1);
    assert.deepEqual(o.watched, [], "no longer watched");
  } finally {
    delete globalThis.IntersectionObserver;
  }
});
