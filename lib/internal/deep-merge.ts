const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

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
