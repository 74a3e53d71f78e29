// The grid toolbar's "More" menu: the actions used now and then, so the toolbar keeps to one row.
// From the keyboard: Enter, Space or ↓ on its button opens it on the first item; ↑ ↓ Home End
// move (wrapping); Enter runs an item; Esc closes back to the button; Tab closes. A click
// outside closes it; an item closes it as it runs.

import { h } from "../dom.js";

/** The next item's index from `at` for `key` among `count` items (null: not a moving key). */
export function menuStep(key, at, count) {
  if (key === "ArrowDown") return (at + 1) % count;
  if (key === "ArrowUp") return (at - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

/** A "More" button and its menu of `items` (buttons; their ids and handlers are kept). */
export function moreMenu(label, items) {
  for (const item of items) {
    if (item.tagName !== "BUTTON") continue;
    item.setAttribute("role", "menuitem");
    item.tabIndex = -1;
  }
  const button = h("button", { class: "tb", id: "grid-more", type: "button", "aria-haspopup": "menu", "aria-expanded": "false" }, `${label} ▾`);
  const menu = h("div", { class: "tg-menu tg-more-menu card", role: "menu", "data-testid": "grid-more-menu", hidden: true }, items);
  const entries = () => [...menu.querySelectorAll("[role='menuitem']")];
  const away = (e) => {
    if (!wrap.contains(e.target)) close(false);
  };
  const open = () => {
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    document.addEventListener("pointerdown", away);
    entries()[0]?.focus();
  };
  function close(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", away);
    if (refocus) button.focus();
  }
  button.addEventListener("click", () => (menu.hidden ? open() : close(true)));
  button.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && menu.hidden) {
      e.preventDefault();
      open();
    }
  });
  menu.addEventListener("keydown", (e) => {
    const list = entries();
    const to = menuStep(e.key, list.indexOf(document.activeElement), list.length);
    if (to !== null) {
      e.preventDefault();
      list[to].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === "Tab") {
      close(false);
    }
  });
  // An item runs first (its own click handler), then the menu closes.
  menu.addEventListener("click", (e) => {
    if (e.target.closest("[role='menuitem']")) close(false);
  });
  const wrap = h("span", { class: "tg-more" }, button, menu);
  return wrap;
}
