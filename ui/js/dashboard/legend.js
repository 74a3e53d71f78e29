// A chart's legend entries hide and show their series: Rust draws the chart again without the
// hidden ones (the same drawing the export gets), and the entry, greyed, shows it again. Each
// entry is a button over the legend, so Tab and Enter or Space work as well as a click.
import { call } from "../api.js";

/** The hidden series of a chart kind, as the bits Rust reads (0: all shown). */
export function hiddenOf(section, kind) {
  return section.hiddenSeries?.[kind] ?? 0;
}

/** Hides or shows the series `bit` of the chart `kind`; the newest click on that chart wins. */
export async function toggleSeries(section, kind, bit) {
  const view = section.view;
  const old = view?.charts.find((c) => c.kind === kind);
  if (!old) return;
  section.hiddenSeries = { ...section.hiddenSeries, [kind]: hiddenOf(section, kind) ^ bit };
  section.legendSeq = { ...section.legendSeq, [kind]: (section.legendSeq?.[kind] ?? 0) + 1 };
  const seq = section.legendSeq[kind];
  const hadFocus = document.activeElement?.dataset?.series === String(bit);
  let chart;
  try {
    chart = await call("dashboard_chart", {
      kind, node: section.nav.node, period: view.report.period, width: old.width, height: old.height, hidden: hiddenOf(section, kind),
    });
  } catch (err) {
    section.app.showError(err);
    return;
  }
  if (section.view !== view || seq !== section.legendSeq[kind]) return;
  view.charts = view.charts.map((c) => (c.kind === kind ? chart : c));
  const fig = section.querySelector(`figure.chart[data-chart='${kind}']`);
  fig?.querySelector(".chart-stage")?.replaceWith(section.chartStage(chart, kind));
  // A keyboard user stays on the entry they pressed.
  if (hadFocus) fig?.querySelector(`.hit[data-series='${bit}']`)?.focus({ preventScroll: true });
}
