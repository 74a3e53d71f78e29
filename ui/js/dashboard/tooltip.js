// The tooltip of a chart mark: its name, period and exact figures, as Rust wrote them into the
// mark's region (`hit.tip`). Shown while the pointer is over the mark or the mark has the focus.

import { fill, h } from "../dom.js";

/** Shows `hit`'s lines in `tip` (an element inside `stage`), placed beside the mark `el`. */
export function showTip(tip, stage, el, hit) {
  fill(tip, ...hit.tip.map((line) =>
    h("div", { class: "tip-line", "data-label": line.label, "data-raw": line.raw ?? "" },
      h("span", { class: "tip-label" }, line.label), h("span", { class: "tip-value" }, line.value))));
  tip.hidden = false;
  tip.dataset.for = hit.label;
  // Beside the mark, inside the stage: right of it if there is room, else left of it.
  const s = stage.getBoundingClientRect();
  const m = el.getBoundingClientRect();
  const t = tip.getBoundingClientRect();
  const right = m.right - s.left + 8;
  const left = right + t.width <= s.width ? right : Math.max(0, m.left - s.left - t.width - 8);
  const top = Math.min(Math.max(0, m.top - s.top), Math.max(0, s.height - t.height));
  tip.style.left = `${Math.round(left)}px`;
  tip.style.top = `${Math.round(top)}px`;
}

export function hideTip(tip) {
  tip.hidden = true;
  tip.dataset.for = "";
}
