// <tl-coming>: the honest state of a section a later release fills.

import { fill, h } from "../dom.js";
import { t } from "../i18n.js";

class TlComing extends HTMLElement {
  connectedCallback() {
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t(`nav.${this.section}`))),
      h(
        "section",
        { class: "card coming", "data-testid": "coming" },
        h("div", { class: "coming-badge" }, t("coming.title")),
        h("p", {}, t(`coming.${this.section}`)),
      ),
    );
  }
}

customElements.define("tl-coming", TlComing);
