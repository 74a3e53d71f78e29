// What the headline cards print where a plain number would mislead or break badly.
import { h } from "../dom.js";
import { money } from "../format.js";

/** Last year's actual, or a dash when last year has no data for the node (not a bold 0.00). */
export function lyShown(row, lang) {
  return !row || (row.actual === 0 && row.growthBp === null) ? "—" : money(row.actual, lang);
}

/** "保底 976.00万 · 基准 1,220.00万 · …" with each tier kept whole on one line, so a line never
 * breaks between "1,220.00" and "万" (the parts are spans styled `white-space: nowrap`). */
export function tierParts(text) {
  return text.split(" · ").flatMap((part, i) => [i ? " · " : null, h("span", { class: "nowrap" }, part)]);
}
