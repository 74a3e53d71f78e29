// A table wider than its card (Settings at 1024 or 1280 px): it scrolls sideways inside its own
// frame with its first column (the name) kept in view.

import { h } from "../dom.js";

export function wideTable(table) {
  table.classList.add("sticky-first");
  return h("div", { class: "table-scroll" }, table);
}
