// Keyboard shortcuts as the user's system writes them: ⌘ on macOS, Ctrl elsewhere. Every hint,
// tooltip and label that names a shortcut goes through `shortcut`.

/** True on macOS (the webview reports the platform the app runs on). */
export function isMac(nav = globalThis.navigator) {
  const platform = nav?.userAgentData?.platform || nav?.platform || nav?.userAgent || "";
  return /mac/i.test(platform);
}

const MAC = { Mod: "⌘", Shift: "⇧", Alt: "⌥", Ctrl: "⌃", Enter: "↩", Backspace: "⌫", Delete: "⌦" };
const OTHER = { Mod: "Ctrl" };

/** "Mod+Shift+Z" → "⌘⇧Z" on macOS, "Ctrl+Shift+Z" elsewhere. Letters are shown upper case. */
export function shortcut(keys, mac = isMac()) {
  const parts = keys.split("+").map((k) => (k.length === 1 ? k.toUpperCase() : k));
  if (mac) return parts.map((k) => MAC[k] ?? k).join("");
  return parts.map((k) => OTHER[k] ?? k).join("+");
}
