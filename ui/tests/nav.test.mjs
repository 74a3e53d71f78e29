import { test } from "node:test";
import assert from "node:assert/strict";
import { navStore } from "../js/nav.js";

test("a section's navigation is made once, kept, and forgotten with the workspace", () => {
  const navs = navStore();
  let made = 0;
  const init = () => ({ tab: "reviews", made: ++made });
  const first = navs.of("tl-reviews", init);
  first.tab = "weekly";
  assert.equal(navs.of("tl-reviews", init).tab, "weekly");
  assert.equal(made, 1);
  // Another section has its own.
  assert.equal(navs.of("tl-evaluation", () => ({ node: "/" })).node, "/");
  navs.reset();
  assert.deepEqual(navs.of("tl-reviews", init), { tab: "reviews", made: 2 });
});

test("forgetting some sections keeps the others", () => {
  const navs = navStore();
  navs.of("tl-calendar", () => []).push("undo step");
  navs.of("tl-reviews", () => ({ tab: "weekly" }));
  navs.forget("tl-evaluation", "tl-reviews");
  assert.deepEqual(navs.of("tl-calendar", () => []), ["undo step"]);
  assert.deepEqual(navs.of("tl-reviews", () => ({ tab: "reviews" })), { tab: "reviews" });
});
