// Copy and paste in the grid, as Excel does: a copy writes the selected block (or the active cell)
// as tab-separated text; a block pasted at the active cell is one change and one undo step. Not
// while a cell is being edited, nor in another input.

import { CODES } from "../error_codes.js";
import { t } from "../i18n.js";
import { copyText, pasteEdits } from "./model.js";

/** Listens for copy and paste on the grid of `view` (a <tl-targets>). */
export function listenClipboard(view) {
  const elsewhere = (e) => view.editor.editing || (e.target.tagName === "INPUT" && e.target !== view.editor.input);
  view.scroller.addEventListener("copy", (e) => {
    if (elsewhere(e)) return;
    const { row, col } = view.active;
    const box = view.selection() ?? { r0: row, r1: row, c0: col, c1: col };
    e.clipboardData.setData("text/plain", copyText(box, (r, c) => view.cell(r, c)));
    e.preventDefault();
  });
  view.scroller.addEventListener("paste", async (e) => {
    if (elsewhere(e)) return;
    e.preventDefault();
    const { edits, bad } = pasteEdits(e.clipboardData.getData("text/plain"), view.active, (r, c) => view.cell(r, c), view.grid.columns);
    if (bad !== null) {
      view.app.showError({ code: CODES.bad_amount, message: t("grid.badAmount", { text: bad }) });
      return;
    }
    if (edits.length) await view.edits.editCells(edits);
  });
}
