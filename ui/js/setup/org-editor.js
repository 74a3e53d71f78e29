// Settings → Organisation: the tree of regions, teams and people. Select a unit, then add under
// it, rename (F2), cut and paste it elsewhere (Ctrl+X, Ctrl+V), set headcount, capacity per head
// and manager, retire it from a date, or transfer a person on a date with a preview. Retired
// units are hidden unless shown; Ctrl+Z undoes the last change (a transfer too: targets exactly as
// before, actuals back with the old unit). Other sections open the same
// dialogs with the event `tl-org-edit` ({ unitId, action: "add-person" | "rename" | "transfer" }).

import { call } from "../api.js";
import { fill, h, listenUndoKeys } from "../dom.js";
import { money, parseMoney } from "../format.js";
import { lang, t } from "../i18n.js";
import { loadSetup } from "./status.js";
import { readDay } from "./day.js";
import { wideTable } from "../wide-table.js";
import { Section } from "../section.js";

const CHILD = { company: ["region", "team"], region: ["team", "person"], team: ["person"], person: [] };

/** A small dialog; `fields` are [label, element] pairs; resolves with true on OK. */
function ask(title, fields, okLabel = t("setup.save"), extra = null) {
  return new Promise((resolve) => {
    const status = h("p", { class: "dialog-status" });
    const d = h("dialog", { class: "card setup-dialog", "data-testid": "org-dialog" });
    let result = false;
    const ok = h("button", { id: "org-ok", class: "primary", onclick: () => { result = true; d.close(); } }, okLabel);
    fill(d, h("h2", {}, title),
      fields.map(([label, el]) => h("div", { class: "form-line" }, h("label", {}, label, " ", el))),
      extra, status,
      h("div", { class: "actions" }, ok, h("button", { onclick: () => d.close() }, t("setup.cancel"))));
    d.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.target.tagName === "INPUT") { e.preventDefault(); ok.click(); } });
    d.addEventListener("close", () => { d.remove(); resolve(result); });
    document.body.append(d);
    d.showModal();
    fields[0]?.[1]?.focus?.();
  });
}

const today = () => new Date().toISOString().slice(0, 10);

/** A day typed as 2026-07-01 (or 2026/7/1, 2026年7月1日): one text field that reads the same in
 * every language and on every system, where a date picker's parts follow the system's locale. */
const dayField = () => h("input", { id: "org-date", type: "text", inputmode: "numeric", size: 12, value: today(), placeholder: "2026-07-01" });

/** The ISO day of a day field; what was typed when it is not one (the core then says why). */
const dayOf = (field) => readDay(field.value) ?? field.value.trim();

class TlOrgEditor extends Section {
  async connectedCallback() {
    this.selected ??= null;
    this.cut = null;
    // Kept while the workspace stays open (Ctrl+Z after a look at the targets still undoes).
    this.view = this.navState(() => ({ showRetired: false, undo: [] }));
    this.stopUndoKeys = listenUndoKeys(() => this.undoLast(), () => {});
    this.onEdit = (e) => this.openAction(e.detail.unitId, e.detail.action);
    document.addEventListener("tl-org-edit", this.onEdit);
    this.addEventListener("keydown", (e) => this.keys(e));
    await this.load();
  }

  disconnectedCallback() {
    this.stopUndoKeys?.();
    document.removeEventListener("tl-org-edit", this.onEdit);
  }

  /** Only the newest read of the tree draws (a change finishing while another loads). */
  load() {
    return this.loadNewest(async () => ({ units: await call("org_units") }));
  }

  unit(id) {
    return this.units.find((u) => u.id === id);
  }

  /** The active people under a unit and the capacity they carry (fen a year, exact: BigInt), as
   * a split by capacity counts it for a unit without a capacity of its own. */
  carried(id) {
    const kids = (pid) => this.units.filter((x) => x.parentId === pid && x.active);
    const people = (pid) => kids(pid).reduce((n, c) => n + (c.kind === "person" ? 1 : people(c.id)), 0);
    const fen = (pid) => kids(pid).reduce((sum, c) =>
      sum + (c.capacityPerHead !== null ? BigInt(c.capacityPerHead) * BigInt(c.headcount) : fen(c.id)), 0n);
    return { people: people(id), fen: fen(id) };
  }

  depth(u) {
    let d = 0;
    for (let p = u; p?.parentId; p = this.unit(p.parentId)) d += 1;
    return d;
  }

  /** Runs a change; `inverse` (a command and its arguments) goes on the undo stack. */
  async change(command, args, inverse) {
    try {
      this.units = await call(command, args);
      if (inverse) this.view.undo.push(inverse);
      await loadSetup(this.app);
      this.render();
      return true;
    } catch (err) {
      this.app.showError(err);
      return false;
    }
  }

  async undoLast() {
    const last = this.view.undo.pop();
    if (!last) return;
    try {
      this.units = await call(last[0], last[1]);
      this.render();
    } catch (err) {
      this.app.showError(err);
    }
  }

  keys(e) {
    if (e.target.closest("input,dialog,select")) return;
    const ctrl = e.ctrlKey || e.metaKey;
    if (e.key === "F2" && this.selected) { e.preventDefault(); this.rename(this.selected); }
    else if (ctrl && e.key.toLowerCase() === "x" && this.selected) { e.preventDefault(); this.cut = this.selected; this.render(); }
    else if (ctrl && e.key.toLowerCase() === "v" && this.cut && this.selected) { e.preventDefault(); this.paste(); }
  }

  async add(parentId, kind) {
    const name = h("input", { id: "org-name", type: "text", maxlength: 60 });
    const joined = h("input", { id: "org-joined", type: "date" });
    const fields = [[t(`org.name.${kind}`), name]];
    if (kind === "person") fields.push([t("org.joined"), joined]);
    if (!(await ask(t(`org.add.${kind}`), fields))) return;
    const unit = { parentId, kind, name: name.value, joined: joined.value || null, manager: "" };
    await this.change("org_add", { unit });
  }

  async rename(id) {
    const u = this.unit(id);
    const name = h("input", { id: "org-name", type: "text", maxlength: 60, value: u.name });
    if (!(await ask(t("org.rename"), [[t("org.newName"), name]]))) return;
    await this.change("org_rename", { id, name: name.value }, ["org_rename", { id, name: u.name }]);
  }

  async paste() {
    const id = this.cut;
    const u = this.unit(id);
    this.cut = null;
    await this.change("org_move", { id, parentId: this.selected }, ["org_move", { id, parentId: u.parentId }]);
  }

  async describe(id) {
    const u = this.unit(id);
    const headcount = h("input", { id: "org-headcount", type: "number", min: 0, value: u.headcount });
    const perHead = h("input", { id: "org-per-head", type: "text", value: u.capacityPerHead === null ? "" : money(u.capacityPerHead, lang()), placeholder: t("setup.targetPlaceholder") });
    const manager = h("input", { id: "org-manager", type: "text", value: u.manager });
    if (!(await ask(t("org.details", { name: u.name }), [[t("org.headcount"), headcount], [t("org.perHead"), perHead], [t("org.manager"), manager]]))) return;
    const fen = perHead.value.trim() ? parseMoney(perHead.value) : null;
    if (perHead.value.trim() && fen === null) return this.app.showError({ code: "bad_amount", message: t("setup.badAmount", { text: perHead.value }) });
    await this.change("org_describe", { id, headcount: Number(headcount.value), capacityPerHead: fen, manager: manager.value },
      ["org_describe", { id, headcount: u.headcount, capacityPerHead: u.capacityPerHead, manager: u.manager }]);
  }

  async retire(id) {
    const u = this.unit(id);
    if (!u.active) return this.change("org_retire", { id, date: null, restore: true });
    const date = dayField();
    if (!(await ask(t("org.retireTitle", { name: u.name }), [[t(u.kind === "person" ? "org.leaves" : "org.retiredFrom"), date]], t("org.retire")))) return;
    await this.change("org_retire", { id, date: dayOf(date), restore: false }, ["org_retire", { id, date: null, restore: true }]);
  }

  async transfer(id) {
    const u = this.unit(id);
    const to = h("select", { id: "org-transfer-to" }, this.units
      .filter((x) => x.active && (x.kind === "team" || x.kind === "region") && x.id !== u.parentId)
      .sort((a, b) => (a.kind === "team" ? 0 : 1) - (b.kind === "team" ? 0 : 1)) // teams first
      .map((x) => h("option", { value: x.id }, x.name)));
    const date = dayField();
    const follow = h("select", { id: "org-follow" },
      h("option", { value: "move" }, t("org.follow.move")), h("option", { value: "resplit" }, t("org.follow.resplit")));
    const preview = h("div", { "data-testid": "transfer-preview" });
    const spec = () => ({ personId: id, toUnitId: Number(to.value), date: dayOf(date), targets: follow.value });
    const show = async () => {
      try {
        const out = await call("org_transfer", { transfer: spec(), apply: false });
        // Without a plan (or when no year target moves) it says so instead of an empty list.
        const key = out.targets.length ? "org.previewActuals" : "org.previewNoTargets";
        fill(preview, h("p", { class: "muted small", "data-testid": "transfer-preview-text" }, t(key, { n: out.actualRowsMoved })),
          out.targets.length ? h("table", { class: "data" }, h("tbody", {}, out.targets.map((c) =>
            h("tr", {}, h("td", {}, c.name), h("td", { class: "num" }, money(c.before, lang())), h("td", {}, "→"), h("td", { class: "num" }, money(c.after, lang())))))) : null);
      } catch (err) {
        fill(preview, h("p", { class: "error-text", role: "alert" }, err.message));
      }
    };
    for (const el of [to, date, follow]) el.addEventListener("change", show);
    // The preview follows the day as it is typed, once it is a whole day.
    date.addEventListener("input", () => { if (readDay(date.value)) show(); });
    show();
    const fields = [[t("org.transferTo"), to], [t("org.transferOn"), date], [t("org.targetsFollow"), follow]];
    if (!(await ask(t("org.transferTitle", { name: u.name }), fields, t("org.transfer"), preview))) return;
    try {
      const out = await call("org_transfer", { transfer: spec(), apply: true });
      this.view.undo.push(["org_transfer_undo", { person: out.newPersonId }]);
      this.app.showNotice(t("org.transferred", { name: u.name }));
      await this.load();
    } catch (err) {
      this.app.showError(err);
    }
  }

  openAction(unitId, action) {
    if (!this.units?.length || !this.unit(unitId)) return;
    if (action === "add-person") this.add(unitId, "person");
    else if (action === "rename") this.rename(unitId);
    else if (action === "transfer") this.transfer(unitId);
  }

  render() {
    const visible = this.units.filter((u) => this.view.showRetired || u.active);
    const sel = this.unit(this.selected);
    const btn = (id, label, onclick, on = true) => h("button", { id, class: "tb", disabled: !on, onclick }, label);
    const kinds = sel && sel.active ? CHILD[sel.kind] : [];
    const toolbar = h("div", { class: "toolbar" },
      kinds.map((k) => btn(`org-add-${k}`, t(`org.add.${k}`), () => this.add(sel.id, k))),
      btn("org-rename", t("org.rename"), () => this.rename(sel.id), !!sel),
      btn("org-details", t("org.detailsButton"), () => this.describe(sel.id), !!sel && sel.kind !== "company"),
      btn("org-cut", t("org.cut"), () => { this.cut = sel.id; this.render(); }, !!sel && sel.kind !== "company"),
      btn("org-paste", t("org.paste"), () => this.paste(), !!sel && !!this.cut),
      btn("org-transfer", t("org.transfer"), () => this.transfer(sel.id), sel?.kind === "person" && sel.active),
      btn("org-retire", sel && !sel.active ? t("org.restore") : t("org.retire"), () => this.retire(sel.id), !!sel && sel.kind !== "company"),
      btn("org-undo", t("org.undo"), () => this.undoLast(), this.view.undo.length > 0),
      h("span", { class: "spacer" }),
      h("label", { class: "small" }, h("input", { id: "org-show-retired", type: "checkbox", checked: this.view.showRetired,
        onchange: (e) => { this.view.showRetired = e.target.checked; this.render(); } }), " ", t("org.showRetired")));
    const rows = visible.map((u) => h("tr", {
      "data-unit": u.id, "data-name": u.name, tabindex: "0",
      class: [u.id === this.selected ? "selected" : "", u.active ? "" : "retired", u.id === this.cut ? "cut" : ""].join(" ").trim(),
      onclick: () => { this.selected = u.id; this.render(); this.querySelector(`tr[data-unit='${u.id}']`)?.focus(); },
    },
      h("td", { style: `padding-left: ${8 + this.depth(u) * 18}px` }, u.name, u.active ? null : h("span", { class: "muted small" }, " ", t("org.retiredTag", { date: u.validTo ?? "" }))),
      h("td", {}, t(`org.kind.${u.kind}`)),
      h("td", { class: "num" }, u.kind === "person" ? "" : String(u.headcount || this.carried(u.id).people)),
      h("td", { class: "num" }, u.capacityPerHead !== null ? money(u.capacityPerHead, lang())
        : u.kind === "person" ? "" : h("span", { class: "muted", title: t("org.carriedHint") }, "Σ ", money(this.carried(u.id).fen, lang()))),
      h("td", {}, u.manager),
      h("td", { class: "small muted" }, u.validFrom ? t("org.since", { date: u.validFrom }) : "")));
    fill(this,
      h("h2", {}, t("org.title")),
      h("p", { class: "muted small" }, t("org.hint")),
      toolbar,
      wideTable(h("table", { class: "data org-tree", "data-testid": "org-tree" },
        h("thead", {}, h("tr", {}, ["name", "kind", "headcount", "perHead", "manager", "membership"].map((c) => h("th", {}, t(`org.col.${c}`))))),
        h("tbody", {}, rows))));
  }
}

customElements.define("tl-org-editor", TlOrgEditor);
