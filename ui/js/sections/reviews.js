// <tl-reviews>: 复盘 (PDCA). A review per unit and period: the period's results (目标回顾), what
// the data proposes to look at, findings by fishbone category (结果分析), the lessons and
// improvement lists each verified from the data (经验提炼、行动计划). And the weekly 3-2-1 reports.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { Section } from "../section.js";
import { lang, t } from "../i18n.js";
import { formatScaled, metricValue, parseMoney, parsePercentBp, percent } from "../format.js";
import { wideTable } from "../wide-table.js";

const CATEGORIES = ["people", "method", "market", "product", "resources", "external"];

class TlReviews extends Section {
  async connectedCallback() {
    this.nav = this.navState(() => ({ tab: "reviews", open: null, week: null, weekNode: null }));
    this.dialog = h("dialog", { class: "card", "data-testid": "review-dialog" });
    fill(this, h("header", { class: "page-head" }, h("h1", {}, t("nav.reviews"))), h("p", { class: "muted" }, t("loading")));
    this.choices = await this.ask("review_choices");
    if (!this.choices) return;
    this.nav.week ??= this.choices.periods.week;
    this.nav.weekNode ??= this.choices.units.find((u) => u.depth === 2)?.path ?? "/";
    await this.load();
  }

  load() {
    // Only the newest request may show what it loaded (tabs and weeks change faster).
    return this.loadNewest(async () => {
      if (this.nav.tab === "weekly") {
        return { week: await call("weekly_get", { node: this.nav.weekNode, week: this.nav.week }) };
      }
      const list = await call("reviews_list");
      const open = list.some((r) => r.id === this.nav.open) ? this.nav.open : null;
      // The review comes with what the data proposes and its fishbone, read in one go.
      const view = open ? await call("review_get", { id: open }) : null;
      return { list, open, review: view?.review ?? null, fishbone: view?.fishbone ?? null };
    }, ({ open, ...got }) => {
      if (open !== undefined) this.nav.open = open;
      Object.assign(this, got);
    });
  }

  render() {
    const tabs = h("div", { class: "seg", role: "group" }, ["reviews", "weekly"].map((k) =>
      h("button", { "data-tab": k, class: this.nav.tab === k ? "active" : "", onclick: () => { this.nav.tab = k; this.load(); } }, t(`review.tab.${k}`))));
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("nav.reviews")), h("p", { class: "muted" }, t("review.subtitle"))),
      h("div", { class: "toolbar" }, tabs),
      this.nav.tab === "weekly" ? this.weeklyView() : [this.listView(), this.review ? this.reviewView() : null],
      this.dialog,
    );
  }

  unitOptions(selected, filter = () => true) {
    return this.choices.units.filter(filter).map((u) =>
      h("option", { value: u.path, selected: u.path === selected }, `${"　".repeat(u.depth)}${u.name}`));
  }

  periodKeys() {
    const fy = Number(this.choices.periods.year);
    const keys = [];
    for (const y of [fy - 1, fy, fy + 1]) {
      keys.push(`${y}`, `${y}-H1`, `${y}-H2`, `${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`);
      for (let m = 1; m <= 12; m++) keys.push(`${y}-${String(m).padStart(2, "0")}`);
    }
    return keys;
  }

  listView() {
    const node = h("select", { id: "review-node" }, this.unitOptions("/", (u) => u.kind !== "person"));
    const period = h("select", { id: "review-period" }, this.periodKeys().map((p) => h("option", { value: p, selected: p === this.choices.periods.quarter }, p)));
    const title = h("input", { type: "text", id: "review-title", placeholder: t("review.titlePlaceholder"), style: "width:220px" });
    const create = async () => {
      let id;
      const ok = await this.act(async () => {
        id = await call("review_create", { node: node.value, period: period.value, title: title.value });
        this.nav.open = id;
      });
      if (ok) this.querySelector("[data-testid='review']")?.scrollIntoView?.();
    };
    return h("section", { class: "card" },
      h("h2", {}, t("review.list")),
      h("div", { class: "toolbar" }, node, period, title, h("button", { class: "tb", id: "review-create", onclick: create }, t("review.create"))),
      this.list.length
        ? wideTable(h("table", { class: "data", "data-testid": "reviews" },
            h("tr", {}, h("th", {}, t("review.col.unit")), h("th", {}, t("review.col.period")), h("th", {}, t("review.col.title")),
              h("th", { class: "num" }, t("review.col.findings")), h("th", { class: "num" }, t("review.col.items")), h("th", {}, t("review.col.status"))),
            ...this.list.map((r) => h("tr", {
              "data-review": r.id, "data-node": r.node, "data-period": r.period,
              class: `clickable${r.id === this.nav.open ? " selected" : ""}`,
              onclick: () => { this.nav.open = r.id; this.load(); },
            },
            h("td", {}, r.nodeName), h("td", {}, r.period), h("td", {}, r.title || "—"),
            h("td", { class: "num" }, r.findings), h("td", { class: "num" }, r.items),
            h("td", {}, r.closed ? t("review.closed") : t("review.open"))))))
        : h("p", { class: "muted", "data-testid": "reviews-empty" }, t("review.none")));
  }

  reviewView() {
    const r = this.review;
    const s = r.summary;
    const readOnly = s.closed;
    let armed = false;
    const del = h("button", { class: "tb", id: "review-delete" }, t("review.delete"));
    del.addEventListener("click", () => {
      if (!armed) {
        armed = true;
        del.textContent = t("review.deleteConfirm");
        return;
      }
      this.act(async () => { await call("review_delete", { id: s.id }); this.nav.open = null; }, t("review.deleted"));
    });
    return h("section", { class: "card review", "data-testid": "review", "data-id": s.id, "data-closed": String(s.closed) },
      h("h2", {}, t("review.heading", { unit: s.nodeName, period: s.period }), s.title ? h("span", { class: "muted" }, ` · ${s.title}`) : null),
      h("div", { class: "toolbar" },
        h("span", { class: "muted" }, t("review.asOf", { asOf: r.asOf })),
        h("span", { class: "spacer" }),
        h("button", { class: "tb", id: "review-close", onclick: () => this.act(() => call("review_set_closed", { id: s.id, closed: !s.closed })) }, s.closed ? t("review.reopen") : t("review.close")),
        h("button", { class: "tb", id: "review-csv", onclick: () => this.exportReview("csv") }, t("dash.csv")),
        h("button", { class: "tb", id: "review-xlsx", onclick: () => this.exportReview("xlsx") }, t("dash.xlsx")),
        readOnly ? null : del),
      this.resultsView(),
      this.findingsView(readOnly),
      this.itemsView("lesson", r.lessons, readOnly),
      this.itemsView("improvement", r.improvements, readOnly));
  }

  async exportReview(format) {
    const s = this.review.summary;
    await this.app.saveFile("review_export", { id: s.id, stem: `${s.period}_${s.nodeName}_${t("review.fileStem")}`, format });
  }

  resultsView() {
    const l = lang();
    const rows = [];
    for (const g of this.review.results) {
      for (const i of [...g.shortTerm, ...g.longTerm]) {
        const f = i.figures;
        const m = i.metric;
        const a = f.achievementBp;
        rows.push(h("tr", { "data-metric": m.code, "data-actual": f.actual },
          h("td", {}, l === "en" ? m.nameEn : m.nameZh),
          h("td", { class: "muted" }, t(`dash.ind.${g.kind}`)),
          h("td", { class: "num" }, f.target ? metricValue(m.unit, f.target.base, l) : "—"),
          h("td", { class: "num" }, metricValue(m.unit, f.actual, l)),
          h("td", { class: `num ${a === null ? "" : a >= 10000 ? "good-text" : "warn-text"}` }, a === null ? "—" : percent(a))));
      }
    }
    return h("div", { class: "review-part" },
      h("h3", {}, t("review.step.results")),
      wideTable(h("table", { class: "data", "data-testid": "review-results" },
        h("tr", {}, h("th", {}, t("review.col.metric")), h("th", {}, t("review.col.group")), h("th", { class: "num" }, t("dash.target")),
          h("th", { class: "num" }, t("dash.actual")), h("th", { class: "num" }, t("dash.achievement"))),
        ...rows)));
  }

  findingsView(readOnly) {
    const l = lang();
    const r = this.review;
    const kind = h("select", { name: "kind" }, ["cause", "success"].map((k) => h("option", { value: k }, t(`review.kind.${k}`))));
    const category = h("select", { name: "category" }, CATEGORIES.map((c) => h("option", { value: c }, t(`review.cat.${c}`))));
    const controllable = h("input", { type: "checkbox", name: "controllable", checked: true });
    const text = h("input", { type: "text", name: "text", placeholder: t("review.findingPlaceholder"), style: "flex:1;min-width:240px" });
    const add = () => this.act(() => call("review_add_finding", {
      review: r.summary.id,
      finding: { kind: kind.value, category: category.value, controllable: controllable.checked, text: text.value },
    }));
    const prompts = !readOnly && r.prompts.length
      ? h("div", { "data-testid": "review-prompts" },
          h("p", { class: "muted small" }, t("review.promptsHint")),
          h("ul", { class: "prompts" }, r.prompts.slice(0, 8).map((p) =>
            h("li", { "data-kind": p.kind, "data-subject": p.subjectZh },
              h("span", { class: p.kind === "success" ? "good-text" : "warn-text" }, p.kind === "success" ? "▲ " : "▼ "),
              l === "en" ? p.textEn : p.textZh, " ",
              h("button", { class: "link", onclick: () => { kind.value = p.kind; text.value = l === "en" ? p.textEn : p.textZh; text.focus(); } }, t("review.usePrompt"))))))
      : null;
    const row = (f) => h("tr", { "data-finding": f.id, "data-kind": f.kind, "data-category": f.category },
      h("td", { class: f.kind === "success" ? "good-text" : "warn-text" }, t(`review.kind.${f.kind}`)),
      h("td", {}, t(`review.cat.${f.category}`)),
      h("td", {}, f.controllable ? t("review.controllable") : t("review.uncontrollable")),
      h("td", {}, f.text),
      readOnly ? null : h("td", {}, h("button", { class: "link", "data-delete-finding": f.id, onclick: () => this.act(() => call("review_delete_finding", { id: f.id })) }, t("review.remove"))));
    const fish = this.fishbone;
    const pct = (v, of) => `${((v * 100) / of).toFixed(3)}%`;
    const fishbone = h("div", { class: "fishbone", "data-testid": "fishbone" },
      h("div", { class: "chart-stage" },
        h("img", { alt: t("review.fishbone"), src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(fish?.svg ?? "")}` }),
        (fish?.hits ?? []).map((hit, i) => h("button", {
          class: "hit",
          // Every cause of the bone whole, also those the drawing cut short.
          title: [readOnly ? hit.label : `${hit.label} — ${t("review.fishboneHit")}`, ...(hit.tip ?? []).map((l) => `· ${l.value}`)].join("\n"),
          "aria-label": hit.label,
          "data-bone": CATEGORIES[i],
          style: `left:${pct(hit.x, 960)};top:${pct(hit.y, 540)};width:${pct(hit.w, 960)};height:${pct(hit.h, 540)}`,
          onclick: () => { if (readOnly) return; kind.value = "cause"; category.value = CATEGORIES[i]; text.focus(); },
        }))),
      h("div", { class: "actions" },
        h("button", { class: "tb", id: "fishbone-png", onclick: () => this.exportFishbone("png") }, t("review.fishbonePng")),
        h("button", { class: "tb", id: "fishbone-svg", onclick: () => this.exportFishbone("svg") }, "SVG")));
    return h("div", { class: "review-part" },
      h("h3", {}, t("review.step.findings")),
      prompts,
      r.findings.length
        ? wideTable(h("table", { class: "data", "data-testid": "findings" },
            h("tr", {}, h("th", {}, t("review.col.kind")), h("th", {}, t("review.col.category")), h("th", {}, t("review.col.controllable")), h("th", {}, t("review.col.text")), readOnly ? null : h("th", {})),
            ...r.findings.map(row)))
        : h("p", { class: "muted" }, t("review.noFindings")),
      readOnly ? null : h("div", { class: "toolbar", "data-testid": "finding-form" }, kind, category,
        h("label", {}, controllable, " ", t("review.controllable")), text,
        h("button", { class: "tb", id: "finding-add", onclick: add }, t("review.addFinding"))),
      fishbone);
  }

  async exportFishbone(format) {
    const s = this.review.summary;
    await this.app.saveFile("review_export_fishbone", { id: s.id, stem: `${s.period}_${s.nodeName}_${t("review.fishbone")}`, format });
  }

  itemsView(list, items, readOnly) {
    const l = lang();
    const row = (it) => {
      const v = it.verification;
      // The data's verdict when there is one; otherwise whether the action was done.
      const status = v ? v.status : it.done ? "done" : "open";
      return h("tr", { "data-item": it.id, "data-status": status, class: it.overdue ? "overdue" : "" },
        h("td", {}, it.text),
        h("td", {}, it.ownerName ?? "—"),
        h("td", { class: it.overdue ? "warn-text" : "" }, it.due ?? "—", it.overdue ? ` · ${t("review.overdue")}` : ""),
        h("td", { class: "verify" }, v ? this.verificationText(it.check, v, l)
          : it.unverifiable ? h("span", { class: "warn-text", "data-testid": "unverifiable" }, l === "en" ? it.unverifiable.en : it.unverifiable.zh)
          : "—"),
        h("td", {}, h("span", { class: `status ${status}` }, t(`review.status.${status}`)),
          readOnly ? null : h("label", { class: "done" }, " ", h("input", { type: "checkbox", "data-done": it.id, checked: it.done, onchange: (e) => this.act(() => call("review_update_item", { id: it.id, item: { ...itemInput(it), done: e.target.checked } })) }), " ", t("review.done"))),
        readOnly ? null : h("td", {},
          h("button", { class: "link", "data-to-plan": it.id, title: t("review.toPlanTip"), onclick: () => this.act(() => call("review_add_to_plan", { id: it.id }), t("review.inPlan", { text: it.text })) }, t("review.toPlan")),
          h("button", { class: "link", "data-edit-item": it.id, onclick: () => this.editItem(list, it) }, t("review.edit")),
          h("button", { class: "link", onclick: () => this.act(() => call("review_delete_item", { id: it.id })) }, t("review.remove"))));
    };
    return h("div", { class: "review-part" },
      h("h3", {}, t(`review.step.${list}`)),
      h("p", { class: "muted small" }, t(`review.${list}Hint`)),
      items.length
        ? wideTable(h("table", { class: "data", "data-testid": `${list}s` },
            h("tr", {}, h("th", {}, t("review.col.text")), h("th", {}, t("review.col.owner")), h("th", {}, t("review.col.due")), h("th", {}, t("review.col.verify")), h("th", {}, t("review.col.status")), readOnly ? null : h("th", {})),
            ...items.map(row)))
        : h("p", { class: "muted" }, t("review.noItems")),
      readOnly ? null : h("button", { class: "tb", id: `${list}-add`, onclick: () => this.editItem(list) }, t(`review.add.${list}`)));
  }

  verificationText(c, v, l) {
    const val = (x) => (x === null || x === undefined ? "—" : metricValue(v.unit, x, l));
    const metric = l === "en" ? v.metricNameEn : v.metricNameZh;
    const member = c.dimension ? this.choices.members.find((m) => m.dim === c.dimension.dim && m.code === c.dimension.code) : null;
    const who = `${this.choices.units.find((u) => u.path === c.node)?.name ?? c.node}${member ? ` · ${l === "en" ? member.nameEn : member.nameZh}` : ""}`;
    const rule = c.threshold.kind === "relative"
      ? t(v.lowerIsBetter ? "review.rule.down" : "review.rule.up", { pct: percent(Math.abs(c.threshold.changeBp)), sign: c.threshold.changeBp < 0 ? "−" : "" })
      : t(v.lowerIsBetter ? "review.rule.atMost" : "review.rule.atLeast", { v: val(c.threshold.value) });
    return h("div", {},
      h("div", {}, `${metric} · ${who} · ${rule} · ${t("review.window", { w: c.window })}`),
      h("div", { class: "muted small", "data-testid": "verify-figures" },
        t("review.figures", { base: val(v.baseline), req: val(v.required), got: val(v.measured) }),
        v.status === "inProgress" && v.projected !== null ? ` · ${t("review.projected", { p: val(v.projected) })} ${v.onTrack ? "✓" : "✗"}` : ""));
  }

  /** The dialog for a lesson or an improvement (new, or `it` to change): text, owner, due date
   * and, optionally, the metric, threshold and window that verify it from the data. */
  editItem(list, it = null) {
    const r = this.review;
    const l = lang();
    const text = h("input", { type: "text", name: "text", style: "width:420px" });
    const owner = h("select", { name: "owner" }, h("option", { value: "" }, "—"), this.unitOptions(null));
    const due = h("input", { type: "date", name: "due" });
    const verify = h("input", { type: "checkbox", name: "verify", checked: list === "improvement" });
    const metric = h("select", { name: "metric" }, this.choices.metrics.map((m) => h("option", { value: m.code }, l === "en" ? m.nameEn : m.nameZh)));
    const node = h("select", { name: "node" }, this.unitOptions(r.summary.node));
    const member = h("select", { name: "member" }, h("option", { value: "" }, t("review.allMembers")),
      this.choices.members.map((m) => h("option", { value: `${m.dim}:${m.code}` }, `${t(`grid.cross.${m.dim}`)} · ${l === "en" ? m.nameEn : m.nameZh}`)));
    const kind = h("select", { name: "thresholdKind" }, ["relative", "absolute"].map((k) => h("option", { value: k }, t(`review.threshold.${k}`))));
    const value = h("input", { type: "text", name: "threshold", value: "10", style: "width:120px" });
    const unitHint = h("span", { class: "muted small" });
    // Later periods of the same kind (quarter after quarter, month after month): the window's
    // figures are compared with the reviewed period's.
    const kindOf = (p) => (/^\d{4}$/.test(p) ? "Y" : /-H\d$/.test(p) ? "H" : /-Q\d$/.test(p) ? "Q" : /-\d\d$/.test(p) ? "M" : "?");
    const windows = this.periodKeys().filter((p) => kindOf(p) === kindOf(r.summary.period) && p > r.summary.period);
    if (it?.check && !windows.includes(it.check.window)) windows.unshift(it.check.window);
    const window = h("select", { name: "window" }, windows.map((p, i) => h("option", { value: p, selected: i === 0 }, p)));
    const status = h("p", { class: "warn-text", "data-testid": "item-status" });
    const checkRows = h("div", { class: "check-rows" },
      h("div", { class: "form-line" }, h("label", {}, t("review.col.metric"), " ", metric), " ", h("label", {}, t("review.col.unit"), " ", node), " ", member),
      h("div", { class: "form-line" }, h("label", {}, t("review.col.threshold"), " ", kind), " ", value, " ", unitHint),
      h("div", { class: "form-line" }, h("label", {}, t("review.col.window"), " ", window)));
    const hint = () => {
      const m = this.choices.metrics.find((x) => x.code === metric.value);
      unitHint.textContent = kind.value === "relative"
        ? t(m?.lowerIsBetter ? "review.hint.relativeDown" : "review.hint.relativeUp")
        : t(`review.hint.${m?.unit ?? "count"}`);
      checkRows.hidden = !verify.checked;
    };
    for (const el of [metric, kind, verify]) el.addEventListener("change", hint);
    hint();
    const parse = () => {
      const m = this.choices.metrics.find((x) => x.code === metric.value);
      const raw = value.value.trim().replace(/[%％]$/, "");
      if (kind.value === "relative" || m.unit === "percent") {
        return /^[-+]?\d+(\.\d{1,2})?$/.test(raw) ? parsePercentBp(raw) : null;
      }
      if (m.unit === "currency") return parseMoney(raw);
      if (m.unit === "ratio") return /^-?\d+(\.\d{1,2})?$/.test(raw) ? parsePercentBp(raw) : null;
      return /^-?\d+$/.test(raw) ? Number.parseInt(raw, 10) : null;
    };
    const save = async () => {
      let check = null;
      if (verify.checked) {
        const v = parse();
        if (v === null) {
          status.textContent = t("review.badThreshold", { text: value.value });
          return;
        }
        const [dim, code] = member.value ? member.value.split(":") : [null, null];
        check = {
          metric: metric.value,
          node: node.value,
          dimension: dim ? { dim, code } : null,
          threshold: kind.value === "relative" ? { kind: "relative", changeBp: v } : { kind: "absolute", value: v },
          window: window.value,
        };
      }
      const item = { list, text: text.value, owner: owner.value || null, due: due.value || null, done: it?.done ?? false, check };
      await this.saveDialog(status, () => (it ? call("review_update_item", { id: it.id, item }) : call("review_add_item", { review: r.summary.id, item })));
    };
    if (it) {
      text.value = it.text;
      owner.value = it.owner ?? "";
      due.value = it.due ?? "";
      verify.checked = !!it.check;
      const c = it.check;
      if (c) {
        metric.value = c.metric;
        node.value = c.node;
        member.value = c.dimension ? `${c.dimension.dim}:${c.dimension.code}` : "";
        kind.value = c.threshold.kind;
        window.value = c.window;
        const m = this.choices.metrics.find((x) => x.code === c.metric);
        const v = c.threshold.kind === "relative" ? c.threshold.changeBp : c.threshold.value;
        value.value = c.threshold.kind === "relative" || ["percent", "ratio", "currency"].includes(m?.unit) ? formatScaled(v, 2) : String(v);
      }
      hint();
    }
    fill(this.dialog,
      h("h2", {}, it ? t("review.editTitle") : t(`review.add.${list}`)),
      h("div", { class: "form-line" }, h("label", {}, t("review.col.text"), " ", text)),
      h("div", { class: "form-line" }, h("label", {}, t("review.col.owner"), " ", owner), " ", h("label", {}, t("review.col.due"), " ", due)),
      h("div", { class: "form-line" }, h("label", {}, verify, " ", t("review.verifyFromData"))),
      checkRows,
      status,
      h("div", { class: "actions" }, h("button", { id: "item-save", onclick: save }, t("gantt.ok")), h("button", { onclick: () => this.dialog.close() }, t("gantt.cancel"))),
    );
    this.dialog.showModal();
    text.focus();
  }

  weeklyView() {
    const w = this.week;
    const shift = (d) => {
      const [y, n] = w.week.split("-W").map(Number);
      // ISO weeks: step through the Thursday of the week.
      const thu = new Date(Date.UTC(y, 0, 4 + (n - 1) * 7 + d * 7));
      const day = (thu.getUTCDay() + 6) % 7;
      thu.setUTCDate(thu.getUTCDate() - day + 3);
      const first = new Date(Date.UTC(thu.getUTCFullYear(), 0, 4));
      const week = 1 + Math.round(((thu - first) / 86400000 - 3 + ((first.getUTCDay() + 6) % 7)) / 7);
      this.nav.week = `${thu.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
      this.load();
    };
    const weekInput = h("input", { type: "text", id: "weekly-week", value: w.week, style: "width:100px" });
    weekInput.addEventListener("change", () => { this.nav.week = weekInput.value; this.load(); });
    const node = h("select", { id: "weekly-node", onchange: (e) => { this.nav.weekNode = e.target.value; this.load(); } }, this.unitOptions(this.nav.weekNode, (u) => u.kind !== "person"));
    const exp = async (format) => {
      await this.app.saveFile("weekly_export", { node: this.nav.weekNode, week: w.week, format });
    };
    return h("section", { class: "card", "data-testid": "weekly" },
      h("h2", {}, t("weekly.title")),
      h("p", { class: "muted small" }, t("weekly.hint")),
      h("div", { class: "toolbar" },
        h("button", { class: "tb", id: "weekly-prev", onclick: () => shift(-1) }, "‹"), weekInput,
        h("button", { class: "tb", id: "weekly-next", onclick: () => shift(1) }, "›"),
        h("span", { class: "muted" }, `${w.start} – ${w.end}`), node,
        h("strong", { "data-testid": "weekly-status", "data-submitted": w.submitted, "data-missing": w.missing }, t("weekly.status", { s: w.submitted, n: w.rows.length })),
        h("span", { class: "spacer" }),
        h("button", { class: "tb", id: "weekly-csv", onclick: () => exp("csv") }, t("dash.csv")),
        h("button", { class: "tb", id: "weekly-xlsx", onclick: () => exp("xlsx") }, t("dash.xlsx"))),
      wideTable(h("table", { class: "data weekly", "data-testid": "weekly-table" },
        h("tr", {}, h("th", {}, t("eval.team")), h("th", {}, t("dash.col.name")), h("th", {}, t("weekly.highlights")), h("th", {}, t("weekly.problems")), h("th", {}, t("weekly.request")), h("th", {})),
        ...w.rows.map((r) => h("tr", { "data-person": r.person, "data-submitted": String(!!r.report) },
          h("td", { class: "muted" }, r.team), h("td", {}, r.name),
          r.report
            ? [h("td", {}, h("ol", {}, r.report.highlights.map((x) => h("li", {}, x)))),
               h("td", {}, h("ol", {}, r.report.problems.map((x) => h("li", {}, x)))),
               h("td", {}, r.report.request)]
            : h("td", { colspan: 3, class: "warn-text" }, t("weekly.missing")),
          h("td", {}, h("button", { class: "link", "data-edit-weekly": r.person, onclick: () => this.editWeekly(r) }, r.report ? t("weekly.edit") : t("weekly.write"))))))));
  }

  editWeekly(row) {
    const rep = row.report;
    const input = (key, value) => h("input", { type: "text", "data-weekly": key, value: value ?? "", style: "width:460px" });
    const hs = [0, 1, 2].map((i) => input(`h${i}`, rep?.highlights[i]));
    const ps = [0, 1].map((i) => input(`p${i}`, rep?.problems[i]));
    const rq = input("r", rep?.request);
    const status = h("p", { class: "warn-text", "data-testid": "weekly-error" });
    const save = async () => {
      await this.saveDialog(status, () => call("weekly_save", {
        person: row.person,
        week: this.week.week,
        report: { highlights: hs.map((i) => i.value), problems: ps.map((i) => i.value), request: rq.value },
      }), () => t("weekly.saved", { name: row.name, week: this.week.week }));
    };
    fill(this.dialog,
      h("h2", {}, t("weekly.dialog", { name: row.name, week: this.week.week })),
      h("h3", {}, t("weekly.highlights")), ...hs.map((i) => h("div", { class: "form-line" }, i)),
      h("h3", {}, t("weekly.problems")), ...ps.map((i) => h("div", { class: "form-line" }, i)),
      h("h3", {}, t("weekly.request")), h("div", { class: "form-line" }, rq),
      status,
      h("div", { class: "actions" }, h("button", { id: "weekly-save", onclick: save }, t("gantt.ok")), h("button", { onclick: () => this.dialog.close() }, t("gantt.cancel"))),
    );
    this.dialog.showModal();
    hs[0].focus();
  }
}

/** An item as the update command takes it back. */
function itemInput(it) {
  return { list: it.list, text: it.text, owner: it.owner, due: it.due, done: it.done, check: it.check };
}

customElements.define("tl-reviews", TlReviews);
