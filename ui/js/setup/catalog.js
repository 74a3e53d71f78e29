// Product lines, customer types and channels: the names a company sells by, typed or pasted from
// an Excel column. The same fields serve the assistant's step and Settings → Catalog, where each
// member can also be renamed or retired (retired ones are hidden unless shown).

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { Section } from "../section.js";

const DIMS = ["product_line", "customer_type", "channel"];

/** A small dialog asking for a new name; resolves with it, or null when cancelled. */
function askName(title, value) {
  return new Promise((resolve) => {
    const input = h("input", { id: "member-name", type: "text", maxlength: 60, value });
    const d = h("dialog", { class: "card setup-dialog", "data-testid": "member-dialog" });
    let result = null;
    const ok = () => { result = input.value; d.close(); };
    fill(d, h("h2", {}, title), h("div", { class: "form-line" }, h("label", {}, t("org.newName"), " ", input)),
      h("div", { class: "actions" }, h("button", { id: "member-ok", class: "primary", onclick: ok }, t("setup.save")),
        h("button", { onclick: () => d.close() }, t("setup.cancel"))));
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); ok(); } });
    d.addEventListener("close", () => { d.remove(); resolve(result); });
    document.body.append(d);
    d.showModal();
    input.select();
  });
}

/** The fields (ids `<prefix>-<dim>`), the known members and `save()` (adds what was typed; false
 * when refused, with the message in `status`). `editable`: each member can be renamed or
 * retired, and retired ones shown. */
export function memberFields(status, prefix, editable = false) {
  const areas = Object.fromEntries(DIMS.map((dim) => [dim, h("textarea", { id: `${prefix}-${dim}`, rows: 2, cols: 40, placeholder: t(`setup.dimPlaceholder.${dim}`) })]));
  const known = h(editable ? "div" : "p", { class: "muted small", "data-testid": "known-members" });
  let showRetired = false;
  const member = (m) => h("span", { class: `member${m.retired ? " retired" : ""}`, "data-dim": m.dim, "data-name": m.name },
    m.name, m.retired ? h("span", { class: "muted small" }, " ", t("metric.retiredTag")) : null, " ",
    h("button", { class: "tb member-rename", title: t("org.rename"), onclick: async () => {
      const to = await askName(t("member.renameTitle", { name: m.name }), m.name);
      if (to !== null) { const got = await run("dim_rename", { dim: m.dim, name: m.name, newName: to }); if (got) showKnown(got); }
    } }, t("org.rename")),
    h("button", { class: "tb member-retire", onclick: async () => {
      const got = await run("dim_retire", { dim: m.dim, name: m.name, restore: m.retired });
      if (got) showKnown(got);
    } }, m.retired ? t("metric.restore") : t("metric.retire")));
  const showKnown = (members) => fill(known, DIMS.map((dim) => {
    const here = members.filter((m) => m.dim === dim && (showRetired || !m.retired));
    if (!here.length) return null;
    if (editable) return h("div", { class: "members", "data-dim": dim }, t(`setup.dim.${dim}`), ": ", here.map(member));
    return h("span", { "data-dim": dim }, t(`setup.dim.${dim}`), ": ", here.map((m) => m.name).join("、"), " ");
  }));
  const reload = () => run("setup_members", { withRetired: editable }).then((m) => m && showKnown(m));
  const toggle = editable
    ? h("label", { class: "small" }, h("input", { id: `${prefix}-show-retired`, type: "checkbox",
        onchange: (e) => { showRetired = e.target.checked; reload(); } }), " ", t("member.showRetired"))
    : null;
  const run = async (command, args) => {
    try {
      fill(status);
      return await call(command, args);
    } catch (err) {
      fill(status, h("span", { class: "error-text", role: "alert" }, err.message ?? String(err)));
      return null;
    }
  };
  reload();
  return {
    el: h("div", {},
      h("p", { class: "muted small" }, t("setup.catalogHint")),
      DIMS.map((dim) => h("div", { class: "form-line" }, h("label", {}, t(`setup.dim.${dim}`), " ", areas[dim]))),
      known, toggle),
    async save() {
      for (const dim of DIMS) {
        if (!areas[dim].value.trim()) continue;
        const got = await run("setup_add_members", { dim, text: areas[dim].value });
        if (!got) return false;
        if (editable) await reload();
        else showKnown(got);
        areas[dim].value = "";
      }
      return true;
    },
  };
}

/** Settings → the product lines, customer types and channels, with an Add button. */
class TlCatalog extends Section {
  connectedCallback() {
    this.load();
  }

  /** The fields read their members themselves; a refusal shows on the card's status line. */
  load() {
    const status = h("p", { class: "dialog-status" });
    const fields = memberFields(status, "catalog", true);
    fill(this,
      h("h2", {}, t("setup.catalogTitle")),
      fields.el, status,
      h("div", { class: "actions" }, h("button", { id: "catalog-add", onclick: () => fields.save() }, t("setup.catalogAdd"))));
  }
}

customElements.define("tl-catalog", TlCatalog);
