// <tl-plans>: the action plan as a Gantt chart, with filters, baselines and undo/redo.
// Every change goes to Rust, which reschedules the whole plan and sends it back. The filters and
// the undo history are the section's navigation: kept while the workspace stays open (another
// section, another language), forgotten when another workspace opens.

import { call } from "../api.js";
import { fill, h, listenUndoKeys } from "../dom.js";
import { shortcut } from "../keys.js";
import { lang, t } from "../i18n.js";
import { money, percent } from "../format.js";
import { Section } from "../section.js";
import { wideTable } from "../wide-table.js";
import "../gantt/view.js";
import { overdue } from "../gantt/model.js";
import { mondayOf, planFilter, unplannedByMetric } from "../gantt/page.js";

const KINDS = ["FS", "SS", "FF", "SF"];

class TlPlans extends Section {
  async connectedCallback() {
    this.nav = this.navState(() => ({ filters: { owner: "", status: "", priority: "", target: "" }, undo: [], redo: [] }));
    this.filters = this.nav.filters;
    this.gantt = document.createElement("tl-gantt");
    this.summary = h("span", { class: "muted", "data-testid": "plan-summary" });
    this.dialog = this.linkDialog();
    this.baselineDialog = this.nameDialog();
    this.extras = h("div", { class: "two-col plan-extras" });
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("nav.plans"))),
      this.toolbar(),
      this.gantt,
      this.extras,
      this.dialog,
      this.baselineDialog,
    );
    this.gantt.addEventListener("gantt-move", (e) => this.change(this.undoReshape(e.detail.id), () => call("plan_move", e.detail)));
    this.gantt.addEventListener("gantt-resize", (e) => this.change(this.undoReshape(e.detail.id), () => call("plan_reshape", e.detail)));
    this.gantt.addEventListener("gantt-progress", (e) => {
      const old = this.task(e.detail.id).progressBp;
      this.change(() => call("plan_progress", { id: e.detail.id, progressBp: old }), () => call("plan_progress", e.detail));
    });
    this.gantt.addEventListener("gantt-edit", (e) => this.editCell(e.detail));
    this.gantt.addEventListener("gantt-add", (e) => this.addAction(e.detail.after));
    this.gantt.addEventListener("gantt-delete", (e) => this.deleteAction(e.detail.id));
    this.gantt.addEventListener("gantt-indent", (e) => this.indentAction(e.detail.id, e.detail.outdent));
    this.gantt.addEventListener("gantt-link", (e) => this.askLink(e.detail));
    this.gantt.addEventListener("gantt-link-delete", (e) => this.deleteLink(e.detail.link));
    this.stopUndoKeys = listenUndoKeys(() => this.undo(), () => this.redo());
    this.syncButtons();
    if (!(await this.load())) return;
    this.gantt.scrollToToday();
  }

  /** The plan (only the newest load draws), then what sits below the chart. */
  async load() {
    const drew = await this.loadNewest(async () => ({ data: await call("plan_data") }));
    if (drew) await this.loadExtras();
    return drew;
  }

  render() {
    this.show(this.data.plan);
  }

  /** Gap coverage per target and the strategy–resource matching table, below the chart. */
  async loadExtras() {
    const [coverage, resources] = await Promise.all([this.ask("plan_coverage"), this.ask("plan_resources")]);
    if (!coverage || !resources) return;
    const l = lang();
    const pct = (bp) => (bp === null ? "—" : percent(bp));
    // The target filter names targets the way the coverage table does.
    const current = this.filters.target;
    fill(this.targetSelect,
      h("option", { value: "" }, t("gantt.filter.target")),
      coverage.targets.map((c) => h("option", { value: String(c.targetId), selected: String(c.targetId) === current }, `${c.orgUnitName} · ${c.period}`)),
    );
    fill(this.extras,
      h(
        "section",
        { class: "card", "data-testid": "coverage" },
        h("h2", {}, t("plan.coverage")),
        wideTable(h("table", { class: "data" },
          h("tr", {}, ["plan.cov.target", "plan.cov.gap", "plan.cov.expected", "plan.cov.coverage", "plan.cov.uncovered"].map((k) => h("th", {}, t(k)))),
          ...coverage.targets.map((c) => h("tr", { "data-coverage": c.orgUnitName },
            h("td", {}, `${c.orgUnitName} · ${c.period}`), h("td", { class: "num" }, money(c.remainingGap, l)),
            h("td", { class: "num" }, money(c.expectedContribution, l)), h("td", { class: "num" }, pct(c.coverageBp)),
            h("td", { class: "num" }, money(c.uncovered, l)))))),
        coverage.unplanned.length
          ? h("p", { class: "warn-text", "data-testid": "unplanned" }, t("plan.unplanned", { list: unplannedByMetric(coverage.unplanned, l) }))
          : null,
      ),
      h(
        "section",
        { class: "card", "data-testid": "resources" },
        h("h2", {}, t("plan.resources", { year: resources.fiscalYear })),
        wideTable(h("table", { class: "data" },
          h("tr", {}, ["plan.res.strategy", "plan.res.department", "plan.res.headcount", "plan.res.budget", "plan.res.share", "plan.res.allocated", "plan.res.tools", "plan.res.nodes"].map((k) => h("th", {}, t(k)))),
          ...resources.rows.map((r) => h("tr", {},
            h("td", {}, r.title), h("td", {}, r.department), h("td", { class: "num" }, r.headcount),
            h("td", { class: "num" }, money(r.budget, l)), h("td", { class: "num" }, pct(r.shareBp)),
            h("td", { class: "num" }, r.allocated === null ? "—" : money(r.allocated, l)), h("td", {}, r.tools),
            h("td", { class: "muted" }, r.nodes.map((n) => `${n.title} ${n.finish}`).join("；")))),
          h("tr", { class: "total" }, h("td", {}, t("grid.total")), h("td", {}), h("td", { class: "num" }, resources.totalHeadcount),
            h("td", { class: "num" }, money(resources.totalBudget, l)), h("td", {}), h("td", { class: "num" }, money(resources.availableBudget, l)), h("td", {}), h("td", {})))),
        h("p", { class: "muted" }, t("plan.res.remaining", { available: money(resources.availableBudget, l), remaining: money(resources.remainingBudget, l) })),
      ),
    );
  }

  disconnectedCallback() {
    this.stopUndoKeys?.();
  }

  toolbar() {
    const zoom = h(
      "div",
      { class: "seg", role: "group" },
      ["day", "week", "month", "quarter"].map((z) =>
        h("button", { "data-zoom": z, class: z === "week" ? "active" : "", onclick: (e) => {
          this.gantt.setZoom(z);
          for (const b of e.target.parentElement.children) b.classList.toggle("active", b === e.target);
        } }, t(`gantt.zoom.${z}`)),
      ),
    );
    const select = (key, options) =>
      h(
        "select",
        { "data-filter": key, onchange: (e) => { this.filters[key] = e.target.value; this.applyFilter(); } },
        h("option", { value: "" }, t(`gantt.filter.${key}`)),
        options.map(([v, label]) => h("option", { value: v, selected: v === this.filters[key] }, label)),
      );
    this.ownerSelect = select("owner", []);
    this.targetSelect = select("target", []);
    this.undoButton = h("button", { class: "tb", id: "plan-undo", disabled: true, onclick: () => this.undo(), title: shortcut("Mod+Z") }, t("gantt.undo"));
    this.redoButton = h("button", { class: "tb", id: "plan-redo", disabled: true, onclick: () => this.redo(), title: shortcut("Mod+Shift+Z") }, t("gantt.redo"));
    return h(
      "div",
      { class: "toolbar" },
      zoom,
      h("button", { class: "tb", onclick: () => this.gantt.scrollToToday() }, t("gantt.today")),
      this.ownerSelect,
      select("status", ["planned", "active", "done", "blocked", "cancelled"].map((s) => [s, t(`status.${s}`)])),
      select("priority", ["high", "medium", "low"].map((p) => [p, t(`priority.${p}`)])),
      this.targetSelect,
      h("button", { class: "tb", id: "plan-add", title: "Insert", onclick: () => this.addAction(this.gantt.selected ?? null) }, t("gantt.addAction")),
      h("button", { class: "tb", id: "plan-delete", title: "Delete", onclick: () => this.gantt.selected && this.deleteAction(this.gantt.selected) }, t("gantt.deleteAction")),
      h("button", { class: "tb", id: "plan-indent", title: "Alt+Shift+→", onclick: () => this.gantt.selected && this.indentAction(this.gantt.selected, false) }, t("gantt.indent")),
      h("button", { class: "tb", id: "plan-outdent", title: "Alt+Shift+←", onclick: () => this.gantt.selected && this.indentAction(this.gantt.selected, true) }, t("gantt.outdent")),
      this.undoButton,
      this.redoButton,
      h("button", { class: "tb", id: "plan-baseline", onclick: () => this.baselineDialog.showModal() }, t("gantt.saveBaseline")),
      h("button", { class: "tb", id: "plan-png", onclick: () => this.exportFile("plan_export_chart", "png") }, "PNG"),
      h("button", { class: "tb", id: "plan-svg", onclick: () => this.exportFile("plan_export_chart", "svg") }, "SVG"),
      h("button", { class: "tb", id: "plan-csv", onclick: () => this.exportFile("plan_export_table", "csv") }, "CSV"),
      h("button", { class: "tb", id: "plan-xlsx", onclick: () => this.exportFile("plan_export_table", "xlsx") }, "Excel"),
      h("button", { class: "tb", id: "plan-import", onclick: () => this.importPlan() }, t("gantt.import")),
      h("span", { class: "spacer" }),
      h(
        "span",
        { class: "legend" },
        h("span", {}, h("i", { style: "background:#e5534b" }), t("gantt.legend.critical")),
        h("span", {}, h("i", { style: "background:rgba(99,108,118,0.4)" }), t("gantt.legend.baseline")),
        h("span", {}, h("i", { style: "background:#fff1e5;border:1px solid #f0c8a0" }), t("gantt.legend.holiday")),
        h("span", {}, h("i", { style: "background:#d29922" }), t("gantt.legend.today")),
      ),
      this.summary,
    );
  }

  async exportFile(command, format) {
    await this.app.saveFile(command, { format });
  }

  /** Imports a plan table (seed 002's shape); week ranges count from the Monday of this week. */
  async importPlan() {
    const s = await this.ask("plan_import", { planStart: mondayOf(this.data.today) });
    if (!s) return; // refused (the banner says why) or the dialog was cancelled
    const errors = s.errors.map((e) => t("gantt.importError", { row: e.row, message: lang() === "zh-CN" ? e.zh : e.en }));
    this.app.showNotice([t("gantt.imported", { objectives: s.objectives, actions: s.actions, existing: s.existing, skipped: s.skipped }), ...errors].join(" "));
    await this.load();
  }

  task(id) {
    return this.data.plan.tasks.find((x) => x.id === id);
  }

  /** Hands a plan from Rust to the chart. */
  show(plan) {
    this.data.plan = plan;
    const base = new Map((this.data.baseline?.tasks ?? []).map((b) => [b.actionId, b]));
    const tasks = plan.tasks.map((x) => ({
      id: x.id,
      parentId: x.parentId,
      title: x.title,
      owner: x.ownerName,
      start: x.start,
      finish: x.finish,
      progressBp: x.progressBp,
      milestone: x.milestone,
      critical: x.critical,
      totalFloat: x.totalFloat,
      priority: x.priority,
      status: x.status,
      targetId: x.targetId,
      baselineStart: base.get(x.id)?.baselineStart ?? null,
      baselineFinish: base.get(x.id)?.baselineFinish ?? null,
    }));
    const links = plan.links.map((l) => ({ id: l.id, from: l.predecessorId, to: l.successorId, kind: l.kind, lag: l.lagDays }));
    this.gantt.setData({ tasks, links, holidays: this.data.holidays, workdays: this.data.workdays, today: this.data.today });
    const owners = [...new Set(plan.tasks.map((x) => x.ownerName).filter(Boolean))].sort();
    const current = this.filters.owner;
    fill(this.ownerSelect,
      h("option", { value: "" }, t("gantt.filter.owner")),
      owners.map((o) => h("option", { value: o, selected: o === current }, o)),
    );
    const critical = plan.tasks.filter((x) => x.critical && !x.summary).length;
    const late = plan.tasks.filter((x) => overdue({ ...x, hasChildren: x.summary }, this.data.today ?? new Date().toISOString().slice(0, 10))).length;
    this.summary.textContent = (plan.finish
      ? t("gantt.summary", { n: plan.tasks.length, finish: plan.finish, critical })
      : t("gantt.empty")) + (late ? ` · ${t("gantt.overdueCount", { n: late })}` : "");
    this.summary.dataset.overdue = String(late);
    this.applyFilter();
  }

  applyFilter() {
    this.gantt.setFilter(planFilter(this.filters));
  }

  /** Runs `run`, a command that returns the rescheduled plan, and shows that plan; an error
   * shows in the banner and the chart goes back to the plan as it was. Returns whether it worked. */
  async reschedule(run) {
    try {
      this.show(await run());
      return true;
    } catch (err) {
      this.app.showError(err);
      this.show(this.data.plan);
      return false;
    }
  }

  /** Runs a change; on success it can be undone. */
  async change(undo, redo) {
    if (await this.reschedule(redo)) {
      this.nav.undo.push({ undo, redo });
      this.nav.redo = [];
    }
    this.syncButtons();
  }

  async undo() {
    const step = this.nav.undo.pop();
    if (!step) return;
    if (await this.reschedule(step.undo)) this.nav.redo.push(step);
    this.syncButtons();
  }

  async redo() {
    const step = this.nav.redo.pop();
    if (!step) return;
    if (await this.reschedule(step.redo)) this.nav.undo.push(step);
    this.syncButtons();
  }

  syncButtons() {
    this.undoButton.disabled = !this.nav.undo.length;
    this.redoButton.disabled = !this.nav.redo.length;
  }

  /** A new action below `after` (or at the end); its title is edited right away. Undo deletes it. */
  async addAction(after) {
    let id = null;
    await this.change(
      async () => (await call("plan_action_delete", { id })).view,
      async () => {
        const got = await call("plan_action_add", { after, title: t("gantt.newAction") });
        id = got.id;
        return got.view;
      },
    );
    if (id !== null) this.gantt.editTitle(id);
  }

  /** Deletes an action after asking (naming its sub-actions); undo puts it back whole. */
  async deleteAction(id) {
    const x = this.task(id);
    if (!x) return;
    const kids = this.data.plan.tasks.filter((y) => y.parentId === id).length;
    if (!(await this.confirmDelete(x.title, kids))) return;
    let removed = null;
    await this.change(
      () => call("plan_action_restore", { removed }),
      async () => {
        const got = await call("plan_action_delete", { id });
        removed = got.removed;
        return got.view;
      },
    );
  }

  confirmDelete(title, kids) {
    return new Promise((resolve) => {
      let ok = false;
      const yes = h("button", { id: "plan-delete-ok", class: "primary", onclick: () => { ok = true; d.close(); } }, t("gantt.deleteAction"));
      const d = h("dialog", { class: "card setup-dialog", "data-testid": "plan-delete-dialog" },
        h("p", {}, t(kids ? "gantt.deleteAsk.kids" : "gantt.deleteAsk", { title, n: kids })),
        h("div", { class: "actions" }, yes, h("button", { id: "plan-delete-cancel", onclick: () => d.close() }, t("setup.cancel"))));
      d.addEventListener("close", () => { d.remove(); resolve(ok); });
      document.body.append(d);
      d.showModal();
      yes.focus();
    });
  }

  /** Indent under the action above, or outdent beside the parent; undo puts it back. */
  async indentAction(id, outdent) {
    let was = null;
    await this.change(
      () => call("plan_action_place", { id, at: was }),
      async () => {
        const got = await call("plan_action_indent", { id, outdent });
        was = got.was;
        return got.view;
      },
    );
  }

  /** The undo of any change to a task's dates: its requested start and duration as they are now. */
  undoReshape(id) {
    const x = this.task(id);
    const before = { id, requestedStart: x.requestedStart, duration: x.duration };
    return () => call("plan_restore", before);
  }

  editCell({ id, field, value }) {
    const x = this.task(id);
    if (field === "start" || field === "finish") {
      this.change(this.undoReshape(id), () => call("plan_edit", { id, field, value }));
      return;
    }
    const old = field === "title" ? x.title : field === "owner" ? x.ownerName : String(Math.round(x.progressBp / 100));
    this.change(() => call("plan_edit", { id, field, value: old }), () => call("plan_edit", { id, field, value }));
  }

  deleteLink(link) {
    const again = { from: link.from, to: link.to, kind: link.kind, lag: link.lag };
    let id = link.id;
    this.change(
      async () => {
        const plan = await call("plan_link_add", again);
        id = plan.links.find((l) => l.predecessorId === again.from && l.successorId === again.to).id;
        return plan;
      },
      () => call("plan_link_delete", { id }),
    );
  }

  askLink({ from, to }) {
    this.pending = { from, to };
    const d = this.dialog;
    d.querySelector("[data-link-names]").textContent = `${this.task(from).title} → ${this.task(to).title}`;
    d.querySelector("select").value = "FS";
    d.querySelector("input").value = "0";
    d.showModal();
    this.previewLink();
  }

  /** Under the link dialog: the actions the link would push, warned when started or late. */
  async previewLink() {
    const d = this.dialog;
    const box = d.querySelector("[data-testid='link-warnings']");
    box.dataset.ready = "";
    const read = () => ({ ...this.pending, kind: d.querySelector("select").value, lag: Number.parseInt(d.querySelector("input").value || "0", 10) || 0 });
    const spec = read();
    try {
      const pushed = await call("plan_link_preview", spec);
      if (JSON.stringify(read()) !== JSON.stringify(spec)) return; // only the newest choice draws
      fill(box, pushed.map((p) => h("li", { class: p.started || p.pastPeriodEnd ? "warn-text" : "muted", "data-pushed": p.id },
        t("gantt.link.pushes", { title: p.title, from: p.startBefore, to: p.startAfter }),
        p.started ? ` ${t("gantt.link.started")}` : "",
        p.pastPeriodEnd ? ` ${t("gantt.link.pastEnd", { end: p.pastPeriodEnd })}` : "")));
      box.dataset.ready = String(pushed.length);
    } catch (err) {
      fill(box, h("li", { class: "error-text" }, err.message ?? String(err)));
    }
  }

  linkDialog() {
    const kind = h("select", { name: "kind" }, KINDS.map((k) => h("option", { value: k }, t(`gantt.link.${k}`))));
    const lag = h("input", { type: "number", name: "lag", value: "0", step: "1", style: "width:80px" });
    kind.addEventListener("change", () => this.previewLink());
    lag.addEventListener("change", () => this.previewLink());
    const dialog = h(
      "dialog",
      { class: "card", "data-testid": "link-dialog" },
      h("h2", {}, t("gantt.link.title")),
      h("p", { class: "muted", "data-link-names": "" }),
      h("label", {}, t("gantt.link.kind"), " ", kind),
      h("label", { style: "margin-left:12px" }, t("gantt.link.lag"), " ", lag),
      h("ul", { class: "small", "data-testid": "link-warnings" }),
      h(
        "div",
        { class: "actions" },
        h("button", { id: "link-ok", onclick: () => {
          dialog.close();
          const spec = { ...this.pending, kind: kind.value, lag: Number.parseInt(lag.value || "0", 10) || 0 };
          let id = null;
          this.change(
            () => call("plan_link_delete", { id }),
            async () => {
              const plan = await call("plan_link_add", spec);
              id = plan.links.find((l) => l.predecessorId === spec.from && l.successorId === spec.to).id;
              return plan;
            },
          );
        } }, t("gantt.ok")),
        h("button", { onclick: () => dialog.close() }, t("gantt.cancel")),
      ),
    );
    return dialog;
  }

  nameDialog() {
    const name = h("input", { type: "text", name: "baseline", style: "width:240px" });
    const dialog = h(
      "dialog",
      { class: "card", "data-testid": "baseline-dialog" },
      h("h2", {}, t("gantt.saveBaseline")),
      h("label", {}, t("gantt.baselineName"), " ", name),
      h(
        "div",
        { class: "actions" },
        h("button", { id: "baseline-ok", onclick: async () => {
          dialog.close();
          const baseline = await this.ask("plan_baseline_save", { name: name.value });
          if (!baseline) return;
          this.data.baseline = baseline;
          this.show(this.data.plan);
        } }, t("gantt.ok")),
        h("button", { onclick: () => dialog.close() }, t("gantt.cancel")),
      ),
    );
    dialog.addEventListener("show", () => { name.value = ""; });
    return dialog;
  }
}

customElements.define("tl-plans", TlPlans);
