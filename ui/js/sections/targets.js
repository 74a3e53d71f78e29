// <tl-targets>: the target grid. The organisation down the side, periods across, one tier at a
// time; Excel-like keys, paste from Excel, locks, a split dialog with a live preview, undo/redo.
// Every change goes to Rust; the grid loads again from what was stored. A section (see
// section.js): only the newest load draws, errors show in the banner, and the undo history is the
// section's navigation state (kept while the workspace stays open, forgotten when another opens).
// What has no DOM lives in targets/model.js and the edits, undo and reasons in targets/edits.js
// (both node-tested); the rows, toolbar, dialogs and panels are drawn by the views in targets/.

import { call } from "../api.js";
import { fill, h, listenUndoKeys } from "../dom.js";
import { t } from "../i18n.js";
import { shortcut } from "../keys.js";
import { Section } from "../section.js";
import { CellEditor } from "../targets/editor.js";
import { CELL_W, NAME_W, ROW_H, columnLabel } from "../targets/columns.js";
import { askReason } from "../targets/dialogs.js";
import { showPanel } from "../targets/panel.js";
import { showCheck } from "../targets/rules.js";
import { askChoice } from "../targets/choice.js";
import { GridEdits } from "../targets/edits.js";
import { cellAt, notEditable, plainAmount, scrollToShow, selectionBox, visibleRows } from "../targets/model.js";
import { listenClipboard } from "../targets/clipboard.js";
import { moved } from "../targets/keys.js";
import { paintRows } from "../targets/rows.js";
import { gridToolbar, planStatus } from "../targets/toolbar.js";
import { showRevisions } from "../targets/revisions.js";
import { activeCell, closeCellMenu, openCellMenu } from "../targets/cell_menu.js";
import { CODES } from "../error_codes.js";

class TlTargets extends Section {
  constructor() {
    super();
    this.tier = "base";
    this.view = "month";
    this.cross = "";
    this.showBaseline = false;
    this.collapsed = new Set();
    this.active = { row: 0, col: 0 };
    this.anchor = null;
    this.checks = 0;
    this.reason = null;
  }

  async connectedCallback() {
    // The undo history outlives the section: a redrawn grid offers undo/redo at once.
    this.nav = this.navState(() => ({ history: { undo: [], redo: [] } }));
    this.edits = new GridEdits(this.editsPort(), this.nav.history);
    this.body = h("div", { class: "tg-rows" });
    this.drawn = null; // the rows drawn in this body (see targets/rows.js)
    this.head = h("div", { class: "tg-head" });
    this.spacer = h("div", { class: "tg-spacer" });
    this.scroller = h("div", { class: "tg-scroller", tabindex: "0", "data-testid": "target-grid" }, this.head, this.spacer, this.body);
    this.splitDialog = h("dialog", { class: "card split-dialog", "data-testid": "split-dialog" });
    this.reasonDialog = h("dialog", { class: "card", "data-testid": "reason-dialog" });
    this.approveDialog = h("dialog", { class: "card", "data-testid": "approve-dialog" });
    this.ratiosDialog = h("dialog", { class: "card", "data-testid": "ratios-dialog" });
    this.choiceDialog = h("dialog", { class: "card", "data-testid": "choice-dialog" });
    this.rulesDialog = h("dialog", { class: "card", "data-testid": "rules-dialog" });
    this.commitDialog = h("dialog", { class: "card", "data-testid": "commit-dialog" });
    this.revisionsDialog = h("dialog", { class: "card rev-dialog", "data-testid": "revisions-dialog" });
    this.panel = h("aside", { class: "tg-panel card", "data-testid": "cell-panel" });
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("nav.targets")),
        h("div", { class: "tg-title-line" }, h("p", { class: "muted", "data-testid": "grid-title" }), planStatus(this))),
      gridToolbar(this),
      this.hintLine = h("p", { class: "tg-hint", role: "status", "data-testid": "grid-hint", hidden: true }),
      h("div", { class: "tg-layout" }, this.scroller, this.panel),
      h("p", { class: "muted small tg-keys" }, t("grid.keys", { undo: shortcut("Mod+Z") })),
      this.splitDialog,
      this.reasonDialog,
      this.approveDialog,
      this.ratiosDialog,
      this.choiceDialog,
      this.rulesDialog,
      this.commitDialog,
      this.revisionsDialog,
    );
    this.editor = new CellEditor({
      onKey: (action) => this.onKey(action),
      onStart: () => this.editable(),
      onCommit: (text, move) => this.commitText(text, move),
      onCancel: () => this.renderRows(),
    });
    this.scroller.append(this.editor.input);
    this.scroller.addEventListener("scroll", () => this.renderRows());
    listenClipboard(this);
    // A cell's context menu (its revisions, its unit's commitment sheets); Alt+H: its revisions.
    this.scroller.addEventListener("contextmenu", (e) => openCellMenu(this, e));
    this.scroller.addEventListener("keydown", (e) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === "h" && !this.editor.editing) {
        e.preventDefault();
        showRevisions(this, activeCell(this));
      }
    });
    this.stopUndoKeys = listenUndoKeys(() => this.undo(), () => this.redo());
    this.sync();
    await this.load();
    await showPanel(this);
  }

  disconnectedCallback() {
    this.stopUndoKeys?.();
    closeCellMenu(this);
  }

  /** The plan the grid shows, for the target tree's commands. */
  plan() {
    return this.grid ? { year: this.grid.fiscalYear } : null;
  }

  get history() {
    return this.nav.history;
  }

  /**
   * Loads the grid and draws it at once, then the plan's consistency check and its marks (on a
   * large organisation the check takes longer than the grid). Only the newest load draws; the
   * promise settles when its check is drawn too. Resolves to whether it drew.
   */
  async load() {
    const drew = await this.loadNewest(() => this.readGrid(), (grid) => { this.grid = grid; });
    if (drew) await this.checkPending;
    return drew;
  }

  async readGrid() {
    try {
      return await call("targets_grid", { tier: this.tier, view: this.view, cross: this.cross || null });
    } catch (err) {
      // The plan's sprint tier was turned off (here, by undo or elsewhere): show the base.
      if (err.code === CODES.sprint_tier_off && this.tier === "sprint") {
        this.tier = "base";
        return this.readGrid();
      }
      throw err;
    }
  }

  /** The grid just loaded: its marks wait for its own check, then the grid is drawn. */
  render() {
    // The last check's marks may be out of date: none until this grid's check arrives.
    this.check = null;
    this.outside = null;
    this.checkPending = this.loadCheck(++this.checks, this.grid.fiscalYear);
    this.drawGrid();
  }

  /** The plan's check number `load`, drawn when it is still the newest. */
  async loadCheck(load, year) {
    let check;
    try {
      check = await call("targets_check", { plan: { year } });
    } catch {
      check = null; // a plan the tree cannot read (a non-additive metric): no marks
    }
    if (load !== this.checks) return;
    this.check = check;
    this.outside = new Map((check?.org ?? []).map((a) => [`${a.unitId}/${a.dimensionId ?? ""}/${a.period}`, a]));
    this.checkPending = null;
    this.renderRows();
  }

  /** The grid just loaded: its title, the toolbar's state and the rows. */
  drawGrid() {
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
    this.rows = visibleRows(g.rows, this.collapsed);
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
    // Where the rows start below the sticky head (read once here, never while scrolling).
    this.bodyTop = this.body.offsetTop;
    this.active.row = Math.min(this.active.row, this.rows.length - 1);
    this.active.col = Math.min(this.active.col, this.colCount - 1);
    this.renderRows();
  }

  renderRows() {
    if (!this.rows) return;
    paintRows(this);
    this.body.style.width = this.spacer.style.width;
    this.placeEditor();
  }

  /** A hint (what to do instead), shown beside the grid as a hint, not as an error. */
  hint(text) {
    this.hintLine.textContent = text;
    this.hintLine.hidden = false;
    clearTimeout(this.hintTimer);
    this.hintTimer = setTimeout(() => { this.hintLine.hidden = true; }, 8000);
  }

  /** Keeps the idle editor over the active cell, holding its plain text. Every cell has the
   * same width, so its place is computed: no layout is read while scrolling. */
  placeEditor() {
    const { row, col } = this.active;
    const c = this.cell();
    const text = c ? plainAmount(c.value) : "";
    this.editor.place({
      top: this.bodyTop + row * ROW_H,
      left: NAME_W + col * CELL_W,
      width: CELL_W,
      height: ROW_H,
    }, text);
  }

  toggle(unitId) {
    if (this.collapsed.has(unitId)) this.collapsed.delete(unitId);
    else this.collapsed.add(unitId);
    this.layout();
  }

  selection() {
    return selectionBox(this.anchor, this.active);
  }

  pick(row, col, extend = false) {
    if (extend) this.anchor ??= { ...this.active };
    else this.anchor = null;
    this.active = { row, col };
    const sc = this.scroller;
    const to = scrollToShow(row, col, { top: sc.scrollTop, left: sc.scrollLeft, height: sc.clientHeight, width: sc.clientWidth }, { rowH: ROW_H, nameW: NAME_W, cellW: CELL_W });
    if (to.top !== sc.scrollTop) sc.scrollTop = to.top;
    if (to.left !== sc.scrollLeft) sc.scrollLeft = to.left;
    this.renderRows();
    this.editor.focus();
    showPanel(this);
  }

  /** The cell at (row, col); the last column is the row's commitment (kept on its year cell). */
  cell(row = this.active.row, col = this.active.col) {
    return cellAt(this.rows, this.grid.columns, row, col);
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

  /** Whether the active cell takes a typed value; says why not when it does not. A derived
   * quarter or year is typed like a stored one: the tree spreads it over its months. */
  editable() {
    const why = notEditable(this.cell(), this.grid.columns[this.active.col], this.showBaseline);
    if (why === "baseline") this.hint(t("grid.baselineReadOnly"));
    else if (why === "derivedWeek") this.hint(t("grid.derivedWeek"));
    return why === null;
  }

  /** F2, Enter or a double click: edits the active cell's current value in place. */
  edit() {
    if (!this.editable()) return;
    const c = this.cell();
    this.editor.begin(plainAmount(c.value));
  }

  /** The editor's text committed (Enter, Tab or leaving the cell), then the move. */
  async commitText(text, move) {
    const at = { ...this.active };
    await this.edits.commitText(at, text);
    if (move) {
      const to = moved(at, move, this.rows.length, this.colCount);
      this.pick(to.row, to.col);
    } else {
      this.renderRows();
    }
  }

  /** What the edits (targets/edits.js) read and do here. */
  editsPort() {
    return {
      grid: () => ({ rows: this.rows, columns: this.grid.columns, tier: this.tier, approved: this.grid.approved, plan: this.plan() }),
      call,
      askChoice: (asked) => askChoice(this.choiceDialog, asked, (text) => this.app.showNotice(text)),
      askReason: () => askReason(this, false),
      act: (run) => this.act(run),
      sync: () => this.sync(),
      badAmount: (text) => this.app.showError({ code: "bad_amount", message: t("grid.badAmount", { text }) }),
      hint: (key) => this.hint(t(key)),
      panel: () => showPanel(this),
      check: () => showCheck(this),
    };
  }

  // The split dialog runs its changes through these.
  needReason() {
    return this.edits.needReason();
  }

  treeStep(run, reason) {
    return this.edits.treeStep(run, reason);
  }

  change(run, needsReason) {
    return this.edits.change(run, needsReason);
  }

  undo() {
    return this.edits.undo();
  }

  redo() {
    return this.edits.redo();
  }

  sync() {
    this.undoButton.disabled = !this.edits.canUndo;
    this.redoButton.disabled = !this.edits.canRedo;
  }

  async exportGrid(format) {
    await this.app.saveFile("targets_export", { tier: this.tier, view: this.view, cross: this.cross || null, format });
  }
}

customElements.define("tl-targets", TlTargets);
