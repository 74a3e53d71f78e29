// Tiny helpers for building DOM without innerHTML on data (no injection from workspace text).

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  el.append(...nodes(children));
  return el;
}

/** Replaces an element's children; like `h`, null/undefined/false children are left out (the
 * native `replaceChildren` would write them as the text "null"). */
export function fill(el, ...children) {
  el.replaceChildren(...nodes(children));
  return el;
}

function nodes(children) {
  return children
    .flat()
    .filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
}

/** Ctrl/⌘+Z undoes and Ctrl/⌘+Shift+Z redoes anywhere in the window except while typing or in a
 * dialog; returns the function that stops listening (call it when the section goes away). */
export function listenUndoKeys(undo, redo) {
  const keys = (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== "z" || e.target.closest?.("input,dialog")) return;
    e.preventDefault();
    if (e.shiftKey) redo();
    else undo();
  };
  document.addEventListener("keydown", keys);
  return () => document.removeEventListener("keydown", keys);
}
