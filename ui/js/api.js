// The only door to Rust: app commands by name. Errors arrive as { code, message }.

import { retryWhenBusy } from "./errors.js";
import { lang } from "./i18n.js";

const tauri = window.__TAURI__;

export async function call(command, args = {}) {
  // A `busy` workspace (an index rebuild holding the lock) is tried once more after a pause.
  return retryWhenBusy(() => tauri.core.invoke(command, args), lang());
}

export function on(event, handler) {
  return tauri.event.listen(event, (e) => handler(e.payload));
}

/** A channel Rust streams progress into (long imports and exports). */
export function channel(onMessage) {
  const ch = new tauri.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

/**
 * For requests that may overlap (a picker clicked twice, a key typed while a preview loads):
 * `const current = requests();` starts one and `current()` stays true only while no newer one
 * has started, so a slow answer never overwrites the screen of a newer request.
 */
export function newestOnly() {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}
