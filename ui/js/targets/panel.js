// The grid's side panel: the selected cell's SMART check, the revise box of a year, the formula
// target, the bottom-up gap with reconcile, the revision history, and a derived quarter's re-pacing.

import { call, newestOnly } from "../api.js";
import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { parseMoney, yuan } from "../format.js";
/** The side panel: SMART check, the bottom-up gap with reconcile, and the revision history. */
/** The side panel: SMART check, the bottom-up gap with reconcile, and the revision history. */
export async function showPanel(view) {
  // Clicks come faster than details load: only the newest request may fill the panel.
  const current = (view.panels ??= newestOnly())();
  const c = view.cell();
  const r = view.rows[view.active.row];
  const col = view.grid.columns[view.active.col];
  if (c && c.id === null && col?.kind === "quarter") {
    await showQuarter(view, r, col, current);
    return;
  }
  const id = c?.commitment ? c.id : c?.id;
  if (!id) {
    fill(view.panel, h("p", { class: "muted" }, t("grid.panelHint")));
    return;
  }
  let d;
  try {
    d = await call("targets_detail", { id });
  } catch (err) {
    if (current()) view.app.showError(err);
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
          h("button", { class: "tb", id: "reconcile-scale", onclick: () => view.edits.change(async (reason) => call("targets_reconcile", { id, way: "scaleCommitments", reason })) }, t("grid.reconcileScale")),
          h("button", { class: "tb", id: "reconcile-target", onclick: () => view.edits.change(async (reason) => call("targets_reconcile", { id, way: "targetToCommitments", reason })) }, t("grid.reconcileTarget"))))
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
                view.app.showError({ code: "bad_amount", message: t("grid.badAmount", { text: input.value }) });
                return;
              }
              view.edits.change(async (reason) => call("targets_revise", { id, base: fen, reason }));
            } }, t("grid.reviseApply"))));
      })()
    : null;
  const formula = isYear && view.tier === "base" ? formulaSection(view, id, c.value) : null;
  fill(view.panel,
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
export function formulaSection(view, id, target) {
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
  apply.addEventListener("click", () => view.edits.change(async (reason) => [await call("targets_set", { id, tier: "base", value: last.revenue, reason })]));
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
export async function showQuarter(view, r, col, current) {
  let months;
  try {
    months = await call("targets_quarter", { unitId: r.unitId, quarter: col.key });
  } catch (err) {
    if (current()) view.app.showError(err);
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
    view.edits.change(async (reason) => call("targets_repace", { unitId: r.unitId, quarter: col.key, bases, reason }));
  });
  check();
  fill(view.panel,
    h("h2", {}, `${r.name} · ${col.key}`),
    h("h3", {}, t("grid.repace")),
    h("p", { class: "muted" }, t("grid.repaceHint", { total: yuan(total) })),
    ...months.map((m, i) => h("div", { class: "form-line" }, h("label", {}, t("grid.month", { m: Number(m.period.slice(5)) }), " ", inputs[i]))),
    status,
    h("div", { class: "actions" }, apply),
  );
}
