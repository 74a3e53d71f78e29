// Settings → Sales funnel: each stage's names, its conversion benchmark to the next stage and the
// days a deal may stay in it before it is flagged. Saved whole, checked by the core; a refusal
// keeps what was typed.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { percent } from "../format.js";
import { t } from "../i18n.js";
import { readStages } from "./funnel-read.js";
import { wideTable } from "../wide-table.js";
import { Section } from "../section.js";

class TlFunnelStages extends Section {
  connectedCallback() {
    this.status = h("p", { class: "dialog-status", "data-testid": "funnel-status" });
    this.load();
  }

  load() {
    return this.loadNewest(async () => ({ stages: await call("stage_list") }));
  }

  render(stages = this.stages) {
    this.stages = stages;
    const input = (cls, value, size) => h("input", { type: "text", class: cls, size, value: value ?? "" });
    const body = h("tbody", {}, stages.map((s) => h("tr", { "data-code": s.code },
      h("td", {}, input("stage-zh", s.nameZh, 10)),
      h("td", {}, input("stage-en", s.nameEn, 14)),
      h("td", { class: "num" }, input("stage-benchmark", s.benchmarkBp === null ? "" : percent(s.benchmarkBp), 7)),
      h("td", { class: "num" }, input("stage-days", s.maxDays === null ? "" : String(s.maxDays), 4)))));
    const save = async () => {
      const read = readStages([...body.querySelectorAll("tr")].map((tr) => ({
        code: tr.dataset.code,
        nameZh: tr.querySelector(".stage-zh").value,
        nameEn: tr.querySelector(".stage-en").value,
        benchmark: tr.querySelector(".stage-benchmark").value,
        maxDays: tr.querySelector(".stage-days").value,
      })));
      if (read.error) return fill(this.status, h("span", { class: "error-text", role: "alert" }, read.error));
      try {
        const got = await call("stage_save", { stages: read.stages });
        this.render(got);
        fill(this.status, h("span", { class: "good-text" }, t("funnel.saved")));
      } catch (err) {
        fill(this.status, h("span", { class: "error-text", role: "alert" }, err.message ?? String(err)));
      }
    };
    fill(this,
      h("h2", {}, t("funnel.title")),
      h("p", { class: "muted small" }, t("funnel.hint")),
      wideTable(h("table", { class: "data", "data-testid": "funnel-stages" },
        h("thead", {}, h("tr", {}, ["nameZh", "nameEn", "benchmark", "maxDays"].map((c) => h("th", {}, t(`funnel.col.${c}`))))),
        body)),
      this.status,
      h("div", { class: "actions" }, h("button", { id: "funnel-save", onclick: save }, t("setup.save"))));
  }
}

customElements.define("tl-funnel-stages", TlFunnelStages);
