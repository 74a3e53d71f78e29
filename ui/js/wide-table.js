// A table wider than its box (any section at 1024 px): it scrolls sideways inside its own frame
// with its first column (the name) — or its first two (rank and name) — kept in view. The kept
// cells are opaque with their own edge; once the table is scrolled, a shadow on that edge shows
// that columns pass beneath. A kept cell whose label is cut or wrapped carries the whole text in
// its tooltip. The one way every section draws a wide table.

import { h } from "./dom.js";

/**
 * Wraps `table` in its scroll frame. `columns`: how many leading columns stay in view (1 or 2;
 * with 2 the first is a narrow rank column). Returns the frame.
 */
export function wideTable(table, { columns = 1 } = {}) {
  table.classList.add("sticky-first");
  if (columns === 2) table.classList.add("sticky-two");
  for (const row of table.querySelectorAll("tr")) {
    const cell = row.children[columns - 1];
    const text = cell?.textContent?.trim();
    if (cell && text && !cell.hasAttribute("title")) cell.setAttribute("title", text);
  }
  const frame = h("div", { class: "table-scroll", "data-wide-table": "" }, table);
  frame.addEventListener("scroll", () => frame.classList.toggle("scrolled", frame.scrollLeft > 0), { passive: true });
  return frame;
}
