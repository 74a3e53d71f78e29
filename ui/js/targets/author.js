// <tl-target-author>: in Settings, the name target revisions record as their author (default the
// operating system's user name), and "ask again" for a remembered spread/roll-up choice.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { remembered } from "./choice.js";

class TlTargetAuthor extends HTMLElement {
  async connectedCallback() {
    const name = h("input", { type: "text", id: "author-name", maxlength: 60, style: "width:220px" });
    const status = h("span", { class: "muted small", "data-testid": "author-status" });
    const forget = h("button", { id: "choice-forget", disabled: true, onclick: async () => {
      try {
        await remembered.forget();
        forget.disabled = true;
      } catch (err) {
        this.app.showError(err);
      }
    } }, t("tree.forget"));
    fill(this,
      h("h2", {}, t("tree.authorTitle")),
      h("p", { class: "muted" }, t("tree.authorHint")),
      h("div", { class: "actions" }, name,
        h("button", { id: "author-save", onclick: async () => {
          try {
            name.value = await call("targets_set_author", { name: name.value });
            status.textContent = t("tree.authorSaved");
          } catch (err) {
            this.app.showError(err);
          }
        } }, t("tree.authorSave")),
        status),
      h("div", { class: "actions" }, forget),
    );
    try {
      name.value = await call("targets_author");
      forget.disabled = !(await remembered.get());
    } catch (err) {
      this.app.showError(err);
    }
  }
}

customElements.define("tl-target-author", TlTargetAuthor);
