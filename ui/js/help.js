// The Help menu's dialogs: About (the version) and the diagnostics for a support mail, with a
// Copy button and Open log folder.

import { call } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

/** Opens Help → `what` ("about" or "diagnostics") over the window of `app`. */
export async function openHelp(app, what) {
  document.querySelector("dialog[data-testid='help-dialog']")?.remove();
  const dialog = h("dialog", { class: "card help-dialog", "data-testid": "help-dialog", "data-kind": what });
  const close = h("button", { onclick: () => dialog.close() }, t("help.close"));
  dialog.addEventListener("close", () => dialog.remove());
  if (what === "about") {
    dialog.append(
      h("h2", {}, "Targetline"),
      h("p", { "data-testid": "about-version" }, t("help.version", { version: app.state?.version ?? "" })),
      h("p", { class: "muted" }, t("help.tagline")),
      h("div", { class: "actions" }, close),
    );
  } else {
    let text;
    try {
      text = await call("diagnostics");
    } catch (err) {
      app.showError(err);
      return;
    }
    const area = h("textarea", { readonly: true, rows: 14, cols: 80, "data-testid": "diagnostics-text" });
    area.value = text;
    const copy = h("button", {
      class: "primary",
      "data-testid": "diagnostics-copy",
      onclick: async () => {
        area.select();
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          document.execCommand("copy");
        }
        app.showNotice(t("help.copied"));
      },
    }, t("help.copy"));
    const logs = h("button", { onclick: () => call("open_log_folder").catch((err) => app.showError(err)) }, t("help.openLogs"));
    dialog.append(
      h("h2", {}, t("help.diagnostics")),
      h("p", { class: "muted" }, t("help.diagnosticsHint")),
      area,
      h("div", { class: "actions" }, copy, logs, close),
    );
  }
  document.body.append(dialog);
  dialog.showModal();
}
