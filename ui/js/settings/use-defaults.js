// "Use the defaults" (Settings → Scorecard defaults, and the Evaluation's weights dialog): asks
// first, naming the Evaluation's own weights it replaces and the defaults that take over; then
// the notice offers Undo (its button, or Ctrl/⌘+Z), which puts the own weights back as they were.

import { call } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { describeItems } from "./scorecard-read.js";

/** Asks in a modal dialog; resolves to whether the user chose to replace. The replace button
 * has the focus (Enter confirms), Escape or Cancel keeps everything. */
function confirmReplace(d) {
  return new Promise((resolve) => {
    let ok = false;
    const yes = h("button", { id: "scd-use-ok", class: "primary", onclick: () => { ok = true; dialog.close(); } }, t("scd.useOk"));
    const dialog = h("dialog", { class: "card setup-dialog", "data-testid": "scd-use-dialog" },
      h("h3", {}, t("scd.useTitle")),
      h("p", { "data-testid": "scd-use-ask" }, t("scd.useAsk", {
        own: describeItems(d.own.items, d.metrics),
        defaults: describeItems(d.config.items, d.metrics),
      })),
      h("div", { class: "actions" }, yes, h("button", { id: "scd-use-cancel", onclick: () => dialog.close() }, t("setup.cancel"))));
    dialog.addEventListener("close", () => { dialog.remove(); resolve(ok); });
    document.body.append(dialog);
    dialog.showModal();
    yes.focus();
  });
}

/** The whole step: read what would be replaced, ask, replace, offer Undo. `done` runs after the
 * replacement and after its undo (the caller reloads what it shows). Resolves to whether the
 * defaults were put in place. */
export async function useDefaultsAsked(app, done) {
  const d = await call("scorecard_defaults");
  if (d.own) {
    if (!(await confirmReplace(d))) return false;
    await call("scorecard_use_defaults");
  }
  app.showNotice(t("scd.used"), d.own
    ? async () => {
        await call("scorecard_undo_use_defaults");
        app.showNotice(t("scd.undone"));
        await done();
      }
    : null);
  await done();
  return true;
}
