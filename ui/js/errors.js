// What a failed call throws: always { code, message }. Rust's errors arrive in that shape. An
// argument a command refused arrives as text from the IPC layer with the core's
// {"code","zh","en"} inside (see `Refused` in the core's error.rs): it is read back into the
// user's language. Anything else is an internal error carrying its text.
import { CODES } from "./error_codes.js";

export function fromInvoke(err, lang) {
  if (err && typeof err === "object" && "code" in err) return err;
  const text = String(err);
  const at = text.indexOf('{"code"');
  if (at >= 0) {
    try {
      const e = JSON.parse(text.slice(at, text.lastIndexOf("}") + 1));
      if ([e.code, e.zh, e.en].every((v) => typeof v === "string")) {
        return { code: e.code, message: lang === "en" ? e.en : e.zh };
      }
    } catch {
      // Not a refused argument: reported as it is below.
    }
  }
  return { code: CODES.internal, message: text };
}

// `busy`: another connection (the background rebuild of a large import's indexes) held the
// workspace's write lock beyond the wait. Nothing failed and nothing was written: the call is
// tried once more after a short pause, and if it is still busy the message is a calm notice
// ("try again in a moment"), not a red error.

/** Milliseconds before a busy call is tried again. */
export const BUSY_RETRY_MS = 2000;

export function isBusy(err) {
  return err?.code === CODES.busy;
}

/**
 * Runs `attempt()` (one invoke); when it fails with `busy`, waits `waitMs` and runs it once
 * more. Every failure is thrown as { code, message } in `lang`.
 */
export async function retryWhenBusy(attempt, lang, { waitMs = BUSY_RETRY_MS, sleep = pause } = {}) {
  try {
    return await attempt();
  } catch (first) {
    const err = fromInvoke(first, lang);
    if (!isBusy(err)) throw err;
  }
  await sleep(waitMs);
  try {
    return await attempt();
  } catch (second) {
    throw fromInvoke(second, lang);
  }
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
