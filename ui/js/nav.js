// Where each section is looking (its node, period, tab…), kept while the workspace stays open.

/** Where each section is looking, by section; `reset()` forgets all of it (another workspace). */
export function navStore() {
  let navs = new Map();
  return {
    /** The section's state, made by `init()` the first time it is asked for. */
    of(key, init) {
      if (!navs.has(key)) navs.set(key, init());
      return navs.get(key);
    },
    reset() {
      navs = new Map();
    },
    /** Forgets the state of the sections named (they look at the plan year afresh). */
    forget(...keys) {
      for (const key of keys) navs.delete(key);
    },
  };
}
