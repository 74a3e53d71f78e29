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
    /** Remembers `answer`; resolves to what the settings now hold. */
    async remember(answer) {
      cached = (await invoke("targets_remember_choice", { choice: answer })) ?? null;
      return cached;
    },
    /** Forgets the answer, so the question is asked again. */
    async forget() {
      cached = (await invoke("targets_remember_choice", { choice: null })) ?? null;
      return cached;
    },
  };
}
