// The empty state every section shows on a blank or half-built workspace: what is missing and
// the button that creates it, instead of an error.

import { h } from "../dom.js";
import { t } from "../i18n.js";
import { openAssistant, openCompanyDialog, openPlanDialog } from "./dialogs.js";
import { missingFor } from "./status.js";

const CREATE = {
  company: { open: openCompanyDialog, id: "empty-company" },
  plan: { open: openPlanDialog, id: "empty-plan" },
};

/** The element to show instead of `section`, or null when the section has what it needs. */
export function emptyState(app, section) {
  const missing = missingFor(app.setup, section);
  if (!missing.length) return null;
  return h("div", { "data-view": section },
    h("header", { class: "page-head" }, h("h1", {}, t(`nav.${section}`))),
    h("section", { class: "card empty-state", "data-testid": "empty-state", "data-missing": missing.join(" ") },
      h("h2", {}, t("empty.title")),
      h("p", { class: "muted" }, t(`empty.why.${section}`)),
      h("ul", { class: "empty-list" }, missing.map((m) =>
        h("li", {}, h("strong", {}, t(`empty.${m}`)), " — ", t(`empty.${m}.hint`), " ",
          h("button", { id: CREATE[m].id, class: "primary", onclick: () => CREATE[m].open(app) }, t(`empty.${m}.create`))))),
      h("p", {}, h("button", { id: "empty-assistant", onclick: () => openAssistant(app) }, t("empty.assistant")))));
}
