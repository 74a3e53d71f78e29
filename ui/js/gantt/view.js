// <tl-gantt>: our own Gantt renderer. A virtualised task table beside a canvas timeline: only the
// rows in view are built or drawn, so 10,000 tasks cost the same as 30.
//
// Input:  gantt.setData({ tasks, links, holidays, workdays, today, baseline })
// Output: events "gantt-move" {id, start}, "gantt-resize" {id, start, finish},
//         "gantt-progress" {id, progressBp}, "gantt-link" {from, to}, "gantt-link-delete" {link},
//         "gantt-edit" {id, field, value}, "gantt-select" {id}

import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { dayOf, isoOf, weekday, parts, monthStart, addMonths, isoWeek } from "./dates.js";
import { ROW_H, BAR_H, ZOOMS, index, flatten, span, barBox, hit, hitLink, linkPaths, overdue } from "./model.js";

const HEAD_H = 44;
const COLUMNS = [
  { key: "title", width: 196, edit: "text" },
  { key: "owner", width: 60, edit: "text" },
  { key: "start", width: 86, edit: "date" },
  { key: "finish", width: 86, edit: "date" },
  { key: "progress", width: 66, edit: "percent" },
  { key: "priority", width: 66 },
];
const COLORS = {
  bar: "#4f8cf0",
  barDone: "#1f5fcc",
  critical: "#e5534b",
  criticalDone: "#b62324",
  baseline: "rgba(99,108,118,0.28)",
  weekend: "#f1f3f5",
  holiday: "#fff1e5",
  workday: "#eefbf1",
  today: "#d29922",
  link: "#6e7781",
  linkCritical: "#e5534b",
  selected: "rgba(31,111,235,0.10)",
  grid: "#eaeef2",
};

class TlGantt extends HTMLElement {
  constructor() {
    super();
    this.zoom = "week";
    this.collapsed = new Set();
    this.filter = null;
    this.sort = null; // { key, dir }
    this.selected = null;
    this.selectedLink = -1;
    this.rows = [];
    this.links = [];
    this.drag = null;
    this.showBaseline = true;
    this.frame = 0;
  }

  connectedCallback() {
    if (this.built) return;
    this.built = true;
    this.classList.add("gantt");
    // At most 45% of the pane (styles.css): the columns scroll under the kept title, the header follows.
    const width = `width:${COLUMNS.reduce((a, c) => a + c.width, 0)}px`;
    this.tableHead = h("div", { class: "g-thead" });
    this.tableRows = h("div", { class: "g-trows", style: width });
    this.tableBody = h("div", { class: "g-tbody", tabindex: "0" }, this.tableRows);
    this.headCanvas = h("canvas", { class: "g-hcanvas" });
    this.canvas = h("canvas", { class: "g-canvas", "data-testid": "gantt-canvas" });
    this.spacer = h("div", { class: "g-spacer" });
    this.scroller = h("div", { class: "g-scroller", "data-testid": "gantt-scroller" }, this.canvas, this.spacer);
    this.append(
      h("div", { class: "g-table", style: width }, this.tableHead, this.tableBody),
      h("div", { class: "g-time" }, this.headCanvas, this.scroller),
    );
    this.scroller.addEventListener("scroll", () => this.schedule());
    this.tableBody.addEventListener("scroll", () => this.classList.toggle("g-scrolled", (this.tableHead.scrollLeft = this.tableBody.scrollLeft) > 0));
    this.tableBody.addEventListener("wheel", (e) => { e.preventDefault(); this.scroller.scrollTop += e.deltaY; this.tableBody.scrollLeft += e.deltaX; }, { passive: false });
    this.canvas.addEventListener("pointerdown", (e) => this.onDown(e));
    this.canvas.addEventListener("pointermove", (e) => this.onMove(e));
    this.canvas.addEventListener("pointerup", (e) => this.onUp(e));
    this.tableBody.addEventListener("keydown", (e) => this.onTableKey(e));
    // A double-click edits the cell, as Enter and F2 do.
    this.tableBody.addEventListener("dblclick", (e) => {
      const cell = e.target.closest?.(".g-td");
      if (cell && e.target.tagName !== "INPUT") this.editCell(cell, Number(cell.dataset.row), Number(cell.dataset.col));
    });
    this.addEventListener("keydown", (e) => {
      if ((e.key === "Delete" || e.key === "Backspace") && this.selectedLink >= 0 && !e.target.closest("input")) {
        this.emit("gantt-link-delete", { link: this.paths[this.selectedLink].link });
        this.selectedLink = -1;
      }
    });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  /** Replaces the data; keeps scroll position, collapse state and selection. */
  setData({ tasks, links, holidays = [], workdays = [], today }) {
    this.idx = index(tasks);
    this.linkData = links;
    this.holidays = new Set(holidays.map(dayOf));
    this.workdays = new Set(workdays.map(dayOf));
    this.todayIso = today ?? new Date().toISOString().slice(0, 10);
    this.today = dayOf(this.todayIso);
    this.relayout();
  }

  setZoom(zoom) {
    const centreDay = this.from + (this.scroller.scrollLeft + this.scroller.clientWidth / 2) / this.ppd;
    this.zoom = zoom;
    this.relayout();
    this.scroller.scrollLeft = Math.max(0, (centreDay - this.from) * this.ppd - this.scroller.clientWidth / 2);
  }

  setFilter(filter) {
    this.filter = filter;
    this.relayout();
  }

  setSort(key) {
    this.sort = this.sort?.key === key ? { key, dir: -this.sort.dir } : { key, dir: 1 };
    this.relayout();
  }

  toggle(id) {
    if (this.collapsed.has(id)) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.relayout();
  }

  get ppd() {
    return ZOOMS[this.zoom];
  }

  relayout() {
    if (!this.idx) return;
    const began = performance.now();
    if (this.sort) {
      const { key, dir } = this.sort;
      const val = (n) => (key === "start" ? n.s : key === "finish" ? n.f : key === "progress" ? n.progressBp : String(n[key] ?? ""));
      for (const kids of this.idx.children.values()) kids.sort((a, b) => (val(a) < val(b) ? -dir : val(a) > val(b) ? dir : 0));
      this.idx.roots.sort((a, b) => (val(a) < val(b) ? -dir : val(a) > val(b) ? dir : 0));
    }
    this.rows = flatten(this.idx, this.collapsed, this.filter);
    this.rowOf = new Map(this.rows.map((r, i) => [r.id, i]));
    const s = span(this.rows, this.today);
    this.from = s.from;
    this.to = s.to;
    this.spacer.style.width = `${(this.to - this.from + 1) * this.ppd}px`;
    this.spacer.style.height = `${this.rows.length * ROW_H}px`;
    // As tall as the plan needs, up to the window.
    const fit = this.rows.length * ROW_H + 44 + 24;
    this.style.height = `${Math.max(200, Math.min(fit, window.innerHeight - 190))}px`;
    this.renderHead();
    this.renderNow();
    /** How long the last full layout and draw took (the Gantt benchmark reads it). */
    this.lastRenderMs = performance.now() - began;
  }

  scrollToToday() {
    this.scroller.scrollLeft = Math.max(0, (this.today - this.from) * this.ppd - this.scroller.clientWidth / 3);
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderNow();
    });
  }

  renderNow() {
    if (!this.idx) return;
    this.renderTable();
    this.renderCanvas();
    this.renderScale();
  }

  visibleRange() {
    const top = this.scroller.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_H));
    const count = Math.ceil(this.scroller.clientHeight / ROW_H) + 1;
    return [first, Math.min(this.rows.length, first + count)];
  }

  renderHead() {
    fill(this.tableHead,
      ...COLUMNS.map((c) =>
        h(
          "div",
          { class: `g-th${this.sort?.key === c.key ? " sorted" : ""}`, style: `width:${c.width}px`, onclick: () => this.setSort(c.key), "data-col": c.key },
          t(`gantt.col.${c.key}`),
          this.sort?.key === c.key ? (this.sort.dir > 0 ? " ▲" : " ▼") : "",
        ),
      ),
    );
  }

  renderTable() {
    // A cell being edited keeps its input: a redraw meanwhile (a resize, new data) waits for it.
    if (this.editing?.isConnected) return;
    const [a, b] = this.visibleRange();
    this.tableRows.style.transform = `translateY(${a * ROW_H - this.scroller.scrollTop}px)`;
    const rows = [];
    for (let i = a; i < b; i++) {
      const n = this.rows[i];
      const cells = COLUMNS.map((c, ci) => {
        let content;
        if (c.key === "title") {
          content = [
            h("span", { style: `display:inline-block;width:${n.depth * 14}px` }),
            n.hasChildren
              ? h("button", { class: "g-toggle", "data-toggle": n.id, onclick: (e) => { e.stopPropagation(); this.toggle(n.id); } }, this.collapsed.has(n.id) ? "▸" : "▾")
              : h("span", { class: "g-toggle-space" }),
            n.milestone ? "◆ " : "",
            overdue(n, this.todayIso) ? h("span", { class: "g-overdue", title: t("gantt.overdueMark") }, "⚠ ") : "",
            n.title,
          ];
        } else if (c.key === "start") content = isoOf(n.s);
        else if (c.key === "finish") content = isoOf(n.f);
        else if (c.key === "progress") content = `${Math.round((n.progressBp ?? 0) / 100)}%`;
        else if (c.key === "priority") content = t(`priority.${n.priority}`);
        else content = n[c.key] ?? "";
        return h("div", { class: "g-td", style: `width:${c.width}px`, tabindex: "-1", "data-row": i, "data-col": ci }, content);
      });
      rows.push(
        h("div", {
          class: `g-tr${n.id === this.selected ? " selected" : ""}${n.critical ? " critical" : ""}${overdue(n, this.todayIso) ? " overdue" : ""}`,
          "data-task": n.id,
          // The clicked cell keeps the focus (the redraw replaces it), so keys work right after.
          onclick: (e) => e.target.tagName !== "INPUT" && this.focusCell(i, Number(e.target.closest?.(".g-td")?.dataset.col ?? 0)),
        }, cells),
      );
    }
    // A redraw (a scroll frame, a resize) keeps the focused cell focused, so keys keep working.
    const had = this.tableRows.contains(document.activeElement) ? document.activeElement.dataset : null;
    fill(this.tableRows, ...rows);
    if (had) this.tableRows.querySelector(`.g-td[data-row="${had.row}"][data-col="${had.col}"]`)?.focus({ preventScroll: true });
  }

  select(id) {
    this.selected = id;
    this.selectedLink = -1;
    this.emit("gantt-select", { id });
    this.renderNow();
  }

  renderScale() {
    const c = this.headCanvas;
    const w = this.scroller.clientWidth;
    const ctx = this.prepare(c, w, HEAD_H);
    const left = this.scroller.scrollLeft;
    const d0 = this.from + Math.floor(left / this.ppd);
    const d1 = this.from + Math.ceil((left + w) / this.ppd);
    ctx.fillStyle = "#f6f8fa";
    ctx.fillRect(0, 0, w, HEAD_H);
    ctx.strokeStyle = COLORS.grid;
    ctx.fillStyle = "#1f2328";
    ctx.font = "12px 'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif";
    ctx.textBaseline = "middle";
    const x = (day) => (day - this.from) * this.ppd - left;
    // Top band: months (quarters when zoomed out).
    const quarterly = this.zoom === "quarter";
    for (let m = monthStart(d0); m <= d1; m = addMonths(m, quarterly ? 3 : 1)) {
      const p = parts(m);
      if (quarterly && (p.m - 1) % 3 !== 0) {
        m = addMonths(m, -((p.m - 1) % 3));
        continue;
      }
      const label = quarterly ? `${p.y} Q${Math.floor((p.m - 1) / 3) + 1}` : t("gantt.month", { y: p.y, m: p.m });
      // A month that began off-screen keeps its label at the left edge while there is room.
      const next = x(addMonths(m, quarterly ? 3 : 1));
      const lx = Math.max(x(m) + 4, 4);
      if (next - lx > ctx.measureText(label).width + 8) ctx.fillText(label, lx, 12);
      ctx.beginPath();
      ctx.moveTo(Math.round(x(m)) + 0.5, 0);
      ctx.lineTo(Math.round(x(m)) + 0.5, HEAD_H);
      ctx.stroke();
    }
    // Bottom band: days or weeks.
    ctx.fillStyle = "#636c76";
    for (let d = d0; d <= d1; d++) {
      if (this.zoom === "day") ctx.fillText(String(parts(d).d), x(d) + 8, 32);
      else if ((this.zoom === "week" && weekday(d) === 0) || (this.zoom === "month" && weekday(d) === 0 && isoWeek(d) % 2 === 0)) {
        ctx.fillText(`W${isoWeek(d)}`, x(d) + 2, 32);
      }
    }
    ctx.beginPath();
    ctx.moveTo(0, HEAD_H - 0.5);
    ctx.lineTo(w, HEAD_H - 0.5);
    ctx.stroke();
  }

  prepare(canvas, w, hgt) {
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(hgt * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${hgt}px`;
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    return ctx;
  }

  renderCanvas() {
    const w = this.scroller.clientWidth;
    const hgt = this.scroller.clientHeight;
    const ctx = this.prepare(this.canvas, w, hgt);
    const left = this.scroller.scrollLeft;
    const top = this.scroller.scrollTop;
    this.canvas.style.transform = `translate(${left}px, ${top}px)`;
    const ppd = this.ppd;
    const d0 = this.from + Math.floor(left / ppd);
    const d1 = this.from + Math.ceil((left + w) / ppd);
    ctx.save();
    ctx.translate(-left, -top);
    // Non-working days.
    for (let d = d0; d <= d1; d++) {
      const weekend = weekday(d) >= 5;
      const fill = this.holidays.has(d) ? COLORS.holiday : this.workdays.has(d) ? (weekend ? COLORS.workday : null) : weekend ? COLORS.weekend : null;
      if (fill && ppd >= 1) {
        ctx.fillStyle = fill;
        ctx.fillRect((d - this.from) * ppd, top, ppd, hgt);
      }
    }
    const [a, b] = this.visibleRange();
    // Selection and row lines.
    ctx.strokeStyle = COLORS.grid;
    for (let i = a; i < b; i++) {
      if (this.rows[i].id === this.selected) {
        ctx.fillStyle = COLORS.selected;
        ctx.fillRect(left, i * ROW_H, w, ROW_H);
      }
      ctx.beginPath();
      ctx.moveTo(left, (i + 1) * ROW_H - 0.5);
      ctx.lineTo(left + w, (i + 1) * ROW_H - 0.5);
      ctx.stroke();
    }
    // Bars.
    for (let i = a; i < b; i++) this.drawTask(ctx, this.previewed(this.rows[i]), i);
    // Links (only those touching a visible row are routed).
    const visibleLinks = this.linkData.filter((l) => {
      const ra = this.rowOf.get(l.from);
      const rb = this.rowOf.get(l.to);
      return ra !== undefined && rb !== undefined && Math.max(ra, rb) >= a && Math.min(ra, rb) < b;
    });
    this.paths = linkPaths(visibleLinks, this.rowOf, this.rows.map((r) => this.previewed(r)), this.from, ppd);
    this.paths.forEach((p, i) => this.drawLink(ctx, p, i === this.selectedLink));
    // Today.
    const tx = (this.today - this.from) * ppd + ppd / 2;
    ctx.strokeStyle = COLORS.today;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(tx, top);
    ctx.lineTo(tx, top + hgt);
    ctx.stroke();
    ctx.lineWidth = 1;
    // A link being drawn.
    if (this.drag?.kind === "link") {
      ctx.strokeStyle = COLORS.link;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(this.drag.x0, this.drag.y0);
      ctx.lineTo(this.drag.x, this.drag.y);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.restore();
  }

  /** A task as the current drag would leave it. */
  previewed(task) {
    const d = this.drag;
    if (!d || d.task.id !== task.id || !d.moved) return task;
    const delta = Math.round((d.x - d.x0) / this.ppd);
    if (d.kind === "body") return { ...task, s: task.s + delta, f: task.f + delta };
    if (d.kind === "start") return { ...task, s: Math.min(task.s + delta, task.f) };
    if (d.kind === "finish") return { ...task, f: Math.max(task.f + delta, task.s) };
    if (d.kind === "progress") {
      const b = barBox(task, 0, this.from, this.ppd);
      const bp = Math.round(Math.max(0, Math.min(1, (d.x - b.x) / b.w)) * 100) * 100;
      return { ...task, progressBp: bp };
    }
    return task;
  }

  drawTask(ctx, n, row) {
    const ppd = this.ppd;
    if (this.showBaseline && n.bs !== null) {
      ctx.fillStyle = COLORS.baseline;
      ctx.fillRect((n.bs - this.from) * ppd, row * ROW_H + ROW_H - 7, Math.max((n.bf - n.bs + 1) * ppd, 2), 4);
    }
    const b = barBox(n, row, this.from, ppd);
    if (n.milestone) {
      const cx = b.x + ppd / 2;
      const cy = b.y + BAR_H / 2;
      ctx.fillStyle = n.critical ? COLORS.critical : "#8250df";
      ctx.beginPath();
      ctx.moveTo(cx, cy - 8);
      ctx.lineTo(cx + 8, cy);
      ctx.lineTo(cx, cy + 8);
      ctx.lineTo(cx - 8, cy);
      ctx.closePath();
      ctx.fill();
      return;
    }
    if (n.hasChildren) {
      // A summary bar: a bracket over its children.
      ctx.fillStyle = "#24292f";
      ctx.fillRect(b.x, b.y + 3, b.w, 6);
      ctx.fillRect(b.x, b.y + 3, 3, 11);
      ctx.fillRect(b.x + b.w - 3, b.y + 3, 3, 11);
      return;
    }
    ctx.fillStyle = n.critical ? COLORS.critical : COLORS.bar;
    ctx.fillRect(b.x, b.y, b.w, b.h);
    const done = (b.w * (n.progressBp ?? 0)) / 10000;
    ctx.fillStyle = n.critical ? COLORS.criticalDone : COLORS.barDone;
    ctx.fillRect(b.x, b.y + b.h - 5, done, 5);
    if (n.id === this.selected) {
      // Handles: ends, progress, and the link knob.
      ctx.fillStyle = "#ffffff";
      ctx.strokeStyle = "#1f2328";
      ctx.fillRect(b.x + done - 3, b.y + b.h - 4, 6, 6);
      ctx.strokeRect(b.x + done - 3, b.y + b.h - 4, 6, 6);
      ctx.beginPath();
      ctx.arc(b.x + b.w + 8, b.y + b.h / 2, 4, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
  }

  drawLink(ctx, p, selected) {
    ctx.strokeStyle = selected ? "#0969da" : p.critical ? COLORS.linkCritical : COLORS.link;
    ctx.lineWidth = selected ? 2.5 : 1.2;
    ctx.beginPath();
    p.points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.stroke();
    const [x, y] = p.points[p.points.length - 1];
    const [px] = p.points[p.points.length - 2];
    const dir = x >= px ? 1 : -1;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x - 6 * dir, y - 4);
    ctx.lineTo(x - 6 * dir, y + 4);
    ctx.closePath();
    ctx.fill();
    ctx.lineWidth = 1;
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left + this.scroller.scrollLeft, y: e.clientY - r.top + this.scroller.scrollTop };
  }

  onDown(e) {
    const { x, y } = this.point(e);
    const target = hit(this.rows, x, y, this.from, this.ppd);
    if (!target) {
      const li = hitLink(this.paths ?? [], x, y);
      this.selectedLink = li;
      if (li >= 0) this.focus?.();
      this.renderCanvas();
      return;
    }
    if (target.task.hasChildren && target.kind !== "link") {
      this.select(target.task.id);
      return;
    }
    try {
      this.canvas.setPointerCapture(e.pointerId);
    } catch {
      // A pointer the platform does not track (e.g. a synthetic one) cannot be captured.
    }
    const b = barBox(target.task, target.row, this.from, this.ppd);
    this.drag = { ...target, x0: target.kind === "link" ? b.x + b.w : x, y0: target.kind === "link" ? b.y + b.h / 2 : y, x, y, moved: false };
    if (this.selected !== target.task.id) this.select(target.task.id);
  }

  onMove(e) {
    const { x, y } = this.point(e);
    if (!this.drag) {
      const target = hit(this.rows, x, y, this.from, this.ppd);
      const cursor = !target ? "default" : target.kind === "body" ? "grab" : target.kind === "link" ? "crosshair" : "ew-resize";
      this.canvas.style.cursor = cursor;
      return;
    }
    this.drag.x = x;
    this.drag.y = y;
    this.drag.moved ||= Math.abs(x - this.drag.x0) > 2 || Math.abs(y - this.drag.y0) > 2;
    this.renderCanvas();
  }

  onUp(e) {
    const d = this.drag;
    this.drag = null;
    if (!d || !d.moved) {
      this.renderCanvas();
      return;
    }
    const { x, y } = this.point(e);
    const delta = Math.round((x - d.x0) / this.ppd);
    const task = d.task;
    if (d.kind === "body" && delta) this.emit("gantt-move", { id: task.id, start: isoOf(task.s + delta) });
    else if (d.kind === "start" && delta) this.emit("gantt-resize", { id: task.id, start: isoOf(Math.min(task.s + delta, task.f)), finish: isoOf(task.f) });
    else if (d.kind === "finish" && delta) this.emit("gantt-resize", { id: task.id, start: isoOf(task.s), finish: isoOf(Math.max(task.f + delta, task.s)) });
    else if (d.kind === "progress") this.emit("gantt-progress", { id: task.id, progressBp: this.previewed({ ...task }).progressBp ?? task.progressBp });
    else if (d.kind === "link") {
      const other = hit(this.rows, x, y, this.from, this.ppd);
      if (other && other.task.id !== task.id) this.emit("gantt-link", { from: task.id, to: other.task.id });
    }
    this.renderCanvas();
  }

  /** Excel-like keys in the table: arrows move, Enter/F2 edit, Esc cancels. */
  onTableKey(e) {
    const cell = e.target.closest?.(".g-td");
    if (!cell || e.target.tagName === "INPUT") return;
    const row = Number(cell.dataset.row);
    const col = Number(cell.dataset.col);
    const id = this.rows[row]?.id;
    // Outline keys: Insert adds below, Delete deletes, Alt+Shift+→/← indent and outdent.
    if (e.key === "Insert") {
      e.preventDefault();
      this.emit("gantt-add", { after: id ?? null });
      return;
    }
    if (e.key === "Delete" && this.selectedLink < 0 && id !== undefined) {
      e.preventDefault();
      e.stopPropagation();
      this.emit("gantt-delete", { id });
      return;
    }
    if (e.altKey && e.shiftKey && (e.key === "ArrowRight" || e.key === "ArrowLeft") && id !== undefined) {
      e.preventDefault();
      this.emit("gantt-indent", { id, outdent: e.key === "ArrowLeft" });
      return;
    }
    // WebKitGTK reports Shift+Tab as key "Unidentified" (GTK's ISO_Left_Tab), code "Tab".
    const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, e.shiftKey ? -1 : 1] }[[e.key, e.code].includes("Tab") ? "Tab" : e.key];
    if (move) {
      e.preventDefault();
      this.focusCell(row + move[0], Math.max(0, Math.min(COLUMNS.length - 1, col + move[1])));
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.editCell(cell, row, col);
    }
  }

  /** Selects `id` and starts editing its title (a new action is named right away). */
  editTitle(id) {
    const row = this.rows.findIndex((n) => n.id === id);
    if (row < 0) return;
    this.focusCell(row, 0);
    const cell = this.tableRows.querySelector(`.g-td[data-row="${row}"][data-col="0"]`);
    if (cell) this.editCell(cell, row, 0);
  }

  focusCell(row, col) {
    if (row < 0 || row >= this.rows.length) return;
    const [a, b] = this.visibleRange();
    if (row < a + 1) this.scroller.scrollTop = Math.max(0, row - 1) * ROW_H;
    if (row >= b - 1) this.scroller.scrollTop = (row - (b - a) + 3) * ROW_H;
    this.renderNow();
    this.select(this.rows[row].id);
    this.tableRows.querySelector(`.g-td[data-row="${row}"][data-col="${col}"]`)?.focus();
  }

  editCell(cell, row, col) {
    const c = COLUMNS[col];
    const n = this.rows[row];
    if (!c.edit || n.hasChildren && c.key !== "title") return;
    const value = c.key === "start" ? isoOf(n.s) : c.key === "finish" ? isoOf(n.f) : c.key === "progress" ? String(Math.round((n.progressBp ?? 0) / 100)) : String(n[c.key] ?? "");
    const input = h("input", { class: "g-input", value, type: c.edit === "date" ? "date" : "text" });
    fill(cell, input);
    this.editing = input;
    input.focus();
    input.select?.();
    const finish = (commit) => {
      input.removeEventListener("blur", onBlur);
      this.editing = null;
      if (commit && input.value !== value) this.emit("gantt-edit", { id: n.id, field: c.key, value: input.value });
      this.renderTable();
      this.focusCell(row, col);
    };
    const onBlur = () => finish(true);
    input.addEventListener("blur", onBlur);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); finish(true); }
      if (e.key === "Escape") { e.preventDefault(); finish(false); }
      e.stopPropagation();
    });
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }
}

customElements.define("tl-gantt", TlGantt);
