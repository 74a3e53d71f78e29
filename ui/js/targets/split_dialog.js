// The split dialog: a cell split all the way down the organisation (the default: one step, one
// undo), one level down, along its months or a dimension, by a method, with a live preview (only
// the newest preview draws).

import { call, channel, newestOnly } from "../api.js";
import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { parsePercentBp, yuan } from "../format.js";
import { BLEND_DRIVERS, CROSSES, METHODS, columnLabel } from "./columns.js";
import { CODES } from "../error_codes.js";

/** Leaf rows a deep split's preview lists (the total counts them all). */
const PREVIEW_ROWS = 30;

/** A leaf's label: its unit path, and its dimension member when split across one. */
function leafLabel(p) {
  if (!p.member) return p.path;
  return `${p.path} · ${lang() === "en" ? p.member.en : p.member.zh}`;
}

export function openSplit(view) {
  const c = view.cell();
  const col = view.grid.columns[view.active.col];
  if (!c || c.id === null || c.commitment) {
    view.hint(t("grid.splitNeedsCell"));
    return;
  }
  const row = view.rows[view.active.row];
  const member = row.dimensionId !== null;
  const axes = [
    row.hasChildren ? "deep" : null,
    row.hasChildren ? "org" : null,
    col.kind === "year" ? "months" : null,
    view.grid.cross && !member ? "dimension" : null,
  ].filter(Boolean);
  if (!axes.length) {
    view.hint(t("grid.splitNothing"));
    return;
  }
  const d = view.splitDialog;
  const dimName = t(`grid.cross.${view.grid.cross || "none"}`);
  const axis = h("select", { name: "axis" }, axes.map((a) => h("option", { value: a }, t(`grid.axis.${a}`, { dim: dimName }))));
  const axisValue = () => (axis.value === "dimension" ? { dimension: view.grid.cross } : axis.value === "deep" ? "org" : axis.value);
  const deep = () => axis.value === "deep";
  const place = { unitId: row.unitId, dimensionId: row.dimensionId ?? null, period: col.key };
  const method = h("select", { name: "method" });
  const percents = h("div", { class: "percents" });
  const preview = h("table", { class: "preview", "data-testid": "split-preview" });
  const status = h("p", { class: "muted", "data-testid": "split-status" });
  const apply = h("button", { id: "split-apply" }, t("grid.apply"));
  // A deep split can also cross a dimension at the leaf level, shared equally or by last year.
  const dim = h("select", { name: "dim", "data-testid": "split-dim" },
    CROSSES.map((x) => h("option", { value: x }, x ? t(`grid.cross.${x}`) : t("split.dimNone"))));
  const dimBy = h("select", { name: "dimBy", "data-testid": "split-dim-by" },
    ["equal", "lastYear"].map((b) => h("option", { value: b }, t(`split.dimBy.${b}`))));
  const dimRow = h("div", { class: "form-row" },
    h("label", {}, t("split.dimLabel"), " ", dim), h("label", {}, t("split.dimByLabel"), " ", dimBy));
  const dimChoice = () => (deep() && !member && dim.value ? { dim: dim.value, by: dimBy.value } : null);
  const showDim = () => {
    // A member's row is already one slice of a dimension: it is not crossed with one again.
    dimRow.hidden = !deep() || member;
    dimBy.disabled = !dim.value;
  };
  const bar = h("progress", { max: "1", value: "0", hidden: true, "data-testid": "split-progress" });
  // The run going on now (a preview or the split itself), by its progress channel's id: Cancel
  // and Esc stop that run and no other; with nothing running they close the dialog.
  let job = null;
  const stop = (j) => call("targets_split_cancel", { job: j.id }).catch(() => {});
  const startJob = (ch, preview) => {
    if (job) stop(job);
    job = { id: ch.id, preview };
    return job;
  };
  const endJob = (mine) => {
    if (job === mine) job = null;
  };
  const close = h("button", { id: "split-cancel", onclick: () => (job ? stop(job) : d.close()) }, t("gantt.cancel"));
  d.oncancel = (e) => {
    if (!job) return;
    e.preventDefault();
    stop(job);
  };
  let labels = [];
  const inputs = (attr) => [...percents.querySelectorAll(`input[${attr}]`)];
  const choice = () => {
    if (method.value === "percent") {
      return { method: "percent", bp: inputs("data-percent").map((i) => parsePercentBp(i.value || "0") ?? 0) };
    }
    if (method.value === "potential") {
      return { method: "potential", weights: inputs("data-potential").map((i) => Math.round(Number.parseFloat(i.value || "0"))) };
    }
    if (method.value === "blend") {
      const drivers = inputs("data-blend")
        .map((i) => ({ method: i.dataset.blend, weightBp: parsePercentBp(i.value || "0") ?? 0 }))
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
      const tier = view.tier;
      if (deep()) {
        const onProgress = channel(() => {});
        const mine = startJob(onProgress, true);
        let out;
        try {
          out = await call("targets_split_deep", {
            plan: view.plan(), cell: place, choice: ch, depth: null, dim: dimChoice(), reason: null, preview: true, onProgress,
          });
        } finally {
          endJob(mine);
        }
        if (!current()) return;
        const shown = out.leaves.slice(0, PREVIEW_ROWS);
        const more = out.leafCount - shown.length;
        fill(preview,
          h("tr", {}, h("th", {}, t("grid.unit")), h("th", { class: "num" }, t(`tier.${tier}`))),
          ...shown.map((p) => h("tr", { "data-part": leafLabel(p) }, h("td", {}, p.locked ? h("span", { class: "lock", role: "img", "aria-label": t("grid.locked") }) : null, leafLabel(p)), h("td", { class: "num" }, yuan(p.tiers[tier])))),
          more > 0 ? h("tr", { class: "muted" }, h("td", { colspan: "2" }, t("split.more", { n: more }))) : null,
          h("tr", { class: "total" }, h("td", { "data-testid": "split-leaf-count" }, t(dimChoice() ? "split.leavesDim" : "tree.leaves", { n: out.leafCount })), h("td", { class: "num", "data-testid": "split-total" }, yuan(out.totals[tier] ?? 0))),
        );
        status.textContent = t("grid.previewNote");
        apply.disabled = false;
        return;
      }
      const out = await call("targets_split", { id: c.id, axis: axisValue(), choice: ch, reason: view.reason, preview: true });
      if (!current()) return;
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
      status.textContent = err.code === CODES.cancelled ? t("split.cancelled") : err.message;
      apply.disabled = true;
    }
  };
  const fillMethods = async () => {
    fill(method, ...METHODS[axis.value].map((m) => h("option", { value: m }, t(`grid.method.${m}`))));
    percents.replaceChildren();
    // The parts' names, for the percentage inputs.
    try {
      const even = await call("targets_split", { id: c.id, axis: axisValue(), choice: { method: "even" }, reason: view.reason, preview: true });
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
  axis.addEventListener("change", () => { showDim(); loading = fillMethods(); });
  dim.addEventListener("change", () => { showDim(); refresh(); });
  dimBy.addEventListener("change", refresh);
  // The split runs with the dialog open: a progress bar, and Cancel (or Esc) stops it with
  // nothing written; the dialog then says so and stays open until closed.
  const runDeep = async (ch, reason) => {
    apply.disabled = true;
    bar.hidden = false;
    status.textContent = t("split.running");
    const onProgress = channel((p) => {
      bar.max = String(Math.max(1, p.total));
      bar.value = String(p.done);
    });
    const mine = startJob(onProgress, false);
    try {
      const out = await call("targets_split_deep", { plan: view.plan(), cell: place, choice: ch, depth: null, dim: dimChoice(), reason, preview: false, onProgress });
      d.close();
      return out;
    } catch (err) {
      if (err.code === CODES.cancelled) {
        status.textContent = t("split.cancelled");
        bar.hidden = true;
        apply.disabled = false;
        return null;
      }
      d.close();
      throw err;
    } finally {
      endJob(mine);
    }
  };
  apply.addEventListener("click", async () => {
    const ch = choice();
    const a = axisValue();
    if (deep()) {
      const reason = await view.needReason();
      if (view.grid.approved && !reason) return;
      await view.treeStep(() => runDeep(ch, reason), reason);
      return;
    }
    d.close();
    await view.change(async (reason) => (await call("targets_split", { id: c.id, axis: a, choice: ch, reason, preview: false })).before);
  });
  fill(d,
    h("h2", {}, t("grid.splitTitle", { unit: row.name, period: columnLabel(col) })),
    h("div", { class: "form-row" }, h("label", {}, t("grid.axisLabel"), " ", axis), h("label", {}, t("grid.methodLabel"), " ", method)),
    dimRow,
    percents,
    preview,
    status,
    bar,
    h("div", { class: "actions" }, apply, close),
  );
  showDim();
  loading = fillMethods();
  d.showModal();
}
