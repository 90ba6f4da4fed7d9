/**
 * Process-wide state lives on `globalThis` under a versioned symbol, so that two copies of
 * hivetrace in one process (a CJS and an ESM consumer, or two nested node_modules) share one
 * registry instead of silently splitting it.
 */
const KEY = Symbol.for('hivetrace.global.v1');

type Store = Record<string, unknown>;

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  let s = g[KEY];
  if (!s) {
    s = Object.create(null) as Store;
    Object.defineProperty(g, KEY, { value: s, enumerable: false, configurable: true, writable: false });
  }
  return s;
}

/** Returns the process-wide slot `name`, creating it with `init` the first time. */
export function globalSlot<T>(name: string, init: () => T): T {
  const s = store();
  if (!(name in s)) s[name] = init();
  return s[name] as T;
}
