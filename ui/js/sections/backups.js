// <tl-backups>: Settings → Backups. The open workspace's backups (time, why, size, counts),
// newest first; Restore asks first and keeps a backup of what it replaces.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { Section } from "../section.js";
import { wideTable } from "../wide-table.js";

/** 1536 → "1.5 KB"; sizes are whole bytes, shown to one decimal. */
function size(bytes) {
  const units = ["B", "KB", "MB", "GB"];
  let u = 0;
  let tenths = bytes * 10;
  while (tenths >= 10240 && u < units.length - 1) {
    tenths = Math.round(tenths / 1024);
    u += 1;
  }
  return u === 0 ? `${bytes} B` : `${Math.floor(tenths / 10)}.${tenths % 10} ${units[u]}`;
}

function reason(r) {
  const m = /^migration-v(\d+)$/.exec(r);
  return m ? t("backups.reason.migration", { v: m[1] }) : t(`backups.reason.${r}`);
}

class TlBackups extends Section {
  connectedCallback() {
    this.dialog = h("dialog", { class: "card", "data-testid": "restore-dialog" });
    this.list = h("div", { "data-testid": "backups-list" }, h("p", { class: "muted" }, t("loading")));
    const now = h("button", { class: "tb", id: "backup-now", onclick: () => this.backUpNow(now) }, t("backups.now"));
    fill(this, h("h2", {}, t("backups.title")), h("p", { class: "muted" }, t("backups.hint")),
      h("div", { class: "actions" }, now), this.list, this.dialog);
    this.load();
  }

  /** Back up now: one more copy, listed at the top. */
  async backUpNow(button) {
    button.disabled = true;
    let b;
    await this.act(async () => { b = await call("workspace_backup_now"); });
    if (b) this.app.showNotice(t("backups.taken", { time: b.createdAt.replace("T", " ") }));
    button.disabled = false;
  }

  /** Only the newest listing draws (a backup taken while one loads). */
  load() {
    return this.loadNewest(async () => ({ backups: await call("workspace_backups") }));
  }

  render() {
    const backups = this.backups;
    fill(this.list, backups.length
      ? wideTable(h("table", { class: "data" },
          h("tr", {}, ["backups.col.time", "backups.col.reason", "backups.col.size", "backups.col.counts", ""].map((k) => h("th", { class: k === "backups.col.size" ? "num" : null }, k ? t(k) : ""))),
          ...backups.map((b) => h("tr", { "data-backup": b.id },
            h("td", {}, b.createdAt.replace("T", " ")),
            h("td", {}, reason(b.reason)),
            h("td", { class: "num" }, size(b.size)),
            h("td", {}, t("backups.counts", { people: b.counts.people, targets: b.counts.targets, actuals: b.counts.actuals })),
            h("td", {}, h("button", { class: "tb", "data-restore": b.id, onclick: () => this.ask(b) }, t("backups.restore")))))))
      : h("p", { class: "muted" }, t("backups.none")));
  }

  /** Restore asks first, naming the backup and what the workspace will hold. */
  ask(b) {
    const close = () => this.dialog.close();
    fill(this.dialog,
      h("h3", {}, t("backups.restoreTitle")),
      h("p", { "data-testid": "restore-ask" }, t("backups.restoreAsk", {
        time: b.createdAt.replace("T", " "), people: b.counts.people, targets: b.counts.targets, actuals: b.counts.actuals,
      })),
      h("div", { class: "actions" },
        h("button", { class: "tb primary", id: "restore-confirm", onclick: () => { close(); this.restore(b); } }, t("backups.restoreConfirm")),
        h("button", { class: "tb", id: "restore-cancel", onclick: close }, t("gantt.cancel"))));
    this.dialog.showModal();
  }

  async restore(b) {
    if (await this.app.run("workspace_restore", { id: b.id })) {
      this.app.showNotice(t("backups.restored", { time: b.createdAt.replace("T", " ") }));
    }
  }
}

customElements.define("tl-backups", TlBackups);
