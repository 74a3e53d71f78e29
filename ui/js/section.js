// What every section shares: where it is looking (kept while the workspace stays open, forgotten
// when another one opens), loading with only the newest request drawing, and changes whose errors
// show in the banner while the section keeps what the user typed.

import { call, newestOnly } from "./api.js";

/** Base of a section element. `this.app` is the window's frame (<tl-app>). */
export class Section extends HTMLElement {
  /** This section's navigation state for the open workspace. */
  navState(init) {
    return this.app.navs.of(this.localName, init);
  }

  /** Runs `load`, which returns what it read; only the newest call keeps it (`keep`, by default
   * onto the section) and draws. Returns whether it drew. */
  async loadNewest(load, keep = (got) => Object.assign(this, got)) {
    const current = (this.loads ??= newestOnly())();
    let got;
    try {
      got = await load();
    } catch (err) {
      if (current()) this.app.showError(err);
      return false;
    }
    if (!current()) return false;
    keep(got);
    this.render();
    return true;
  }

  /** Runs a change; an error shows in the banner and nothing else moves, so what the user typed
   * stays. Then a notice, if given, and the section loads again. Returns whether it worked. */
  async act(run, notice) {
    try {
      await run();
    } catch (err) {
      this.app.showError(err);
      return false;
    }
    if (notice) this.app.showNotice(notice);
    await this.load();
    return true;
  }

  /** Saves what a dialog holds: an error shows on the dialog's `status` line and the dialog stays
   * open with everything typed; on success it closes, `notice` (if any) shows and the section
   * loads again. Returns whether it saved. */
  async saveDialog(status, run, notice) {
    try {
      await run();
    } catch (err) {
      status.textContent = err.message;
      status.className = "warn-text";
      return false;
    }
    this.dialog.close();
    if (notice) this.app.showNotice(notice());
    await this.load();
    return true;
  }

  /** A command whose error shows in the banner; resolves to its result, or `undefined`. */
  async ask(command, args) {
    try {
      return await call(command, args);
    } catch (err) {
      this.app.showError(err);
      return undefined;
    }
  }
}
