// Labels of the setup area, zh-CN first, then en. `i18n.js` merges them into the one table; a key
// must not repeat one defined elsewhere (a node test checks).
export const STRINGS = {
  "zh-CN": {},
  en: {},
};
