// A chart on the dashboard: the SVG Rust drew, at the size it is shown, with a transparent button
// over every mark (tooltip on hover and focus, a click drills down or hides a series).

import { h } from "../dom.js";
import { t } from "../i18n.js";
import { toggleSeries } from "./legend.js";
import { hideTip, showTip } from "./tooltip.js";

/** A chart of `section` as drawn by Rust with its clickable regions laid over it. A heatmap has
 * hundreds of regions: each is a bare button, and one set of handlers on the stage serves them
 * all (hover and focus show the tooltip; a click drills down or toggles a legend's series).
 * `regionsLater`: the regions wait for `stage.addRegions()` (called once the picture is shown). */
export function chartStage(section, chart, kind, { regionsLater = false } = {}) {
  const svg = chart?.svg ?? "";
  const [CHART_W, CHART_H] = [chart?.width ?? 960, chart?.height ?? 540];
  const hits = chart?.hits ?? [];
  const pct = (v, of) => `${((v * 100) / of).toFixed(3)}%`;
  const tip = h("div", { class: "chart-tip", role: "tooltip", "data-testid": "chart-tip", hidden: true });
  const hitOf = (target) => {
    const el = target?.closest?.(".hit");
    return el ? [el, hits[Number(el.dataset.hit)]] : [null, null];
  };
  const enter = (e) => {
    const [el, hit] = hitOf(e.target);
    if (hit && tip.dataset.for !== hit.label) showTip(tip, stage, el, hit);
  };
  const leave = (e) => {
    const [el] = hitOf(e.target);
    if (el && !el.contains(e.relatedTarget)) hideTip(tip);
  };
  const stage = h(
    "div",
    {
      class: "chart-stage", "data-drawn-width": CHART_W, "data-drawn-height": CHART_H,
      onpointerover: enter, onfocusin: enter, onpointerout: leave, onfocusout: leave,
      onclick: (e) => {
        const [, hit] = hitOf(e.target);
        if (hit) hit.series ? toggleSeries(section, kind, hit.series) : section.drill(hit);
      },
    },
    h("img", { alt: t(`dash.chart.${kind}`), src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
    tip,
  );
  const regions = () => hits.map((hit, i) =>
      h("button", {
        class: `hit${hit.stage && hit.stage === section.stage ? " active" : ""}${hit.series ? " series-toggle" : ""}`,
        "aria-label": `${hit.label} — ${t(hit.series ? (hit.hidden ? "dash.legend.show" : "dash.legend.hide") : hit.stage ? "dash.hit.stage" : "dash.hit.drill")}`,
        "aria-pressed": hit.series ? String(!hit.hidden) : null,
        "data-hit": i,
        "data-series": hit.series ?? null,
        "data-hit-node": hit.node ?? "",
        "data-hit-period": hit.period ?? "",
        "data-hit-stage": hit.stage ?? "",
        style: `left:${pct(hit.x, CHART_W)};top:${pct(hit.y, CHART_H)};width:${pct(hit.w, CHART_W)};height:${pct(hit.h, CHART_H)}`,
      }));
  let added = false;
  stage.addRegions = () => {
    if (added) return;
    added = true;
    tip.before(...regions());
  };
  if (!regionsLater) stage.addRegions();
  return stage;
}

/** Runs `then` once the chart images in `charts` are decoded and on screen (at most a second
 * later, should an image never finish): in the first task after the frame that follows the one
 * painting them, so what `then` builds (the tables below) never holds back that paint. */
export function afterShown(charts, then) {
  const decoded = [...charts.querySelectorAll("img")].map((img) => img.decode().catch(() => {}));
  const late = new Promise((resolve) => setTimeout(resolve, 1000));
  Promise.race([Promise.all(decoded), late]).then(() =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(then))));
}
