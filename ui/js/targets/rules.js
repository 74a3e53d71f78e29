// The plan's rules (rounding unit, allocation band) and the consistency panel: every parent whose
// children lie outside the band, and any period that does not add up from its months, each with
// its one-click fixes. Fixes are steps of the tree's history (undone with Ctrl+Z).

import { call, newestOnly } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { formatScaled, yuan } from "../format.js";
import { ROUNDING_UNITS, readBand } from "./model.js";

/** The Rules dialog: rounding unit and allocation band; saving redraws the grid with its check. */
export async function editRules(view) {
  const rule = await view.ask("targets_rule", { plan: view.plan() });
  if (!rule) return;
  const d = view.rulesDialog;
  const unit = h("select", { name: "rounding" }, ROUNDING_UNITS.map((u) => h("option", { value: u, selected: u === rule.roundingUnit }, t(`tree.unit.${u}`))));
  const min = h("input", { type: "text", name: "bandMin", value: formatScaled(rule.allocationMinBp, 2), style: "width:80px" });
  const max = h("input", { type: "text", name: "bandMax", value: formatScaled(rule.allocationMaxBp, 2), style: "width:80px" });
  const status = h("p", { class: "warn-text", "data-testid": "rules-status" });
  const save = async () => {
    const band = readBand(min.value, max.value);
    if (!band) {
      status.textContent = t("tree.bandBad");
      return;
    }
    try {
      await call("targets_set_rule", { plan: view.plan(), rule: { roundingUnit: Number(unit.value), allocationMinBp: band.minBp, allocationMaxBp: band.maxBp } });
    } catch (err) {
      status.textContent = err.message;
      return;
    }
    d.close();
    await view.load();
  };
  fill(d,
    h("h2", {}, t("tree.rulesTitle")),
    h("p", { class: "muted" }, t("tree.rulesHint")),
    h("div", { class: "form-line" }, h("label", {}, t("tree.rounding"), " ", unit)),
    h("div", { class: "form-line" }, h("label", {}, t("tree.band"), " ", min, " % – ", max, " %")),
    status,
    h("div", { class: "actions" }, h("button", { id: "rules-ok", class: "primary", onclick: save }, t("grid.apply")), h("button", { onclick: () => d.close() }, t("gantt.cancel"))),
  );
  d.showModal();
}

/** The consistency panel, drawn from the check the grid loaded with its rows. */
export async function showCheck(view) {
  // The panel is the check's now: a cell's details still loading must not draw over it.
  const current = (view.panels ??= newestOnly())();
  // The grid draws before its check arrives: the panel waits for it.
  await view.checkPending;
  if (!current()) return;
  const check = view.check;
  if (!check) {
    fill(view.panel, h("p", { class: "muted" }, t("tree.checkNone")));
    return;
  }
  const fix = (issue, how) => view.edits.fixCell({ unitId: issue.unitId, dimensionId: issue.dimensionId ?? null, period: issue.period }, how);
  const pct = (bp) => (bp === null ? "—" : `${formatScaled(bp, 2)}%`);
  // The unit's name as the grid shows it (the company's path is only "/").
  const name = (i) => view.grid.rows.find((r) => r.unitId === i.unitId && r.dimensionId === null)?.name ?? i.path;
  fill(view.panel,
    h("h2", {}, t("tree.checkTitle")),
    h("p", { class: "muted", "data-testid": "check-summary" }, check.time.length + check.org.length === 0 ? t("tree.checkClean") : t("tree.checkCount", { n: check.time.length + check.org.length })),
    h("ul", { class: "check-list", "data-testid": "check-list" },
      check.time.map((i) => h("li", { "data-unit": i.path, "data-period": i.period },
        t("tree.timeIssue", { path: name(i), period: i.period, value: yuan(i.value), sum: yuan(i.monthsSum) }), " ",
        h("button", { class: "tb", "data-fix": "sumMonths", onclick: () => fix(i, "sumMonths") }, t("tree.fix.sumMonths")), " ",
        h("button", { class: "tb", "data-fix": "spreadYear", onclick: () => fix(i, "spreadYear") }, t("tree.fix.spreadYear")))),
      check.org.map((a) => h("li", { "data-unit": a.path, "data-period": a.period },
        t("tree.orgIssue", { path: name(a), period: a.period, allocated: yuan(a.allocated), pct: pct(a.allocatedBp), target: yuan(a.target) }), " ",
        h("button", { class: "tb", "data-fix": "spread", onclick: () => fix(a, "spread") }, t("tree.fix.spread")), " ",
        h("button", { class: "tb", "data-fix": "rollUp", onclick: () => fix(a, "rollUp") }, t("tree.fix.rollUp"))))),
  );
}
