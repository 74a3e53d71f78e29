// The revision log (目标调整记录) of the plan, in a dialog: every recorded change of a tier with
// who, when, why, the old and new value; filtered by unit (and the units below it), period,
// tier, author, reason category and date range; opened for one cell from the grid (its context
// menu or Alt+H) or for the whole plan from the toolbar, and exported to XLSX.

import { call, newestOnly } from "../api.js";
import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { yuan } from "../format.js";
import { REASONS, TIERS } from "./columns.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the dialog's date box: "" (no bound), a date, or null when it is not a date. */
export function dateBound(text) {
  const v = text.trim();
  if (v === "") return "";
  return DATE.test(v) ? v : null;
}

/** Opens the log; `cell` `{unitId, dimensionId, period, name}` shows that cell's history. */
export async function showRevisions(view, cell = null) {
  const d = view.revisionsDialog;
  const g = view.grid;
  if (!g) return;
  const everyone = await view.ask("targets_revisions", { plan: view.plan(), filter: {} });
  if (!everyone) return;
  const authors = [...new Set(everyone.map((l) => l.who))].sort();
  const option = (value, label, selected = false) => h("option", { value, selected }, label);
  const units = g.rows.filter((r) => r.dimensionId === null);
  const unit = h("select", { name: "unit" }, option("", t("rev.allUnits")),
    units.map((r) => option(String(r.unitId), `${"\u3000".repeat(r.depth)}${r.name}`, cell?.unitId === r.unitId)));
  const periods = [String(g.fiscalYear), ...g.columns.map((c) => c.key).filter((k) => k !== String(g.fiscalYear))];
  const period = h("select", { name: "period" }, option("", t("rev.allPeriods")),
    periods.map((p) => option(p, p, cell?.period === p)));
  const tier = h("select", { name: "tier" }, option("", t("rev.allTiers")), TIERS.map((v) => option(v, t(`tier.${v}`))));
  const who = h("select", { name: "who" }, option("", t("rev.allAuthors")), authors.map((a) => option(a, a)));
  const category = h("select", { name: "category" }, option("", t("rev.allReasons")), REASONS.map((v) => option(v, t(`reason.${v}`))));
  const from = h("input", { type: "text", name: "from", placeholder: "2026-01-01", style: "width:110px" });
  const to = h("input", { type: "text", name: "to", placeholder: "2026-12-31", style: "width:110px" });
  const cellOnly = h("input", { type: "checkbox", name: "cellOnly", checked: Boolean(cell) });
  const status = h("p", { class: "muted", "data-testid": "rev-count" });
  const body = h("tbody");
  const filter = () => {
    const f = {
      unitId: unit.value ? Number(unit.value) : null,
      cellOnly: Boolean(unit.value) && cellOnly.checked,
      dimensionId: cell && cellOnly.checked ? cell.dimensionId ?? null : null,
      period: period.value || null,
      tier: tier.value || null,
      who: who.value || null,
      category: category.value || null,
      from: dateBound(from.value),
      to: dateBound(to.value),
    };
    return f.from === null || f.to === null ? null : { ...f, from: f.from || null, to: f.to || null };
  };
  const loads = newestOnly();
  const load = async () => {
    const current = loads();
    const f = filter();
    if (!f) {
      status.textContent = t("rev.badDate");
      return;
    }
    let lines;
    try {
      lines = await call("targets_revisions", { plan: view.plan(), filter: f });
    } catch (err) {
      if (current()) status.textContent = err.message;
      return;
    }
    if (!current()) return;
    status.textContent = t("rev.count", { n: lines.length });
    const member = (l) => (lang() === "en" ? l.memberEn : l.memberZh);
    fill(body, lines.map((l) => h("tr", { "data-period": l.period, "data-unit": l.unitPath },
      h("td", {}, l.at.replace("T", " ").slice(0, 16)),
      h("td", {}, member(l) ? `${l.unitName} · ${member(l)}` : l.unitName),
      h("td", {}, l.period),
      h("td", {}, t(`tier.${l.tier}`)),
      h("td", { class: "num" }, yuan(l.oldValue)),
      h("td", { class: "num" }, yuan(l.newValue)),
      h("td", { class: "num" }, yuan(l.newValue - l.oldValue)),
      h("td", {}, l.who),
      h("td", {}, `${t(`reason.${l.reasonCategory}`)}${l.reason ? `${lang() === "en" ? ": " : "："}${l.reason}` : ""}`))));
  };
  const exportLog = async () => {
    const f = filter();
    if (!f) {
      status.textContent = t("rev.badDate");
      return;
    }
    await view.app.saveFile("targets_revisions_export", { plan: view.plan(), filter: f });
  };
  for (const el of [unit, period, tier, who, category, cellOnly]) el.addEventListener("change", load);
  for (const el of [from, to]) el.addEventListener("change", load);
  const head = ["when", "unit", "period", "tier", "old", "new", "change", "who", "why"];
  fill(d,
    h("h2", {}, cell ? t("rev.cellTitle", { name: cell.name, period: cell.period }) : t("rev.title")),
    h("div", { class: "rev-filters" },
      h("label", {}, t("rev.unit"), " ", unit), h("label", {}, cellOnly, " ", t("rev.cellOnly")),
      h("label", {}, t("rev.period"), " ", period), h("label", {}, t("rev.tier"), " ", tier),
      h("label", {}, t("rev.author"), " ", who), h("label", {}, t("rev.reason"), " ", category),
      h("label", {}, t("rev.from"), " ", from), h("label", {}, t("rev.to"), " ", to)),
    status,
    h("div", { class: "rev-table" }, h("table", { class: "data", "data-testid": "rev-table" },
      h("thead", {}, h("tr", {}, head.map((k) => h("th", { class: ["old", "new", "change"].includes(k) ? "num" : null }, t(`rev.col.${k}`))))),
      body)),
    h("div", { class: "actions" },
      h("button", { id: "rev-export", class: "tb", onclick: exportLog }, t("rev.export")),
      h("button", { id: "rev-close", onclick: () => d.close() }, t("rev.close"))),
  );
  if (!d.open) d.showModal();
  await load();
}
