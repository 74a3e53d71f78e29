// <tl-targets>: the target grid. The organisation down the side, periods across, one tier at a
// time; Excel-like keys, paste from Excel, locks, a split dialog with a live preview, undo/redo.
// Every change goes to Rust; the grid reloads from what was stored.

import { call, newestOnly } from "../api.js";
import { fill, h, listenUndoKeys } from "../dom.js";
import { shortcut } from "../keys.js";
import { lang, t } from "../i18n.js";
import { parseMoney, yuan } from "../format.js";
import { CellEditor } from "../targets/editor.js";
import { moved } from "../targets/keys.js";

const ROW_H = 30;
const NAME_W = 220;
const CELL_W = 132;
const TIERS = ["floor", "base", "challenge", "sprint"];
const VIEWS = ["year", "quarter", "month", "week"];
/** Dimensions the grid can be crossed with (rows: each unit, then one row per member). */
const CROSSES = ["", "product_line", "customer_type", "channel"];
/** Split methods per axis; blend mixes the drivers listed for it. */
const METHODS = {
  org: ["even", "percent", "capacity", "history", "potential", "blend", "current"],
  months: ["even", "workdays", "history", "potential", "blend", "current"],
  dimension: ["even", "percent", "history", "potential", "blend", "current"],
};
const BLEND_DRIVERS = { org: ["history", "capacity", "even"], months: ["history", "workdays", "even"], dimension: ["history", "even"] };
const REASONS = ["market", "policy", "execution", "resources", "other"];

function columnLabel(c) {
  if (c.kind === "year") return t("grid.year", { y: c.key });
  if (c.kind === "quarter" || c.kind === "week") return c.key.slice(5);
  return t("grid.month", { m: Number(c.key.slice(5)) });
}

class TlTargets extends HTMLElement {
  constructor() {
    super();
    this.tier = "base";
    this.view = "month";
    this.cross = "";
    this.showBaseline = false;
    this.collapsed = new Set();
    this.active = { row: 0, col: 0 };
    this.anchor = null;
    this.undoStack = [];
    this.redoStack = [];
    this.reason = null;
  }

  async connectedCallback() {
    this.body = h("div", { class: "tg-rows" });
    this.head = h("div", { class: "tg-head" });
    this.spacer = h("div", { class: "tg-spacer" });
    this.scroller = h("div", { class: "tg-scroller", tabindex: "0", "data-testid": "target-grid" }, this.head, this.spacer, this.body);
    this.reasonChip = h("button", { class: "tb chip", onclick: () => this.askReason(true) });
    this.splitDialog = h("dialog", { class: "card split-dialog", "data-testid": "split-dialog" });
    this.reasonDialog = h("dialog", { class: "card", "data-testid": "reason-dialog" });
    this.approveDialog = h("dialog", { class: "card", "data-testid": "approve-dialog" });
    this.ratiosDialog = h("dialog", { class: "card", "data-testid": "ratios-dialog" });
    this.panel = h("aside", { class: "tg-panel card", "data-testid": "cell-panel" });
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("nav.targets")), h("p", { class: "muted", "data-testid": "grid-title" })),
      this.toolbar(),
      h("div", { class: "tg-layout" }, this.scroller, this.panel),
      this.splitDialog,
      this.reasonDialog,
      this.approveDialog,
      this.ratiosDialog,
    );
    this.editor = new CellEditor({
      onKey: (action) => this.onKey(action),
      onStart: () => this.editable(),
      onCommit: (text, move) => this.commitText(text, move),
      onCancel: () => this.renderRows(),
    });
    this.scroller.append(this.editor.input);
    this.scroller.addEventListener("scroll", () => this.renderRows());
    this.scroller.addEventListener("paste", (e) => this.onPaste(e));
    this.scroller.addEventListener("copy", (e) => this.onCopy(e));
    this.stopUndoKeys = listenUndoKeys(() => this.undo(), () => this.redo());
    await this.reload();
    await this.showPanel();
  }

  disconnectedCallback() {
    this.stopUndoKeys?.();
  }

  toolbar() {
    const seg = (items, current, label, onPick, attr) =>
      h("div", { class: "seg", role: "group" }, items.map((v) =>
        h("button", { [attr]: v, class: v === current ? "active" : "", onclick: (e) => {
          for (const b of e.target.parentElement.children) b.classList.toggle("active", b === e.target);
          onPick(v);
        } }, t(`${label}.${v}`))));
    this.undoButton = h("button", { class: "tb", id: "grid-undo", disabled: true, onclick: () => this.undo(), title: shortcut("Mod+Z") }, t("gantt.undo"));
    this.redoButton = h("button", { class: "tb", id: "grid-redo", disabled: true, onclick: () => this.redo(), title: shortcut("Mod+Shift+Z") }, t("gantt.redo"));
    return h(
      "div",
      { class: "toolbar" },
      seg(TIERS, this.tier, "tier", (v) => { this.tier = v; this.reload(); }, "data-tier"),
      seg(VIEWS, this.view, "grid.view", (v) => { this.view = v; this.reload(); }, "data-view-kind"),
      h("label", { class: "small" }, t("grid.crossLabel"), " ",
        h("select", { id: "grid-cross", onchange: (e) => { this.cross = e.target.value; this.reload(); } },
          CROSSES.map((d) => h("option", { value: d, selected: d === this.cross }, t(`grid.cross.${d || "none"}`))))),
      h("button", { class: "tb", id: "grid-split", onclick: () => this.openSplit() }, t("grid.split")),
      h("button", { class: "tb", id: "grid-lock", onclick: () => this.toggleLock() }, t("grid.lock")),
      h("button", { class: "tb", id: "grid-store-weeks", onclick: () => this.storeWeeks() }, t("grid.storeWeeks")),
      h("button", { class: "tb", id: "grid-ratios", onclick: () => this.editRatios() }, t("grid.ratios")),
      this.undoButton,
      this.redoButton,
      h("button", { class: "tb", id: "grid-csv", onclick: () => this.exportGrid("csv") }, t("dash.csv")),
      h("button", { class: "tb", id: "grid-xlsx", onclick: () => this.exportGrid("xlsx") }, t("dash.xlsx")),
      h("span", { class: "spacer" }),
      this.reasonChip,
      this.approveButton = h("button", { class: "tb primary", id: "grid-approve", hidden: true, onclick: () => this.approve() }, t("grid.approve")),
      this.baselineToggle = h("label", { class: "small", hidden: true }, h("input", { type: "checkbox", id: "grid-baseline", onchange: (e) => { this.showBaseline = e.target.checked; this.renderRows(); } }), " ", t("grid.showBaseline")),
      h("span", { class: "muted small" }, t("grid.keys", { undo: shortcut("Mod+Z") })),
    );
  }

  async reload() {
    try {
      this.grid = await call("targets_grid", { tier: this.tier, view: this.view, cross: this.cross || null });
    } catch (err) {
      // The plan's sprint tier was turned off (here, by undo or elsewhere): show the base.
      if (err.code === "sprint_tier_off" && this.tier === "sprint") {
        this.tier = "base";
        return this.reload();
      }
      this.app.showError(err);
      return;
    }
    const g = this.grid;
    if (!this.visibleInit) {
      this.visibleInit = true;
      // Large organisations open with people folded into their teams.
      if (g.rows.length > 200) for (const r of g.rows) if (r.kind === "team") this.collapsed.add(r.unitId);
    }
    this.querySelector("[data-testid='grid-title']").textContent = t("grid.subtitle", {
      name: g.setName, year: g.fiscalYear, status: t(g.approved ? "grid.approved" : "grid.draft"),
    });
    this.reasonChip.hidden = !g.approved;
    // The sprint tier exists only when the plan has one.
    const sprint = this.querySelector("button[data-tier='sprint']");
    if (sprint) sprint.hidden = g.ratios.sprintBp === null;
    for (const b of this.querySelectorAll("button[data-tier]")) b.classList.toggle("active", b.dataset.tier === this.tier);
    this.approveButton.hidden = g.approved;
    this.baselineToggle.hidden = !g.approved;
    this.reasonChip.textContent = this.reason ? t("grid.reasonChip", { reason: this.reason.text || t(`reason.${this.reason.category}`) }) : t("grid.reasonNone");
    this.layout();
  }

  layout() {
    const g = this.grid;
    const hidden = new Set();
    this.rows = [];
    for (const r of g.rows) {
      if (r.parentId !== null && (hidden.has(r.parentId) || this.collapsed.has(r.parentId))) {
        hidden.add(r.unitId);
        continue;
      }
      this.rows.push(r);
    }
    this.colCount = g.columns.length + 1; // the periods, then the commitment
    const width = NAME_W + this.colCount * CELL_W;
    this.spacer.style.height = `${this.rows.length * ROW_H}px`;
    this.spacer.style.width = `${width}px`;
    this.head.style.width = `${width}px`;
    fill(this.head,
      h("div", { class: "tg-name tg-hcell" }, t("grid.unit")),
      ...g.columns.map((c) => h("div", { class: `tg-hcell num ${c.kind}` }, columnLabel(c))),
      h("div", { class: "tg-hcell num commit" }, t("grid.commitment")),
    );
    this.active.row = Math.min(this.active.row, this.rows.length - 1);
    this.active.col = Math.min(this.active.col, this.colCount - 1);
    this.renderRows();
  }

  renderRows() {
    if (!this.rows) return;
    const top = this.scroller.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_H) - 2);
    const last = Math.min(this.rows.length, first + Math.ceil(this.scroller.clientHeight / ROW_H) + 4);
    const sel = this.selection();
    const out = [];
    for (let i = first; i < last; i++) {
      const r = this.rows[i];
      const member = r.dimensionId !== null;
      const label = member ? (lang() === "en" ? r.dimensionNameEn ?? r.dimensionName : r.dimensionName) : r.name;
      const cells = r.cells.map((c, ci) => {
        const col = this.grid.columns[ci];
        const isYear = col.kind === "year";
        const mismatch = isYear && c && r.childrenSum !== null && r.childrenSum !== c.value && this.tier === "base";
        const classes = ["tg-cell", "num", col.kind];
        if (!c) classes.push("empty");
        else if (c.id === null) classes.push("derived");
        if (c?.locked) classes.push("locked");
        if (mismatch) classes.push("gap");
        const revised = c && c.baseline !== null && c.baseline !== undefined && c.baseline !== c.value;
        if (revised) classes.push("revised");
        if (this.showBaseline && c && c.id !== null) classes.push("baseline");
        if (i === this.active.row && ci === this.active.col) classes.push("active");
        else if (sel && i >= sel.r0 && i <= sel.r1 && ci >= sel.c0 && ci <= sel.c1) classes.push("selected");
        return h(
          "div",
          {
            class: classes.join(" "),
            "data-row": i,
            "data-col": ci,
            "data-unit": r.name,
            "data-member": r.dimensionName ?? "",
            "data-period": col.key,
            "data-value": c?.value ?? "",
            "data-baseline": c?.baseline ?? "",
            title: mismatch
              ? t("grid.gapTip", { sum: yuan(r.childrenSum), diff: yuan(r.childrenSum - c.value) })
              : revised ? t("grid.revisedTip", { baseline: yuan(c.baseline), now: yuan(c.value) }) : null,
            onclick: (e) => this.pick(i, ci, e.shiftKey),
            ondblclick: () => this.edit(),
          },
          c?.locked ? h("span", { class: "lock", role: "img", "aria-label": t("grid.locked"), title: t("grid.locked") }) : null,
          !c ? "—" : this.showBaseline && c.id !== null ? (c.baseline === null ? t("grid.newSinceApproval") : yuan(c.baseline)) : yuan(c.value),
        );
      });
      const ci = this.grid.columns.length;
      const yearValue = r.cells[ci - 1]?.value ?? null;
      const bottomUpGap = r.childrenCommitments !== null && yearValue !== null && this.tier === "base" && r.childrenCommitments !== yearValue;
      cells.push(
        h(
          "div",
          {
            class: `tg-cell num commit${bottomUpGap ? " gap" : ""}${i === this.active.row && ci === this.active.col ? " active" : ""}`,
            "data-row": i,
            "data-col": ci,
            "data-unit": r.name,
            "data-member": r.dimensionName ?? "",
            "data-period": "commitment",
            "data-value": r.commitment ?? "",
            title: r.childrenCommitments !== null ? t("grid.commitTip", { sum: yuan(r.childrenCommitments), diff: yuan(r.childrenCommitments - (yearValue ?? 0)) }) : null,
            onclick: (e) => this.pick(i, ci, e.shiftKey),
            ondblclick: () => this.edit(),
          },
          r.commitment !== null ? yuan(r.commitment) : r.childrenCommitments !== null ? h("span", { class: "muted" }, `Σ ${yuan(r.childrenCommitments)}`) : "—",
        ),
      );
      out.push(
        h(
          "div",
          { class: `tg-row depth-${r.depth} ${member ? "member" : r.kind}`, style: `top:${i * ROW_H}px`, "data-unit-row": member ? `${r.name}/${r.dimensionName}` : r.name },
          h(
            "div",
            { class: "tg-name", style: `padding-left:${8 + r.depth * 16}px`, title: member ? `${r.name} · ${label}` : null },
            r.hasChildren || (this.grid.cross && !member)
              ? h("button", { class: "g-toggle", onclick: () => this.toggle(r.unitId) }, this.collapsed.has(r.unitId) ? "▸" : "▾")
              : h("span", { class: "g-toggle-space" }),
            label,
          ),
          cells,
        ),
      );
    }
    fill(this.body, ...out);
    this.body.style.width = this.spacer.style.width;
    this.placeEditor();
  }

  /** Keeps the idle editor over the active cell, holding its plain text. */
  placeEditor() {
    const { row, col } = this.active;
    const el = this.body.querySelector(`.tg-cell[data-row="${row}"][data-col="${col}"]`);
    const c = this.cell();
    const text = c && c.value !== null && c.value !== undefined ? yuan(c.value).replace(/,/g, "") : "";
    this.editor.place({
      top: this.body.offsetTop + row * ROW_H,
      left: el ? el.offsetLeft : NAME_W + col * CELL_W,
      width: el ? el.offsetWidth : CELL_W,
      height: ROW_H,
    }, text);
  }

  toggle(unitId) {
    if (this.collapsed.has(unitId)) this.collapsed.delete(unitId);
    else this.collapsed.add(unitId);
    this.layout();
  }

  selection() {
    if (!this.anchor) return null;
    const a = this.anchor;
    const b = this.active;
    return { r0: Math.min(a.row, b.row), r1: Math.max(a.row, b.row), c0: Math.min(a.col, b.col), c1: Math.max(a.col, b.col) };
  }

  pick(row, col, extend = false) {
    if (extend) this.anchor ??= { ...this.active };
    else this.anchor = null;
    this.active = { row, col };
    const top = row * ROW_H;
    if (top < this.scroller.scrollTop + ROW_H) this.scroller.scrollTop = Math.max(0, top - ROW_H);
    else if (top + 2 * ROW_H > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = top + 2 * ROW_H - this.scroller.clientHeight;
    // Sideways too: the cell clear of the sticky name column and of the right edge.
    const left = NAME_W + col * CELL_W;
    if (left < this.scroller.scrollLeft + NAME_W) this.scroller.scrollLeft = left - NAME_W;
    else if (left + CELL_W > this.scroller.scrollLeft + this.scroller.clientWidth) this.scroller.scrollLeft = left + CELL_W - this.scroller.clientWidth;
    this.renderRows();
    this.editor.focus();
    this.showPanel();
  }

  /** The cell at (row, col); the last column is the row's commitment (kept on its year cell). */
  cell(row = this.active.row, col = this.active.col) {
    const r = this.rows[row];
    if (!r) return null;
    if (col === this.grid.columns.length) {
      return r.yearId === null ? null : { id: r.yearId, value: r.commitment, commitment: true, locked: false };
    }
    return r.cells[col] ?? null;
  }

  /** A grid key on an idle cell (see targets/keys.js). */
  onKey(action) {
    if (action.kind === "move") {
      const to = moved(this.active, action.move, this.rows.length, this.colCount);
      this.pick(to.row, to.col, action.extend);
    } else if (action.kind === "edit") {
      this.edit();
    } else if (action.kind === "undo") {
      this.undo();
    } else if (action.kind === "redo") {
      this.redo();
    }
  }

  /** Whether the active cell takes a typed value; says why not when it does not. */
  editable() {
    if (this.showBaseline) {
      this.app.showError({ code: "baseline_read_only", message: t("grid.baselineReadOnly") });
      return false;
    }
    const c = this.cell();
    if (!c) return false;
    if (c.id === null) {
      this.app.showError({ code: "derived_cell", message: t(this.grid.columns[this.active.col]?.kind === "week" ? "grid.derivedWeek" : "grid.derived") });
      return false;
    }
    return true;
  }

  /** F2, Enter or a double click: edits the active cell's current value in place. */
  edit() {
    if (!this.editable()) return;
    const c = this.cell();
    this.editor.begin(c.value === null ? "" : yuan(c.value).replace(/,/g, ""));
  }

  /** The editor's text committed (Enter, Tab or leaving the cell), then the move. */
  async commitText(text, move) {
    const c = this.cell();
    const at = { ...this.active };
    if (c && c.commitment) {
      const trimmed = text.trim();
      const fen = trimmed === "" ? null : parseMoney(trimmed);
      if (trimmed !== "" && fen === null) this.app.showError({ code: "bad_amount", message: t("grid.badAmount", { text: trimmed }) });
      else if (fen !== c.value) await this.change(async () => [await call("targets_commit", { id: c.id, commitment: fen })], false);
    } else if (c && c.id !== null && text.trim() !== "") {
      const fen = parseMoney(text);
      if (fen === null) {
        this.app.showError({ code: "bad_amount", message: t("grid.badAmount", { text }) });
      } else if (fen !== c.value) {
        await this.setCell(c.id, fen);
      }
    }
    if (move) {
      const to = moved(at, move, this.rows.length, this.colCount);
      this.pick(to.row, to.col);
    } else {
      this.renderRows();
    }
  }

  /** The reason an approved plan's change needs; asked once, reused until changed. */
  async needReason() {
    if (!this.grid.approved || this.reason) return this.reason;
    return this.askReason(false);
  }

  askReason(change) {
    return new Promise((resolve) => {
      const category = h("select", { name: "category" }, REASONS.map((r) => h("option", { value: r, selected: r === (this.reason?.category ?? "market") }, t(`reason.${r}`))));
      const text = h("input", { type: "text", name: "reason", value: this.reason?.text ?? "", placeholder: t("grid.reasonPlaceholder"), style: "width:280px" });
      const d = this.reasonDialog;
      const close = (ok) => {
        d.close();
        if (ok) this.reason = { category: category.value, text: text.value.trim() };
        this.reasonChip.textContent = this.reason ? t("grid.reasonChip", { reason: this.reason.text || t(`reason.${this.reason.category}`) }) : t("grid.reasonNone");
        resolve(ok ? this.reason : change ? this.reason : null);
      };
      fill(d,
        h("h2", {}, t("grid.reasonTitle")),
        h("p", { class: "muted" }, t("grid.reasonHint")),
        h("label", {}, t("grid.reasonCategory"), " ", category),
        h("div", { style: "margin-top:8px" }, h("label", {}, t("grid.reasonText"), " ", text)),
        h("div", { class: "actions" },
          h("button", { id: "reason-ok", onclick: () => close(true) }, t("gantt.ok")),
          h("button", { onclick: () => close(false) }, t("gantt.cancel"))),
      );
      d.showModal();
    });
  }

  /** Runs a change with undo; `run` returns the snapshots to restore. */
  async change(run, needsReason = true) {
    const reason = needsReason ? await this.needReason() : this.reason;
    if (needsReason && this.grid.approved && !reason) return;
    try {
      const before = await run(reason);
      const step = { before, redo: run, reason };
      this.undoStack.push(step);
      this.redoStack = [];
    } catch (err) {
      this.app.showError(err);
    }
    this.sync();
    await this.reload();
    this.showPanel();
  }

  async undo() {
    const step = this.undoStack.pop();
    if (!step) return;
    try {
      if (step.before.ratios) {
        await call("targets_restore_ratios", { previous: step.before.ratios, before: step.before.cells, reason: step.reason });
      } else {
        await call("targets_restore", { cells: step.before, reason: step.reason });
      }
      this.redoStack.push(step);
    } catch (err) {
      this.app.showError(err);
    }
    this.sync();
    await this.reload();
  }

  async redo() {
    const step = this.redoStack.pop();
    if (!step) return;
    try {
      step.before = await step.redo(step.reason);
      this.undoStack.push(step);
    } catch (err) {
      this.app.showError(err);
    }
    this.sync();
    await this.reload();
  }

  sync() {
    this.undoButton.disabled = !this.undoStack.length;
    this.redoButton.disabled = !this.redoStack.length;
  }

  setCell(id, value) {
    return this.change(async (reason) => [await call("targets_set", { id, tier: this.tier, value, reason })]);
  }

  toggleLock() {
    const c = this.cell();
    if (!c || c.id === null || c.commitment) return;
    const locked = !c.locked;
    return this.change(async () => [await call("targets_lock", { id: c.id, locked })]);
  }

  /** The plan's tier ratios: floor and challenge as % of base, and an optional sprint tier. */
  editRatios() {
    const r = this.grid.ratios;
    const pct = (bp) => (bp / 100).toFixed(2);
    const input = (name, bp) => h("input", { type: "number", step: "0.01", min: "0", name, value: bp === null ? "" : pct(bp), style: "width:90px" });
    const floor = input("floor", r.floorBp);
    const challenge = input("challenge", r.challengeBp);
    const sprintOn = h("input", { type: "checkbox", name: "sprintOn", checked: r.sprintBp !== null });
    const sprint = input("sprint", r.sprintBp ?? Math.max(r.challengeBp + 1000, 15000));
    const status = h("p", { class: "warn-text", "data-testid": "ratios-status" });
    const d = this.ratiosDialog;
    const apply = async () => {
      const bp = (el) => Math.round(Number.parseFloat(el.value) * 100);
      const ratios = { floorBp: bp(floor), challengeBp: bp(challenge), sprintBp: sprintOn.checked ? bp(sprint) : null };
      if ([ratios.floorBp, ratios.challengeBp, ratios.sprintBp ?? 0].some((v) => !Number.isFinite(v))) {
        status.textContent = t("grid.ratiosBad");
        return;
      }
      d.close();
      await this.change(async (reason) => {
        const out = await call("targets_set_ratios", { ratios, reason });
        return { ratios: out.previous, cells: out.before };
      });
    };
    fill(d,
      h("h2", {}, t("grid.ratiosTitle")),
      h("p", { class: "muted" }, t("grid.ratiosHint")),
      h("div", { class: "form-line" }, h("label", {}, t("tier.floor"), " ", floor, " %")),
      h("div", { class: "form-line" }, h("label", {}, t("tier.challenge"), " ", challenge, " %")),
      h("div", { class: "form-line" }, h("label", {}, sprintOn, " ", t("tier.sprint"), " ", sprint, " %")),
      status,
      h("div", { class: "actions" }, h("button", { id: "ratios-ok", onclick: apply }, t("grid.apply")), h("button", { onclick: () => d.close() }, t("gantt.cancel"))),
    );
    d.showModal();
  }

  /** Approves a draft plan: asks who approves; the values become the baseline. */
  approve() {
    const d = this.approveDialog;
    const who = h("input", { type: "text", name: "approver", value: "", placeholder: t("grid.approverPlaceholder"), style: "width:220px" });
    const status = h("p", { class: "warn-text" });
    const ok = h("button", { id: "approve-ok", onclick: async () => {
      try {
        await call("targets_approve", { approver: who.value });
      } catch (err) {
        status.textContent = err.message;
        return;
      }
      d.close();
      this.undoStack = [];
      this.redoStack = [];
      this.sync();
      this.app.showNotice(t("grid.approved.notice", { who: who.value.trim() }));
      await this.reload();
    } }, t("grid.approve"));
    fill(d,
      h("h2", {}, t("grid.approveTitle")),
      h("p", { class: "muted" }, t("grid.approveHint")),
      h("label", {}, t("grid.approver"), " ", who),
      status,
      h("div", { class: "actions" }, ok, h("button", { onclick: () => d.close() }, t("gantt.cancel"))),
    );
    d.showModal();
    who.focus();
  }

  /** Stores the active row's weeks from its months, so they can be edited and locked. */
  storeWeeks() {
    const r = this.rows?.[this.active.row];
    if (!r || r.yearId === null) {
      this.app.showError({ code: "split_needs_cell", message: t("grid.splitNeedsCell") });
      return;
    }
    return this.change(async (reason) => call("targets_store_weeks", { id: r.yearId, reason }));
  }

  async exportGrid(format) {
    await this.app.saveFile("targets_export", { tier: this.tier, view: this.view, cross: this.cross || null, format });
  }

  /** The side panel: SMART check, the bottom-up gap with reconcile, and the revision history. */
  async showPanel() {
    // Clicks come faster than details load: only the newest request may fill the panel.
    const current = (this.panels ??= newestOnly())();
    const c = this.cell();
    const r = this.rows[this.active.row];
    const col = this.grid.columns[this.active.col];
    if (c && c.id === null && col?.kind === "quarter") {
      await this.showQuarter(r, col, current);
      return;
    }
    const id = c?.commitment ? c.id : c?.id;
    if (!id) {
      fill(this.panel, h("p", { class: "muted" }, t("grid.panelHint")));
      return;
    }
    let d;
    try {
      d = await call("targets_detail", { id });
    } catch (err) {
      if (current()) this.app.showError(err);
      return;
    }
    if (!current()) return;
    const l = lang();
    const check = (ok, key) => h("li", { class: ok === null ? "muted" : ok ? "ok" : "no" }, ok === null ? "–" : ok ? "✓" : "✗", " ", t(`smart.${key}`));
    const gap = d.gap
      ? h("div", { "data-testid": "bottom-up" },
          h("h3", {}, t("grid.bottomUp")),
          h("p", {}, t("grid.bottomUpLine", { sum: yuan(d.gap.commitments), target: yuan(d.gap.target), diff: yuan(d.gap.gap), missing: d.gap.missing })),
          h("div", { class: "actions" },
            h("button", { class: "tb", id: "reconcile-scale", onclick: () => this.change(async (reason) => call("targets_reconcile", { id, way: "scaleCommitments", reason })) }, t("grid.reconcileScale")),
            h("button", { class: "tb", id: "reconcile-target", onclick: () => this.change(async (reason) => call("targets_reconcile", { id, way: "targetToCommitments", reason })) }, t("grid.reconcileTarget"))))
      : null;
    const isYear = !c.commitment && col?.kind === "year";
    const revise = isYear
      ? (() => {
          const input = h("input", { type: "text", id: "revise-value", placeholder: t("grid.revisePlaceholder"), style: "width:150px" });
          return h("div", { "data-testid": "revise", "data-unit": r.name },
            h("h3", {}, t("grid.revise")),
            h("p", { class: "muted" }, t("grid.reviseHint")),
            h("div", { class: "actions" }, input,
              h("button", { class: "tb", id: "revise-apply", onclick: () => {
                const fen = parseMoney(input.value);
                if (fen === null) {
                  this.app.showError({ code: "bad_amount", message: t("grid.badAmount", { text: input.value }) });
                  return;
                }
                this.change(async (reason) => call("targets_revise", { id, base: fen, reason }));
              } }, t("grid.reviseApply"))));
        })()
      : null;
    const formula = isYear && this.tier === "base" ? this.formulaSection(id, c.value) : null;
    fill(this.panel,
      h("h2", {}, `${r.name} · ${d.period}`),
      revise,
      formula,
      h("h3", {}, "SMART"),
      h("ul", { class: "smart", "data-testid": "smart" },
        check(d.smart.specific, "specific"), check(d.smart.measurable, "measurable"), check(d.smart.achievable, "achievable"),
        check(d.smart.relevant, "relevant"), check(d.smart.timeBound, "timeBound")),
      d.smart.flags.length ? h("ul", { class: "flags" }, d.smart.flags.map((f) => h("li", {}, l === "zh-CN" ? f.zh : f.en))) : null,
      d.lastYearActual !== null ? h("p", { class: "muted" }, t("grid.lastYear", { v: yuan(d.lastYearActual) })) : null,
      gap,
      h("h3", {}, t("grid.revisions")),
      d.revisions.length
        ? h("ol", { class: "revisions", "data-testid": "revisions" }, d.revisions.map((v) =>
            h("li", {}, t("grid.revisionLine", { at: v.at.replace("T", " ").slice(0, 16), who: v.who, tier: t(`tier.${v.tier}`), from: yuan(v.oldValue), to: yuan(v.newValue), why: `${t(`reason.${v.reasonCategory}`)}${v.reason ? `：${v.reason}` : ""}` }))))
        : h("p", { class: "muted" }, t("grid.noRevisions")),
    );
  }

  /** Formula target (seed 001): revenue = new customers × average order value × repurchase rate. */
  formulaSection(id, target) {
    const customers = h("input", { type: "number", min: "0", step: "1", value: "1000", "data-driver": "newCustomers", style: "width:90px" });
    const aov = h("input", { type: "text", value: "", "data-driver": "avgOrderValue", style: "width:110px" });
    const rate = h("input", { type: "number", min: "0", step: "0.01", value: "150", "data-driver": "repurchase", style: "width:80px" });
    const solveFor = h("select", { "data-driver": "solveFor" },
      ["avgOrderValue", "newCustomers", "repurchaseRate", ""].map((v) => h("option", { value: v }, t(`formula.solve.${v || "none"}`))));
    const out = h("p", { "data-testid": "formula-result" });
    const apply = h("button", { class: "tb", id: "formula-apply", hidden: true }, t("formula.apply"));
    let last = null;
    const runs = newestOnly();
    const run = async () => {
      const current = runs();
      const drivers = {
        newCustomers: Number.parseInt(customers.value || "0", 10),
        avgOrderValue: parseMoney(aov.value || "0") ?? 0,
        repurchaseBp: Math.round(Number.parseFloat(rate.value || "0") * 100),
      };
      let answer;
      try {
        answer = await call("targets_formula", { revenue: target, drivers, solveFor: solveFor.value || null });
      } catch (err) {
        if (current()) out.textContent = err.message;
        return;
      }
      if (!current()) return;
      last = answer;
      const dv = last.drivers;
      customers.value = dv.newCustomers;
      aov.value = yuan(dv.avgOrderValue).replace(/,/g, "");
      rate.value = (dv.repurchaseBp / 100).toFixed(2);
      out.textContent = t("formula.result", {
        customers: dv.newCustomers, aov: yuan(dv.avgOrderValue), rate: (dv.repurchaseBp / 100).toFixed(2), revenue: yuan(last.revenue), surplus: yuan(last.surplus),
      });
      apply.hidden = last.revenue === target;
    };
    apply.addEventListener("click", () => this.change(async (reason) => [await call("targets_set", { id, tier: "base", value: last.revenue, reason })]));
    for (const el of [customers, aov, rate, solveFor]) el.addEventListener("change", run);
    queueMicrotask(run);
    return h("div", { "data-testid": "formula" },
      h("h3", {}, t("formula.title")),
      h("div", { class: "form-line" }, h("label", {}, t("formula.customers"), " ", customers)),
      h("div", { class: "form-line" }, h("label", {}, t("formula.aov"), " ", aov)),
      h("div", { class: "form-line" }, h("label", {}, t("formula.rate"), " ", rate, " %")),
      h("div", { class: "form-line" }, h("label", {}, t("formula.solveFor"), " ", solveFor)),
      out, apply);
  }

  /** A derived quarter: its months, re-paced as long as their total holds. */
  async showQuarter(r, col, current) {
    let months;
    try {
      months = await call("targets_quarter", { unitId: r.unitId, quarter: col.key });
    } catch (err) {
      if (current()) this.app.showError(err);
      return;
    }
    if (!current()) return;
    const total = months.reduce((a, m) => a + m.tiers.base, 0);
    const inputs = months.map((m) => h("input", { type: "text", "data-month": m.period, value: yuan(m.tiers.base).replace(/,/g, ""), style: "width:140px" }));
    const status = h("p", { class: "muted", "data-testid": "repace-status" });
    const apply = h("button", { class: "tb", id: "repace-apply" }, t("grid.repaceApply"));
    const check = () => {
      const values = inputs.map((i) => parseMoney(i.value));
      const sum = values.reduce((a, v) => a + (v ?? 0), 0);
      const ok = values.every((v) => v !== null && v >= 0) && sum === total;
      status.textContent = ok ? t("grid.repaceOk") : t("grid.repaceSum", { sum: yuan(sum), total: yuan(total) });
      apply.disabled = !ok;
      return values;
    };
    inputs.forEach((i) => i.addEventListener("input", check));
    apply.addEventListener("click", () => {
      const bases = check();
      this.change(async (reason) => call("targets_repace", { unitId: r.unitId, quarter: col.key, bases, reason }));
    });
    check();
    fill(this.panel,
      h("h2", {}, `${r.name} · ${col.key}`),
      h("h3", {}, t("grid.repace")),
      h("p", { class: "muted" }, t("grid.repaceHint", { total: yuan(total) })),
      ...months.map((m, i) => h("div", { class: "form-line" }, h("label", {}, t("grid.month", { m: Number(m.period.slice(5)) }), " ", inputs[i]))),
      status,
      h("div", { class: "actions" }, apply),
    );
  }

  onCopy(e) {
    if (this.editor.editing || (e.target.tagName === "INPUT" && e.target !== this.editor.input)) return;
    const s = this.selection() ?? { r0: this.active.row, r1: this.active.row, c0: this.active.col, c1: this.active.col };
    const lines = [];
    for (let r = s.r0; r <= s.r1; r++) {
      const row = [];
      for (let c = s.c0; c <= s.c1; c++) {
        const cell = this.cell(r, c);
        row.push(cell ? yuan(cell.value).replace(/,/g, "") : "");
      }
      lines.push(row.join("\t"));
    }
    e.clipboardData.setData("text/plain", lines.join("\r\n"));
    e.preventDefault();
  }

  /** Pastes a block copied from Excel (tab-separated) at the active cell, as one undoable step. */
  async onPaste(e) {
    if (this.editor.editing || (e.target.tagName === "INPUT" && e.target !== this.editor.input)) return;
    e.preventDefault();
    const text = e.clipboardData.getData("text/plain");
    const lines = text.replace(/\r/g, "").split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
    const edits = [];
    for (let i = 0; i < lines.length; i++) {
      const values = lines[i].split("\t");
      for (let j = 0; j < values.length; j++) {
        const cell = this.cell(this.active.row + i, this.active.col + j);
        if (!cell || cell.id === null || cell.commitment || values[j].trim() === "") continue;
        const fen = parseMoney(values[j]);
        if (fen === null) {
          this.app.showError({ code: "bad_amount", message: t("grid.badAmount", { text: values[j] }) });
          return;
        }
        if (fen !== cell.value) edits.push({ id: cell.id, value: fen });
      }
    }
    if (!edits.length) return;
    await this.change(async (reason) => {
      const before = [];
      for (const ed of edits) before.push(await call("targets_set", { id: ed.id, tier: this.tier, value: ed.value, reason }));
      return before;
    });
  }

  openSplit() {
    const c = this.cell();
    const col = this.grid.columns[this.active.col];
    if (!c || c.id === null || c.commitment) {
      this.app.showError({ code: "split_needs_cell", message: t("grid.splitNeedsCell") });
      return;
    }
    const row = this.rows[this.active.row];
    const member = row.dimensionId !== null;
    const axes = [
      row.hasChildren ? "org" : null,
      col.kind === "year" ? "months" : null,
      this.grid.cross && !member ? "dimension" : null,
    ].filter(Boolean);
    if (!axes.length) {
      this.app.showError({ code: "split_nothing", message: t("grid.splitNothing") });
      return;
    }
    const d = this.splitDialog;
    const dimName = t(`grid.cross.${this.grid.cross || "none"}`);
    const axis = h("select", { name: "axis" }, axes.map((a) => h("option", { value: a }, t(`grid.axis.${a}`, { dim: dimName }))));
    const axisValue = () => (axis.value === "dimension" ? { dimension: this.grid.cross } : axis.value);
    const method = h("select", { name: "method" });
    const percents = h("div", { class: "percents" });
    const preview = h("table", { class: "preview", "data-testid": "split-preview" });
    const status = h("p", { class: "muted", "data-testid": "split-status" });
    const apply = h("button", { id: "split-apply" }, t("grid.apply"));
    let labels = [];
    const inputs = (attr) => [...percents.querySelectorAll(`input[${attr}]`)];
    const choice = () => {
      if (method.value === "percent") {
        return { method: "percent", bp: inputs("data-percent").map((i) => Math.round(Number.parseFloat(i.value || "0") * 100)) };
      }
      if (method.value === "potential") {
        return { method: "potential", weights: inputs("data-potential").map((i) => Math.round(Number.parseFloat(i.value || "0"))) };
      }
      if (method.value === "blend") {
        const drivers = inputs("data-blend")
          .map((i) => ({ method: i.dataset.blend, weightBp: Math.round(Number.parseFloat(i.value || "0") * 100) }))
          .filter((d) => d.weightBp !== 0);
        return { method: "blend", drivers };
      }
      return { method: method.value };
    };
    // Each input fires a preview; only the latest may write, so a slow earlier answer never
    // shows figures for inputs the user has already changed.
    const previews = newestOnly();
    const refresh = async () => {
      const current = previews();
      const ch = choice();
      const shares = ch.method === "percent" ? ch.bp : ch.method === "blend" ? ch.drivers.map((d) => d.weightBp) : null;
      if (shares) {
        const total = shares.reduce((a, b) => a + b, 0);
        if (total !== 10000) {
          status.textContent = t(ch.method === "blend" ? "grid.blendTotal" : "grid.percentTotal", { total: (total / 100).toFixed(2) });
          preview.replaceChildren();
          apply.disabled = true;
          return;
        }
      }
      if (ch.method === "potential" && ch.weights.some((w) => !Number.isFinite(w) || w < 0)) {
        status.textContent = t("grid.potentialBad");
        preview.replaceChildren();
        apply.disabled = true;
        return;
      }
      try {
        const out = await call("targets_split", { id: c.id, axis: axisValue(), choice: ch, reason: this.reason, preview: true });
        if (!current()) return;
        const tier = this.tier;
        const sum = out.parts.reduce((a, p) => a + p.tiers[tier], 0);
        fill(preview,
          h("tr", {}, h("th", {}, t("grid.unit")), h("th", { class: "num" }, t(`tier.${tier}`))),
          ...out.parts.map((p) => h("tr", { "data-part": p.label }, h("td", {}, p.locked ? h("span", { class: "lock", role: "img", "aria-label": t("grid.locked") }) : null, p.label), h("td", { class: "num" }, yuan(p.tiers[tier])))),
          h("tr", { class: "total" }, h("td", {}, t("grid.total")), h("td", { class: "num", "data-testid": "split-total" }, yuan(sum))),
        );
        status.textContent = t("grid.previewNote");
        apply.disabled = false;
      } catch (err) {
        if (!current()) return;
        status.textContent = err.message;
        apply.disabled = true;
      }
    };
    const fillMethods = async () => {
      fill(method, ...METHODS[axis.value].map((m) => h("option", { value: m }, t(`grid.method.${m}`))));
      percents.replaceChildren();
      // The parts' names, for the percentage inputs.
      try {
        const even = await call("targets_split", { id: c.id, axis: axisValue(), choice: { method: "even" }, reason: this.reason, preview: true });
        labels = even.parts.map((p) => p.label);
      } catch {
        labels = [];
      }
      await refresh();
    };
    let loading = null;
    method.addEventListener("change", async () => {
      await loading;
      if (method.value === "percent") {
        fill(percents, ...labels.map((l) => h("label", {}, l, " ", h("input", { type: "number", step: "0.01", min: "0", "data-percent": l, oninput: refresh, style: "width:80px" }), " %")));
      } else if (method.value === "potential") {
        fill(percents, h("p", { class: "muted small" }, t("grid.potentialHint")),
          ...labels.map((l) => h("label", {}, l, " ", h("input", { type: "number", step: "1", min: "0", value: "1", "data-potential": l, oninput: refresh, style: "width:90px" }))));
      } else if (method.value === "blend") {
        const drivers = BLEND_DRIVERS[axis.value];
        fill(percents, h("p", { class: "muted small" }, t("grid.blendHint")),
          ...drivers.map((m, i) => h("label", {}, t(`grid.method.${m}`), " ", h("input", { type: "number", step: "0.01", min: "0", value: i === 0 ? "100" : "0", "data-blend": m, oninput: refresh, style: "width:80px" }), " %")));
      } else {
        percents.replaceChildren();
      }
      refresh();
    });
    axis.addEventListener("change", () => { loading = fillMethods(); });
    apply.addEventListener("click", async () => {
      d.close();
      const ch = choice();
      const a = axisValue();
      await this.change(async (reason) => (await call("targets_split", { id: c.id, axis: a, choice: ch, reason, preview: false })).before);
    });
    fill(d,
      h("h2", {}, t("grid.splitTitle", { unit: row.name, period: columnLabel(col) })),
      h("div", { class: "form-row" }, h("label", {}, t("grid.axisLabel"), " ", axis), h("label", {}, t("grid.methodLabel"), " ", method)),
      percents,
      preview,
      status,
      h("div", { class: "actions" }, apply, h("button", { onclick: () => d.close() }, t("gantt.cancel"))),
    );
    loading = fillMethods();
    d.showModal();
  }
}

customElements.define("tl-targets", TlTargets);
