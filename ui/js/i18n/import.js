// Labels of the import area, zh-CN first, then en. `i18n.js` merges them into the one table; a key
// must not repeat one defined elsewhere (a node test checks).
export const STRINGS = {
  "zh-CN": {
    "backups.now": "立即备份",
    "backups.taken": "已备份：{time}",
  },
  en: {
    "backups.now": "Back up now",
    "backups.taken": "Backed up: {time}",
  },
};
