import { decodeCompact } from './compact-json';

/** A rebuilt nested value. */
export type Nested = { [key: string]: unknown };

function toArrays(node: unknown): unknown {
  if (node === null || typeof node !== 'object') {
    if (node === '{}') return {};
    if (node === '[]') return [];
    return node;
  }
  if (Array.isArray(node)) return node;
  const obj = node as Record<string, unknown>;
  const keys = Object.keys(obj);
  const plain: Record<string, unknown> = {};
  for (const k of keys) {
    // keys are data; a "__proto__" key must stay a key, never become a prototype
    Object.defineProperty(plain, k, {
      value: toArrays(obj[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const isIndexed = keys.length > 0 && keys.every((k, i) => k === String(i));
  return isIndexed ? keys.map((k) => plain[k]) : plain;
}

/**
 * Rebuilds a nested object from `[dotted path, value]` pairs (paths relative to a namespace):
 * objects by key, runs of 0..n keys as arrays, `'{}'` / `'[]'` as empty containers.
 */
export function nestFlat(entries: Iterable<readonly [string, unknown]>): Nested | undefined {
  const root = Object.create(null) as Record<string, unknown>;
  let any = false;
  for (const [path, value] of entries) {
    any = true;
    const parts = path.split('.');
    let cur = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      const next = cur[p];
      if (next === null || typeof next !== 'object' || Array.isArray(next))
        cur[p] = Object.create(null) as Record<string, unknown>;
      cur = cur[p] as Record<string, unknown>;
    }
    cur[parts[parts.length - 1]!] = value;
  }
  if (!any) return undefined;
  return toArrays(root) as Nested;
}

/**
 * Rebuilds the nested object of one namespace from flat attributes: the inverse of
 * `flattenAttributes` for plain JSON within limits (keys without dots).
 *
 * @param attributes - span attributes
 * @param prefix - the namespace, e.g. `honeyhive_inputs`
 * @param compact - decode values captured as one JSON string (inputs and outputs)
 */
export function unflattenAttributes(
  attributes: Readonly<Record<string, unknown>>,
  prefix: string,
  compact = false,
): Nested | undefined {
  const head = `${prefix}.`;
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(attributes)) {
    if (!key.startsWith(head)) continue;
    const value = attributes[key];
    entries.push([key.slice(head.length), compact ? decodeCompact(value) : value]);
  }
  return nestFlat(entries);
}
