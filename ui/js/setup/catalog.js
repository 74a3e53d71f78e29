// Product lines, customer types and channels: the names a company sells by, typed or pasted from
// an Excel column. The same fields serve the assistant's step and Settings → Catalog.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";

const DIMS = ["product_line", "customer_type", "channel"];

/** The fields (ids `<prefix>-<dim>`), the known members and `save()` (adds what was typed; false
 * when refused, with the message in `status`). */
export function memberFields(status, prefix) {
  const areas = Object.fromEntries(DIMS.map((dim) => [dim, h("textarea", { id: `${prefix}-${dim}`, rows: 2, cols: 40, placeholder: t(`setup.dimPlaceholder.${dim}`) })]));
  const known = h("p", { class: "muted small", "data-testid": "known-members" });
  const showKnown = (members) => fill(known, DIMS.map((dim) => {
    const names = members.filter((m) => m.dim === dim).map((m) => m.name);
    return names.length ? h("span", { "data-dim": dim }, t(`setup.dim.${dim}`), ": ", names.join("、"), " ") : null;
  }));
  const run = async (command, args) => {
    try {
      fill(status);
      return await call(command, args);
    } catch (err) {
      fill(status, h("span", { class: "error-text", role: "alert" }, err.message ?? String(err)));
      return null;
    }
  };
  run("setup_members", {}).then((m) => m && showKnown(m));
  return {
    el: h("div", {},
      h("p", { class: "muted small" }, t("setup.catalogHint")),
      DIMS.map((dim) => h("div", { class: "form-line" }, h("label", {}, t(`setup.dim.${dim}`), " ", areas[dim]))),
      known),
    async save() {
      for (const dim of DIMS) {
        if (!areas[dim].value.trim()) continue;
        const got = await run("setup_add_members", { dim, text: areas[dim].value });
        if (!got) return false;
        showKnown(got);
        areas[dim].value = "";
      }
      return true;
    },
  };
}

/** Settings → the product lines, customer types and channels, with an Add button. */
class TlCatalog extends HTMLElement {
  connectedCallback() {
    const status = h("p", { class: "dialog-status" });
    const fields = memberFields(status, "catalog");
    fill(this,
      h("h2", {}, t("setup.catalogTitle")),
      fields.el, status,
      h("div", { class: "actions" }, h("button", { id: "catalog-add", onclick: () => fields.save() }, t("setup.catalogAdd"))));
  }
}

customElements.define("tl-catalog", TlCatalog);
