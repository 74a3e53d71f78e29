import { test } from "node:test";
import assert from "node:assert/strict";
import { dayOf, isoOf, weekday, isoWeek } from "../js/gantt/dates.js";
import { index, flatten, hit, barBox, linkPaths, ROW_H } from "../js/gantt/model.js";

test("day numbers round-trip and know the weekday", () => {
  assert.equal(isoOf(dayOf("2026-03-02")), "2026-03-02");
  assert.equal(weekday(dayOf("2026-03-02")), 0); // Monday
  assert.equal(weekday(dayOf("2026-10-04")), 6); // Sunday
  assert.equal(isoWeek(dayOf("2026-04-01")), 14);
  assert.equal(isoWeek(dayOf("2027-01-01")), 53);
});

const tasks = [
  { id: 1, parentId: null, title: "用户获取", start: "2026-09-07", finish: "2026-10-16" },
  { id: 2, parentId: 1, title: "策划3场线上裂变活动", start: "2026-09-07", finish: "2026-10-02", progressBp: 7000 },
  { id: 3, parentId: 1, title: "拓展5个渠道合作伙伴", start: "2026-09-14", finish: "2026-10-16" },
  { id: 4, parentId: null, title: "里程碑", start: "2026-11-16", finish: "2026-11-16", milestone: true },
];

test("the outline flattens, collapses and filters", () => {
  const idx = index(tasks);
  assert.deepEqual(flatten(idx, new Set()).map((r) => r.id), [1, 2, 3, 4]);
  assert.deepEqual(flatten(idx, new Set([1])).map((r) => r.id), [1, 4]);
  assert.deepEqual(flatten(idx, new Set(), (n) => n.id === 3).map((r) => r.id), [1, 3]);
  assert.equal(flatten(idx, new Set())[1].depth, 1);
});

test("hit testing finds bodies, ends, the progress handle and the link knob", () => {
  const rows = flatten(index(tasks), new Set());
  const from = dayOf("2026-09-01");
  const ppd = 10;
  const b = barBox(rows[1], 1, from, ppd); // 2026-09-07 .. 2026-10-02: 26 days
  assert.deepEqual([b.x, b.w], [60, 260]);
  const mid = b.y + 4;
  assert.equal(hit(rows, b.x + 100, mid, from, ppd).kind, "body");
  assert.equal(hit(rows, b.x + 1, mid, from, ppd).kind, "start");
  assert.equal(hit(rows, b.x + b.w - 1, mid, from, ppd).kind, "finish");
  assert.equal(hit(rows, b.x + b.w + 8, mid, from, ppd).kind, "link");
  assert.equal(hit(rows, b.x + b.w * 0.7, b.y + b.h - 2, from, ppd).kind, "progress");
  assert.equal(hit(rows, b.x + 100, 3 * ROW_H + 2, from, ppd), null);
});

test("links leave and enter at the right ends", () => {
  const rows = flatten(index(tasks), new Set());
  const rowOf = new Map(rows.map((r, i) => [r.id, i]));
  const from = dayOf("2026-09-01");
  const [fs] = linkPaths([{ from: 2, to: 3, kind: "FS" }], rowOf, rows, from, 10);
  const [ss] = linkPaths([{ from: 2, to: 3, kind: "SS" }], rowOf, rows, from, 10);
  assert.equal(fs.points[0][0], 60 + 260); // predecessor's finish
  assert.equal(fs.points.at(-1)[0], 130); // successor's start
  assert.equal(ss.points[0][0], 60);
});

test("an action due before today and not finished is overdue; parents, done and cancelled never", async () => {
  const { overdue } = await import("../js/gantt/model.js");
  const today = "2026-10-15";
  assert.equal(overdue({ finish: "2026-10-02", progressBp: 7000 }, today), true);
  assert.equal(overdue({ finish: "2026-10-02", progressBp: 10000 }, today), false);
  assert.equal(overdue({ finish: "2026-10-15", progressBp: 0 }, today), false, "due today is not late yet");
  assert.equal(overdue({ finish: "2026-10-14" }, today), true);
  assert.equal(overdue({ finish: "2026-10-02", progressBp: 0, status: "done" }, today), false);
  assert.equal(overdue({ finish: "2026-10-02", progressBp: 0, status: "cancelled" }, today), false);
  assert.equal(overdue({ finish: "2026-10-02", progressBp: 0, hasChildren: true }, today), false);
});
