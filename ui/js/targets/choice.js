// "What about the children / the parent?" — asked once per edit (a typed value or a pasted block),
// only the questions that apply, with "remember my choice" kept in the app's settings.

import { call } from "../api.js";
import { fill, h } from "../dom.js";
import { t } from "../i18n.js";
import { rememberedStore } from "./remembered.js";

/** The remembered answer, shared with Settings → Targets (which can forget it). */
export const remembered = rememberedStore(call);

/**
 * Asks in `dialog` what the edit does (`asked`: {children, parent}); resolves to
 * `{children, parent}` or null when cancelled (nothing is changed then). When "remember" was
 * ticked but the settings could not keep it, `onUnsaved(text)` gets a notice to show; the edit
 * goes ahead.
 */
export async function askChoice(dialog, asked, onUnsaved = () => {}) {
  if (!asked.children && !asked.parent) return { children: "spread", parent: "keep" };
  const known = await remembered.get().catch(() => null);
  if (known) return known;
  return new Promise((resolve) => {
    const group = (name, options, first) =>
      h("fieldset", { class: "choice", "data-question": name },
        h("legend", {}, t(`tree.${name}Q`)),
        options.map((v) => h("label", { class: "form-line" },
          h("input", { type: "radio", name, value: v, checked: v === first, id: `choice-${name}-${v}` }), " ", t(`tree.${name}.${v}`))));
    const remember = h("input", { type: "checkbox", id: "choice-remember" });
    const value = (name, fallback) => dialog.querySelector(`input[name='${name}']:checked`)?.value ?? fallback;
    let settled = false;
    const done = (answer) => {
      if (settled) return;
      settled = true;
      dialog.close();
      resolve(answer);
    };
    dialog.onclose = () => done(null);
    fill(dialog,
      h("h2", {}, t("tree.choiceTitle")),
      asked.children ? group("children", ["spread", "keep"], "spread") : null,
      asked.parent ? group("parent", ["rebalance", "rollUp", "keep"], "rollUp") : null,
      h("label", { class: "form-line" }, remember, " ", t("tree.remember")),
      h("div", { class: "actions" },
        h("button", { id: "choice-ok", class: "primary", onclick: () => {
          const answer = { children: value("children", "spread"), parent: value("parent", "keep") };
          if (remember.checked) {
            remembered.tryRemember(answer).then((saved) => {
              if (!saved) onUnsaved(t("tree.rememberFailed"));
            });
          }
          done(answer);
        } }, t("tree.apply")),
        h("button", { id: "choice-cancel", onclick: () => done(null) }, t("gantt.cancel"))),
    );
    dialog.showModal();
    dialog.querySelector("#choice-ok").focus();
  });
}
