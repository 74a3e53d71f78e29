// The Gantt's pure model: outline flattening, geometry and hit testing. No DOM here, so it can be
// reasoned about (and measured) apart from drawing.

import { dayOf } from "./dates.js";

export const ROW_H = 28;
export const BAR_H = 16;
export const ZOOMS = { day: 28, week: 10, month: 3.2, quarter: 1.2 }; // pixels per day

/**
 * Prepares tasks from the backend for drawing: day numbers, depth in the outline, children.
 * tasks: [{ id, parentId, title, owner, start, finish, progressBp, milestone, critical, totalFloat,
 *           priority, status, baselineStart?, baselineFinish? }]
 */
export function index(tasks) {
  const byId = new Map();
  const children = new Map();
  for (const t of tasks) {
    const node = {
      ...t,
      s: dayOf(t.start),
      f: dayOf(t.finish),
      bs: t.baselineStart ? dayOf(t.baselineStart) : null,
      bf: t.baselineFinish ? dayOf(t.baselineFinish) : null,
      depth: 0,
    };
    byId.set(t.id, node);
    const key = t.parentId ?? null;
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(node);
  }
  const roots = children.get(null) ?? [];
  // Parents that are missing (filtered out) make their children roots.
  for (const [parent, kids] of children) {
    if (parent !== null && !byId.has(parent)) roots.push(...kids);
  }
  return { byId, children, roots };
}

/** The visible rows in outline order, skipping children of collapsed tasks. */
export function flatten(idx, collapsed, filter = null) {
  const rows = [];
  const walk = (nodes, depth) => {
    for (const n of nodes) {
      const kids = idx.children.get(n.id) ?? [];
      n.depth = depth;
      n.hasChildren = kids.length > 0;
      if (!filter || filter(n) || kids.length) rows.push(n);
      if (kids.length && !collapsed.has(n.id)) walk(kids, depth + 1);
    }
  };
  walk(idx.roots, 0);
  return rows;
}

/** The time window the chart spans: a little before the first start to after the last finish. */
export function span(rows, today) {
  let lo = today;
  let hi = today;
  for (const r of rows) {
    if (r.s < lo) lo = r.s;
    if (r.f > hi) hi = r.f;
    if (r.bs !== null && r.bs < lo) lo = r.bs;
    if (r.bf !== null && r.bf > hi) hi = r.bf;
  }
  return { from: lo - 14, to: hi + 30 };
}

/** Pixel box of a task's bar. A milestone is a diamond centred on its day. */
export function barBox(task, row, from, ppd) {
  const x = (task.s - from) * ppd;
  const w = Math.max((task.f - task.s + 1) * ppd, 2);
  const y = row * ROW_H + (ROW_H - BAR_H) / 2;
  return { x, y, w, h: BAR_H };
}

/**
 * What is under the pointer: { kind: "body" | "start" | "finish" | "progress" | "link", row, task }
 * or null. Edges and handles get a few pixels of grace.
 */
export function hit(rows, px, py, from, ppd) {
  const row = Math.floor(py / ROW_H);
  const task = rows[row];
  if (!task) return null;
  const b = barBox(task, row, from, ppd);
  const grace = 5;
  if (task.milestone) {
    const cx = b.x + ppd / 2;
    if (Math.abs(px - cx) <= BAR_H / 2 + grace && py >= b.y - grace && py <= b.y + b.h + grace) return { kind: "body", row, task };
    if (px > cx + BAR_H / 2 && px <= cx + BAR_H / 2 + 14) return { kind: "link", row, task };
    return null;
  }
  if (py < b.y - grace || py > b.y + b.h + grace) return null;
  if (px >= b.x + b.w + 2 && px <= b.x + b.w + 14) return { kind: "link", row, task };
  if (px < b.x - grace || px > b.x + b.w + grace) return null;
  const progressX = b.x + (b.w * (task.progressBp ?? 0)) / 10000;
  if (py >= b.y + b.h - 5 && Math.abs(px - progressX) <= 5) return { kind: "progress", row, task };
  if (px <= b.x + grace) return { kind: "start", row, task };
  if (px >= b.x + b.w - grace) return { kind: "finish", row, task };
  return { kind: "body", row, task };
}

/** Which link (index) passes near a point, for selecting a link to delete. */
export function hitLink(paths, px, py) {
  for (let i = 0; i < paths.length; i++) {
    const pts = paths[i].points;
    for (let k = 0; k + 1 < pts.length; k++) {
      const [x1, y1] = pts[k];
      const [x2, y2] = pts[k + 1];
      const near =
        x1 === x2
          ? Math.abs(px - x1) <= 4 && py >= Math.min(y1, y2) - 4 && py <= Math.max(y1, y2) + 4
          : Math.abs(py - y1) <= 4 && px >= Math.min(x1, x2) - 4 && px <= Math.max(x1, x2) + 4;
      if (near) return i;
    }
  }
  return -1;
}

/**
 * Orthogonal routes for links between visible rows. A link leaves the predecessor's start (S*) or
 * finish (F*) and enters the successor's start (*S) or finish (*F).
 */
export function linkPaths(links, rowOf, rows, from, ppd) {
  const out = [];
  for (const l of links) {
    const a = rowOf.get(l.from);
    const b = rowOf.get(l.to);
    if (a === undefined || b === undefined) continue;
    const pa = barBox(rows[a], a, from, ppd);
    const pb = barBox(rows[b], b, from, ppd);
    const fromEnd = l.kind === "FS" || l.kind === "FF";
    const toEnd = l.kind === "FF" || l.kind === "SF";
    const x1 = fromEnd ? pa.x + pa.w : pa.x;
    const y1 = pa.y + pa.h / 2;
    const x2 = toEnd ? pb.x + pb.w : pb.x;
    const y2 = pb.y + pb.h / 2;
    const out1 = fromEnd ? x1 + 8 : x1 - 8;
    const in2 = toEnd ? x2 + 8 : x2 - 8;
    const midY = b > a ? pb.y - 4 : pb.y + pb.h + 4;
    const points = [[x1, y1], [out1, y1], [out1, midY], [in2, midY], [in2, y2], [x2, y2]];
    out.push({ link: l, points, critical: rows[a].critical && rows[b].critical });
  }
  return out;
}

/** An action past its due day and not finished: finish (ISO) before `today` (ISO) and progress
 * under 100%. A parent is judged by its children, a cancelled or done action never. */
export function overdue(task, today) {
  if (task.hasChildren || task.status === "done" || task.status === "cancelled") return false;
  return task.finish < today && (task.progressBp ?? 0) < 10000;
}
