// The grid's small dialogs: the reason of a change to an approved plan, the tier ratios, approval.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { REASONS } from "./columns.js";
export function askReason(view, change) {
  return new Promise((resolve) => {
    const category = h("select", { name: "category" }, REASONS.map((r) => h("option", { value: r, selected: r === (view.reason?.category ?? "market") }, t(`reason.${r}`))));
    const text = h("input", { type: "text", name: "reason", value: change ? view.reason?.text ?? "" : "", placeholder: t("grid.reasonPlaceholder"), style: "width:280px" });
    const d = view.reasonDialog;
    const close = (ok) => {
      d.close();
      if (ok) view.reason = { category: category.value, text: text.value.trim() };
      view.reasonChip.textContent = view.reason ? t("grid.reasonChip", { reason: view.reason.text || t(`reason.${view.reason.category}`) }) : t("grid.reasonNone");
      resolve(ok ? view.reason : change ? view.reason : null);
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


/** The plan's tier ratios: floor and challenge as % of base, and an optional sprint tier. */
export function editRatios(view) {
  const r = view.grid.ratios;
  const pct = (bp) => (bp / 100).toFixed(2);
  const input = (name, bp) => h("input", { type: "number", step: "0.01", min: "0", name, value: bp === null ? "" : pct(bp), style: "width:90px" });
  const floor = input("floor", r.floorBp);
  const challenge = input("challenge", r.challengeBp);
  const sprintOn = h("input", { type: "checkbox", name: "sprintOn", checked: r.sprintBp !== null });
  const sprint = input("sprint", r.sprintBp ?? Math.max(r.challengeBp + 1000, 15000));
  const status = h("p", { class: "warn-text", "data-testid": "ratios-status" });
  const d = view.ratiosDialog;
  const apply = async () => {
    const bp = (el) => Math.round(Number.parseFloat(el.value) * 100);
    const ratios = { floorBp: bp(floor), challengeBp: bp(challenge), sprintBp: sprintOn.checked ? bp(sprint) : null };
    if ([ratios.floorBp, ratios.challengeBp, ratios.sprintBp ?? 0].some((v) => !Number.isFinite(v))) {
      status.textContent = t("grid.ratiosBad");
      return;
    }
    d.close();
    await view.edits.change(async (reason) => {
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
export function approve(view) {
  const d = view.approveDialog;
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
    view.edits.forget();
    view.app.showNotice(t("grid.approved.notice", { who: who.value.trim() }));
    await Promise.all([view.load(), view.app.refreshYearPicker()]);
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
