// "Remember my choice": the answer to "what about the children / the parent?" kept in the app's
// settings (so it survives a restart), read once and cached; Settings → Targets forgets it.
// `invoke(command, args)` is the app's call (injected, so node tests can stand in for it).

export function rememberedStore(invoke) {
  let cached; // undefined until read
  return {
    /** The remembered answer `{children, parent}`, or null. */
    async get() {
      if (cached === undefined) cached = (await invoke("targets_remembered_choice")) ?? null;
      return cached;
    },
    /** Remembers `answer`; resolves to what the settings now hold. A failure rejects and
     * leaves the cached answer as it was (the question is asked again next time). */
    async remember(answer) {
      cached = (await invoke("targets_remember_choice", { choice: answer })) ?? null;
      return cached;
    },
    /** Remembers `answer` for a change that goes ahead either way: resolves to whether it was
     * saved; never rejects, so a settings failure cannot stop the edit. */
    async tryRemember(answer) {
      try {
        await this.remember(answer);
        return true;
      } catch {
        return false;
      }
    },
    /** Forgets the answer, so the question is asked again. */
    async forget() {
      cached = (await invoke("targets_remember_choice", { choice: null })) ?? null;
      return cached;
    },
  };
}
