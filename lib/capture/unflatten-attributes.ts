/** A rebuilt nested value. */
export type Nested = { [key: string]: unknown };

function toArrays(node: unknown): unknown {
  if (node === null || typeof node !== 'object') {
    if (node === '{}') return {};
    if (node === '[]') return [];
    return node;
  }
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  for (const k of keys) obj[k] = toArrays(obj[k]);
  const isIndexed = keys.length > 0 && keys.every((k, i) => k === String(i));
  return isIndexed ? keys.map((k) => obj[k]) : obj;
}

/**
 * Rebuilds the nested object of one namespace from flat attributes: the inverse of
 * `flattenAttributes` for plain JSON within limits (keys without dots).
 *
 * @param attributes - span attributes
 * @param prefix - the namespace, e.g. `honeyhive_inputs`
 */
export function unflattenAttributes(
  attributes: Readonly<Record<string, unknown>>,
  prefix: string,
): Nested | undefined {
  const root = Object.create(null) as Record<string, unknown>;
  const head = `${prefix}.`;
  let any = false;
  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith(head)) continue;
    any = true;
    const parts = key.slice(head.length).split('.');
    let cur = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      const next = cur[p];
      if (next === null || typeof next !== 'object') cur[p] = Object.create(null) as Record<string, unknown>;
      cur = cur[p] as Record<string, unknown>;
    }
    cur[parts[parts.length - 1]!] = value;
  }
  if (!any) return undefined;
  return toArrays(JSON.parse(JSON.stringify(root))) as Nested;
}
