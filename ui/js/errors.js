// What a failed call throws: always { code, message }. Rust's errors arrive in that shape. An
// argument a command refused arrives as text from the IPC layer with the core's
// {"code","zh","en"} inside (see `Refused` in the core's error.rs): it is read back into the
// user's language. Anything else is an internal error carrying its text.

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
  return { code: "internal", message: text };
}
