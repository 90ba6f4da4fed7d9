const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Merges `source` into `target` in place, objects recursively; a leaf target holds is replaced only when `overwrite`. */
function mergeInto(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  overwrite: boolean,
): Record<string, unknown> {
  for (const [k, v] of Object.entries(source)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const cur = target[k];
    if (isPlain(cur) && isPlain(v)) target[k] = mergeInto({ ...cur }, v, overwrite);
    else if (overwrite || cur === undefined) target[k] = v;
  }
  return target;
}

/** Merges `source` into `target` in place: objects recursively, anything else replaced. Returns target. */
export function deepMerge(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  return mergeInto(target, source, true);
}

/**
 * Fills `target` in place from `source`, keeping what it holds: a key is set only where target
 * has none, objects are filled recursively. Returns target.
 */
export function deepFill(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  return mergeInto(target, source, false);
}
