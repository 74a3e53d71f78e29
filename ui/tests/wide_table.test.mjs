// wideTable(): the one helper every section draws a wide table with (sticky first column(s),
// the kept label's whole text in its tooltip, the shadow once scrolled).
import { test } from "node:test";
import assert from "node:assert/strict";

// A stand-in DOM with just what h() and wideTable() use.
class El {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.attrs = new Map();
    this.listeners = new Map();
    this.scrollLeft = 0;
    const classes = new Set();
    this.classList = {
      add: (c) => classes.add(c),
      toggle: (c, on) => (on ? classes.add(c) : classes.delete(c)),
      contains: (c) => classes.has(c),
    };
    Object.defineProperty(this, "className", {
      get: () => [...classes].join(" "),
      set: (v) => { classes.clear(); for (const c of String(v).split(/\s+/).filter(Boolean)) classes.add(c); },
    });
  }
  setAttribute(k, v) { this.attrs.set(k, String(v)); }
  getAttribute(k) { return this.attrs.get(k) ?? null; }
  hasAttribute(k) { return this.attrs.has(k); }
  addEventListener(type, fn) { this.listeners.set(type, fn); }
  append(...nodes) { this.children.push(...nodes.filter((n) => n instanceof El)); this.text = (this.text ?? "") + nodes.filter((n) => !(n instanceof El)).map((n) => n.data).join(""); }
  get textContent() { return (this.text ?? "") + this.children.map((c) => c.textContent).join(""); }
  querySelectorAll(sel) {
    const out = [];
    const walk = (e) => { for (const c of e.children) { if (c.tagName === sel.toUpperCase()) out.push(c); walk(c); } };
    walk(this);
    return out;
  }
}
globalThis.Node = El;
globalThis.document = {
  createElement: (tag) => new El(tag),
  createTextNode: (data) => ({ data }),
};

const { h } = await import("../js/dom.js");
const { wideTable } = await import("../js/wide-table.js");

const table = (rows) => h("table", { class: "data" }, ...rows.map((cells, i) => h("tr", {}, ...cells.map((c) => h(i ? "td" : "th", {}, c)))));

test("the table scrolls in its own frame with its first column kept", () => {
  const t = table([["指标", "Name"], ["客户满意度(NPS)", "Customer satisfaction (NPS)"]]);
  const frame = wideTable(t);
  assert.equal(frame.tagName, "DIV");
  assert.equal(frame.className, "table-scroll");
  assert.equal(frame.hasAttribute("data-wide-table"), true);
  assert.equal(frame.children[0], t);
  assert.equal(t.className, "data sticky-first");
  // The kept label carries its whole text as a tooltip; the next column does not.
  assert.equal(t.children[1].children[0].getAttribute("title"), "客户满意度(NPS)");
  assert.equal(t.children[1].children[1].getAttribute("title"), null);
});

test("a title of the cell's own is kept, and an empty cell gets none", () => {
  const t = h("table", {},
    h("tr", {}, h("td", { title: "华东 / 一组 / 张三" }, "张三"), h("td", {}, "1")),
    h("tr", {}, h("td", {}, ""), h("td", {}, "2")));
  wideTable(t);
  assert.equal(t.children[0].children[0].getAttribute("title"), "华东 / 一组 / 张三");
  assert.equal(t.children[1].children[0].hasAttribute("title"), false);
});

test("two kept columns: rank and name, the name carries the tooltip", () => {
  const t = table([["#", "Name", "Team"], ["1", "Ann Long-Surname", "East"]]);
  wideTable(t, { columns: 2 });
  assert.equal(t.className, "data sticky-first sticky-two");
  assert.equal(t.children[1].children[1].getAttribute("title"), "Ann Long-Surname");
  assert.equal(t.children[1].children[0].getAttribute("title"), null);
});

test("the frame is marked scrolled (the kept column's shadow) only away from the left end", () => {
  const frame = wideTable(table([["a", "b"], ["1", "2"]]));
  const onScroll = frame.listeners.get("scroll");
  frame.scrollLeft = 120;
  onScroll();
  assert.equal(frame.classList.contains("scrolled"), true);
  frame.scrollLeft = 0;
  onScroll();
  assert.equal(frame.classList.contains("scrolled"), false);
});

test("no section writes the scroll frame or the sticky class by hand", async () => {
  const { readdir, readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const root = new URL("../js/", import.meta.url).pathname;
  // The dashboard adopts the helper in its own change.
  const waiting = new Set(["sections/dashboard.js", "dashboard/run-rate.js"]);
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith(".js"));
  const hand = [];
  for (const f of files) {
    if (f === "wide-table.js" || waiting.has(f)) continue;
    const src = await readFile(join(root, f), "utf8");
    if (/["'\s]table-scroll["'\s]|sticky-first/.test(src)) hand.push(f);
  }
  assert.deepEqual(hand, []);
});
