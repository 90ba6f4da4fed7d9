const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Fills `target` in place from `source`, keeping what it holds: a key is set only where target
 * has none, objects are filled recursively. Returns target.
 */
export function deepFill(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  for (const [k, v] of Object.entries(source)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const cur = target[k];
    if (cur === undefined) target[k] = v;
    else if (isPlain(cur) && isPlain(v)) target[k] = deepFill({ ...cur }, v);
  }
  return target;
}

/** Merges `source` into `target` in place: objects recursively, anything else replaced. Returns target. */
export function deepMerge(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  for (const [k, v] of Object.entries(source)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const cur = target[k];
    target[k] = isPlain(cur) && isPlain(v) ? deepMerge({ ...cur }, v) : v;
  }
  return target;
}
