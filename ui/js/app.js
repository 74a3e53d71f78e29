// <tl-app>: the window's frame — sidebar, error banner and the current section.

import { call, on } from "./api.js";
import { isBusy } from "./errors.js";
import { fill, h } from "./dom.js";
import { LANGS, lang, setLang, t } from "./i18n.js";
import { openHelp } from "./help.js";
import { navStore } from "./nav.js";
import { listenForQuit } from "./quit.js";
import "./sections/dashboard.js";
import "./sections/evaluation.js";
import "./sections/reviews.js";
import "./sections/actuals.js";
import "./sections/plans.js";
import "./sections/targets.js";
import "./sections/settings.js";
import { openAssistant } from "./setup/dialogs.js";
import { emptyState } from "./setup/empty.js";
import { isBlank, loadSetup, MISSING_CODES, missingFor } from "./setup/status.js";
import { yearPicker } from "./setup/year-picker.js";
import { CODES } from "./error_codes.js";

const SECTIONS = [
  { id: "dashboard", icon: "◎", tag: "tl-dashboard" },
  { id: "targets", icon: "◇", tag: "tl-targets" },
  { id: "plans", icon: "▤", tag: "tl-plans" },
  { id: "actuals", icon: "⇪", tag: "tl-actuals" },
  { id: "evaluation", icon: "★", tag: "tl-evaluation" },
  { id: "reviews", icon: "↻", tag: "tl-reviews" },
  { id: "settings", icon: "⚙", tag: "tl-settings" },
];

class TlApp extends HTMLElement {
  constructor() {
    super();
    this.state = null;
    this.section = "dashboard";
    this.error = null;
    this.notice = null;
    // Where each section is looking; forgotten when another workspace opens.
    this.navs = navStore();
  }

  async connectedCallback() {
    fill(this, h("div", { class: "loading" }, "…"));
    on("workspace-changed", (snapshot) => this.apply(snapshot));
    on("app-error", (err) => this.showError(err));
    on("help", (what) => openHelp(this, what));
    listenForQuit((err) => this.showError(err));
    try {
      this.apply(await call("app_state"));
    } catch (err) {
      this.showError(err);
    }
  }

  /** Takes a fresh app-state snapshot from Rust and redraws. */
  async apply(snapshot) {
    // Another workspace: every section forgets where it was looking.
    const another = this.state?.workspace?.path !== snapshot.workspace?.path;
    if (another) this.navs.reset();
    this.state = snapshot;
    setLang(snapshot.lang);
    if (snapshot.error) this.error = snapshot.error;
    await loadSetup(this);
    this.render();
    // A blank workspace (File → New workspace) starts with the set-up assistant.
    if (another && this.state.workspace && isBlank(this.setup)) openAssistant(this);
  }

  /** Every export: `command` asks where to save (native dialog) and writes; the notice names
   * the file, a cancelled dialog says nothing, an error shows in the banner. */
  async saveFile(command, args) {
    try {
      const name = await call(command, args);
      if (name) this.showNotice(t("dash.saved", { name }));
    } catch (err) {
      this.showError(err);
    }
  }

  /** An error or a notice shows above the section, which keeps everything the user had there. */
  showError(err) {
    // Busy (an index rebuild holds the workspace a while longer): a calm notice, not an error.
    if (isBusy(err)) {
      this.showNotice(err.message);
      return;
    }
    // Something not set up yet is an empty state (with the button that creates it), not an error.
    // A section that has an empty state shows it; redrawing only then never loops.
    const lacksCompany = err?.code === CODES.node_not_found && this.setup && !this.setup.company;
    if (MISSING_CODES.has(err?.code) || lacksCompany) {
      loadSetup(this).then((setup) => {
        if (missingFor(setup, this.section).length) this.render();
      });
      return;
    }
    this.error = err;
    this.renderBanner();
  }

  /** A notice; with `undo` (an async function) it offers to undo the change it reports — its
   * Undo button, or Ctrl/⌘+Z while it shows — and stays until used, dismissed or replaced. */
  showNotice(text, undo = null) {
    // A newer success replaces an older error.
    this.error = null;
    this.notice = text;
    this.noticeUndo = undo;
    this.renderBanner();
  }

  async undoNotice() {
    const run = this.noticeUndo;
    this.notice = null;
    this.noticeUndo = null;
    this.renderBanner();
    try {
      await run();
    } catch (err) {
      this.showError(err);
    }
  }

  /** Ctrl/⌘+Z undoes what the notice reports, before any section's own undo (it is the latest
   * change), except while typing or in a dialog. */
  listenNoticeUndo() {
    this.stopNoticeKeys?.();
    this.stopNoticeKeys = null;
    if (this.error || !this.notice || !this.noticeUndo) return;
    const keys = (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.key.toLowerCase() !== "z" || e.target.closest?.("input,dialog")) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      this.undoNotice();
    };
    window.addEventListener("keydown", keys, true);
    this.stopNoticeKeys = () => window.removeEventListener("keydown", keys, true);
  }

  /** Reads the setup status again and redraws only the sidebar's year picker (a plan's status
   * changed under the section shown, e.g. approved in the target grid). */
  async refreshYearPicker() {
    await loadSetup(this);
    const [picker] = yearPicker(this) ?? [];
    if (picker) this.querySelector(".sidebar .year-picker")?.replaceWith(picker);
  }

  renderBanner() {
    if (!this.bannerSlot) {
      this.render();
      return;
    }
    const banner = this.error
      ? h(
          "div",
          { class: "banner error", role: "alert", "data-testid": "error-banner", "data-code": this.error.code },
          h("strong", {}, t("error.title")),
          h("span", {}, this.error.message),
          h("button", { onclick: () => { this.error = null; this.renderBanner(); } }, t("error.dismiss")),
        )
      : this.notice
        ? h("div", { class: "banner notice", role: "status", "data-testid": "notice" }, h("span", {}, this.notice),
            this.noticeUndo ? h("button", { id: "notice-undo", onclick: () => this.undoNotice() }, t("notice.undo")) : null,
            h("button", { onclick: () => { this.notice = null; this.renderBanner(); } }, t("error.dismiss")))
        : null;
    fill(this.bannerSlot, ...(banner ? [banner] : []));
    this.listenNoticeUndo();
    // A notice steps aside after a while (one that offers Undo stays); an error stays until it is
    // dismissed.
    if (!this.error && this.notice && !this.noticeUndo) {
      const shown = this.notice;
      clearTimeout(this.noticeTimer);
      this.noticeTimer = setTimeout(() => {
        if (this.notice === shown) {
          this.notice = null;
          this.renderBanner();
        }
      }, 8000);
    }
  }

  /** Runs a command that returns a new app state (language, File actions). */
  async run(command, args) {
    try {
      this.notice = null;
      this.noticeUndo = null;
      await this.apply(await call(command, args));
      return true;
    } catch (err) {
      this.showError(err);
      return false;
    }
  }

  go(section) {
    this.section = section;
    // A notice (and the undo it offers) belongs to the section that raised it.
    this.notice = null;
    this.noticeUndo = null;
    if (MISSING_CODES.has(this.error?.code) || this.error?.code === CODES.node_not_found) this.error = null;
    this.render();
  }

  render() {
    if (!this.state) return;
    const nav = h(
      "nav",
      { class: "sidebar" },
      h("div", { class: "brand" }, h("span", { class: "logo" }, "▲"), h("span", {}, "Targetline"), h("small", {}, lang() === "zh-CN" ? "业绩目标管理" : "Performance targets")),
      yearPicker(this),
      SECTIONS.map((s) =>
        h(
          "button",
          {
            class: `nav-item${s.id === this.section ? " active" : ""}`,
            "data-section": s.id,
            "aria-current": s.id === this.section ? "page" : null,
            onclick: () => this.go(s.id),
          },
          h("span", { class: "nav-icon", "aria-hidden": "true" }, s.icon),
          t(`nav.${s.id}`),
        ),
      ),
      h(
        "div",
        { class: "lang-switch", role: "group" },
        LANGS.map((l) =>
          h(
            "button",
            { class: l === lang() ? "active" : "", "data-lang": l, onclick: () => l !== lang() && this.run("set_lang", { lang: l }) },
            t(l === "zh-CN" ? "lang.zh" : "lang.en"),
          ),
        ),
      ),
    );
    this.bannerSlot = h("div", { class: "banner-slot" });
    const spec = SECTIONS.find((s) => s.id === this.section);
    const view = emptyState(this, spec.id) ?? document.createElement(spec.tag);
    view.setAttribute("data-view", spec.id);
    view.app = this;
    view.section = spec.id;
    fill(this, nav, h("main", { class: "content" }, this.bannerSlot, view));
    this.renderBanner();
  }
}

customElements.define("tl-app", TlApp);
