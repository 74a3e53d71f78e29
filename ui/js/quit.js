// Ctrl+Q (⌘Q on macOS) leaves the app from anywhere in the window, like File → Quit: Rust backs
// the workspace up if it changed, empties the write-ahead log into the file and closes it.

import { call } from "./api.js";
import { isMac } from "./keys.js";

/** True for the key press that quits: ⌘Q on macOS, Ctrl+Q elsewhere, without Shift or Alt. */
export function isQuitKey(event, mac = isMac()) {
  const mod = mac ? event.metaKey : event.ctrlKey;
  return mod && !event.shiftKey && !event.altKey && (event.key === "q" || event.key === "Q");
}

export function listenForQuit(onError) {
  document.addEventListener("keydown", (event) => {
    if (!isQuitKey(event)) return;
    event.preventDefault();
    call("app_quit").catch(onError);
  });
}
