// <tl-settings>: language, the workspace file (New / Open / Save a copy), its backups and the
// working calendar.

import { fill, h } from "../dom.js";
import { LANGS, lang, t } from "../i18n.js";
import { Section } from "../section.js";
import "./backups.js";
import "./calendar.js";
import "../setup/plan-years.js";
import "../setup/org-editor.js";
import "../setup/catalog.js";
import "../setup/metrics.js";
import "../setup/funnel.js";
import "../targets/author.js";
import "../settings/scorecard.js";
import { countsLine } from "../settings/counts.js";

class TlSettings extends Section {
  connectedCallback() {
    this.load();
    this.refreshCounts();
  }

  /** The counts in the app's state are as of when the workspace opened: read them afresh, so
   * people, units, targets and actuals added since are counted. */
  async refreshCounts() {
    const snap = await this.ask("app_state");
    const ws = snap?.workspace;
    if (ws && this.counts?.isConnected && ws.path === this.app.state.workspace?.path) fill(this.counts, countsLine(ws.info));
  }

  /** Each card reads what it shows itself; the frame has nothing to fetch. */
  load() {
    this.render();
  }

  render() {
    const app = this.app;
    const ws = app.state.workspace;
    const select = h(
      "select",
      { id: "lang-select", onchange: (e) => app.run("set_lang", { lang: e.target.value }) },
      LANGS.map((l) => h("option", { value: l, selected: l === lang() }, t(l === "zh-CN" ? "lang.zh" : "lang.en"))),
    );
    const info = ws
      ? [
          h("dl", { class: "facts" },
            h("dt", {}, t("settings.path")), h("dd", { "data-testid": "workspace-path" }, ws.path),
          ),
          (this.counts = h("p", { class: "muted", "data-testid": "workspace-counts" }, countsLine(ws.info))),
        ]
      : [];
    fill(this,
      h("header", { class: "page-head" }, h("h1", {}, t("settings.title"))),
      h("section", { class: "card" }, h("h2", {}, t("settings.language")), select),
      h(
        "section",
        { class: "card" },
        h("h2", {}, t("settings.workspace")),
        h("p", { class: "muted" }, t("settings.workspaceHint")),
        ...info,
        h(
          "div",
          { class: "actions" },
          h("button", { id: "ws-new", onclick: () => app.run("workspace_new") }, t("file.new")),
          h("button", { id: "ws-open", onclick: () => app.run("workspace_open") }, t("file.open")),
          h("button", { id: "ws-copy", onclick: async () => { if (await app.run("workspace_save_copy")) app.showNotice(t("file.copied")); } }, t("file.copy")),
        ),
      ),
      ws ? Object.assign(h("tl-backups", { class: "card", "data-testid": "backups" }), { app }) : null,
      ws ? Object.assign(h("tl-plan-years", { class: "card", "data-testid": "plan-years-card" }), { app }) : null,
      ws && app.setup?.company ? Object.assign(h("tl-org-editor", { class: "card", "data-testid": "org-editor" }), { app }) : null,
      ws ? Object.assign(h("tl-metrics", { class: "card", "data-testid": "metrics" }), { app }) : null,
      ws ? Object.assign(h("tl-scorecard-defaults", { class: "card", "data-testid": "scorecard-defaults" }), { app }) : null,
      ws ? Object.assign(h("tl-catalog", { class: "card", "data-testid": "catalog" }), { app }) : null,
      ws ? Object.assign(h("tl-funnel-stages", { class: "card", "data-testid": "funnel" }), { app }) : null,
      ws ? Object.assign(h("tl-target-author", { class: "card", "data-testid": "target-author" }), { app }) : null,
      ws ? Object.assign(h("tl-calendar", { class: "card", "data-testid": "calendar" }), { app }) : null,
    );
  }
}

customElements.define("tl-settings", TlSettings);
