import { utilTypes as types } from '../internal/util-types';
import type { CaptureLimits } from './CaptureOptions';
import type { RedactionRule } from './redaction';
import { REDACTED } from './redaction';

/** A plain JSON value: what sanitize produces. */
export type SafeJson = string | number | boolean | null | SafeJson[] | { [key: string]: SafeJson };

/** Markers that show where hivetrace cut or replaced something. */
export const MARK = Object.freeze({
  circular: '[Circular]',
  depth: '[MaxDepth]',
  budget: '[Truncated: capture budget spent]',
  truncatedSuffix: (n: number) => `…[truncated ${n} chars]`,
  moreItems: (n: number) => `[… ${n} more items]`,
  moreKeysKey: '…',
  moreKeys: (n: number | string) => `[${n} more keys]`,
  getter: '[Getter]',
  proxy: '[Proxy]',
});

/**
 * `key` of `v` when it is a data property (own or inherited), without invoking any getter;
 * undefined when absent or an accessor. `key in v` first, so the common case allocates nothing.
 */
function dataProperty(v: object, key: string): unknown {
  if (!(key in v)) return undefined;
  for (let o: object | null = v; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

interface State {
  readonly limits: Readonly<CaptureLimits>;
  readonly redact: RedactionRule | undefined;
  /** Read accessors (getters) and look inside Proxies; off by default. */
  readonly invokeGetters: boolean;
  /** Characters still allowed; every emitted string and key draws on it. */
  budget: number;
  /** Primitive values still allowed; when none are left the budget counts as spent. */
  leaves: number;
  readonly ancestors: object[];
  readonly path: string[];
  /**
   * Answer a plain object or array that needs no change with the value itself instead of a copy
   * (for a caller that reads the result at once and keeps nothing: capture).
   */
  readonly share: boolean;
}

/** Cuts `s` to the string limit, with a visible marker. Costs O(limit), not O(s.length). */
export function truncateString(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max) + MARK.truncatedSuffix(s.length - max);
}

function safeString(s: string, st: State): string {
  const cut = truncateString(s, Math.max(0, Math.min(st.limits.maxStringLength, st.budget)));
  st.budget -= Math.min(s.length, st.limits.maxStringLength) + 3; // quotes and a comma
  // value rules run on the bounded string, so their cost is bounded too
  return st.redact ? st.redact.value(cut) : cut;
}

function className(v: object): string | undefined {
  try {
    const proto = Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null;
    if (proto === null || proto === Object.prototype) return undefined;
    const name = proto.constructor?.name;
    return typeof name === 'string' && name !== 'Object' ? name : undefined;
  } catch {
    return undefined;
  }
}

function describeThrown(prefix: string, err: unknown): string {
  try {
    return `[${prefix}: ${err instanceof Error ? err.message : String(err)}]`.slice(0, 200);
  } catch {
    return `[${prefix}]`;
  }
}

function entriesOfObject(v: object, st: State, out: Record<string, SafeJson>): void {
  let seen = 0;
  let keys: string[];
  try {
    keys = Object.keys(v);
  } catch (err) {
    out['[keys]'] = describeThrown('Unserializable', err);
    return;
  }
  const max = st.limits.maxItemsPerContainer;
  for (const key of keys) {
    if (seen >= max || st.budget <= 0) {
      out[MARK.moreKeysKey] = MARK.moreKeys(keys.length - seen);
      break;
    }
    seen++;
    st.budget -= key.length + 3; // quotes and a colon
    if (st.redact?.(key, st.path)) {
      out[key] = REDACTED;
      continue;
    }
    let child: unknown;
    try {
      if (st.invokeGetters) child = (v as Record<string, unknown>)[key];
      else {
        const d = Object.getOwnPropertyDescriptor(v, key);
        if (d && !('value' in d)) {
          out[key] = MARK.getter;
          continue;
        }
        child = d?.value;
      }
    } catch (err) {
      out[key] = describeThrown('Thrown', err);
      continue;
    }
    if (child === undefined) continue;
    st.path.push(key);
    const s = walk(child, st, st.ancestors.length);
    st.path.pop();
    if (s !== undefined) out[key] = s;
  }
}

function walkIterable(items: Iterable<unknown>, size: number, st: State): SafeJson[] {
  const out: SafeJson[] = [];
  const max = st.limits.maxItemsPerContainer;
  let i = 0;
  for (const item of items) {
    if (i >= max || st.budget <= 0) {
      out.push(MARK.moreItems(size - i));
      break;
    }
    st.path.push(String(i));
    const s = walk(item, st, st.ancestors.length);
    st.path.pop();
    out.push(s === undefined ? null : s);
    i++;
  }
  return out;
}

function walkArrayLike(arr: ArrayLike<unknown>, st: State): SafeJson[] {
  const out: SafeJson[] = [];
  const n = arr.length;
  const max = Math.min(n, st.limits.maxItemsPerContainer);
  for (let i = 0; i < max; i++) {
    if (st.budget <= 0) {
      out.push(MARK.moreItems(n - i));
      return out;
    }
    let item: unknown;
    try {
      item = arr[i];
    } catch (err) {
      out.push(describeThrown('Thrown', err));
      continue;
    }
    st.path.push(String(i));
    const s = walk(item, st, st.ancestors.length);
    st.path.pop();
    out.push(s === undefined ? null : s);
  }
  if (n > max) out.push(MARK.moreItems(n - max));
  return out;
}

/** The first `n` entries of `keys` of `v` (already found clean) in a new object. */
function copyKeys(v: object, keys: readonly string[], n: number): Record<string, SafeJson> {
  const out: Record<string, SafeJson> = {};
  for (let i = 0; i < n; i++) out[keys[i]!] = (v as Record<string, SafeJson>)[keys[i]!]!;
  return out;
}

/**
 * A plain object, read like `entriesOfObject`, answered as itself while every key holds a data
 * property whose sanitized value is the value itself; copied from the first key that differs.
 */
function sharedObject(v: object, st: State): SafeJson {
  let keys: string[];
  try {
    keys = Object.keys(v);
  } catch (err) {
    return { '[keys]': describeThrown('Unserializable', err) };
  }
  const max = st.limits.maxItemsPerContainer;
  let out: Record<string, SafeJson> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (i >= max || st.budget <= 0) {
      out ??= copyKeys(v, keys, i);
      out[MARK.moreKeysKey] = MARK.moreKeys(keys.length - i);
      break;
    }
    st.budget -= key.length + 3; // quotes and a colon
    let s: SafeJson | undefined;
    let child: unknown;
    if (st.redact?.(key, st.path)) s = REDACTED;
    else {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && !('value' in d)) s = MARK.getter;
      else {
        child = d?.value;
        st.path.push(key);
        s = child === undefined ? undefined : walk(child, st, st.ancestors.length);
        st.path.pop();
      }
    }
    if (out === undefined && (s !== child || s === undefined)) out = copyKeys(v, keys, i);
    if (out !== undefined && s !== undefined) out[key] = s;
  }
  return out ?? (v as SafeJson);
}

/** A plain array, read like `walkArrayLike`, answered as itself while no item changes. */
function sharedArray(arr: unknown[], st: State): SafeJson {
  const n = arr.length;
  const max = Math.min(n, st.limits.maxItemsPerContainer);
  let out: SafeJson[] | undefined;
  for (let i = 0; i < max; i++) {
    if (st.budget <= 0) {
      out ??= arr.slice(0, i) as SafeJson[];
      out.push(MARK.moreItems(n - i));
      return out;
    }
    const item = arr[i];
    st.path.push(String(i));
    const s = walk(item, st, st.ancestors.length);
    st.path.pop();
    if (out === undefined && (s !== item || s === undefined)) out = arr.slice(0, i) as SafeJson[];
    if (out !== undefined) out.push(s === undefined ? null : s);
  }
  if (n > max) {
    out ??= arr.slice(0, max) as SafeJson[];
    out.push(MARK.moreItems(n - max));
  }
  return out ?? (arr as SafeJson);
}

function walkError(e: Error, st: State): SafeJson {
  const out: Record<string, SafeJson> = {};
  try {
    out.name = safeString(String(e.name), st);
    out.message = safeString(String(e.message), st);
    if (typeof e.stack === 'string') out.stack = safeString(e.stack, st);
    if ('cause' in e && e.cause !== undefined) {
      const c = walk(e.cause, st, st.ancestors.length);
      if (c !== undefined) out.cause = c;
    }
  } catch (err) {
    out.error = describeThrown('Unserializable', err);
  }
  return out;
}

/**
 * 'object' for a plain object (prototype Object.prototype or null), 'array' for a plain array,
 * neither with a `then` or `toJSON` anywhere; undefined for everything else. `in` runs no getter.
 */
function plainKind(v: object): 'object' | 'array' | undefined {
  const proto = Object.getPrototypeOf(v) as unknown;
  const kind =
    proto === Object.prototype || proto === null
      ? 'object'
      : proto === Array.prototype && Array.isArray(v)
        ? 'array'
        : undefined;
  if (kind === undefined || 'then' in v || 'toJSON' in v) return undefined;
  return kind;
}

function walkObject(v: object, st: State, depth: number): SafeJson | undefined {
  try {
    return walkObjectUnsafe(v, st, depth);
  } catch (err) {
    return describeThrown('Unserializable', err);
  }
}

function walkObjectUnsafe(v: object, st: State, depth: number): SafeJson | undefined {
  if (st.ancestors.includes(v)) return MARK.circular;
  if (depth > st.limits.maxDepth * 2) return MARK.depth;
  if (st.budget <= 0) return MARK.budget;
  st.budget -= 3; // brackets and a comma
  if (!st.invokeGetters && types.isProxy(v)) return MARK.proxy;
  const plain = plainKind(v);
  if (plain !== undefined) {
    // the common case (JSON-like data): none of the special types below can apply
    st.ancestors.push(v);
    try {
      if (st.share) return plain === 'array' ? sharedArray(v as unknown[], st) : sharedObject(v, st);
      if (plain === 'array') return walkArrayLike(v as unknown[], st);
      const out: Record<string, SafeJson> = {};
      entriesOfObject(v, st, out);
      return out;
    } finally {
      st.ancestors.pop();
    }
  }
  if (types.isPromise(v)) return '[Promise]';
  if (v instanceof Date) {
    st.budget -= 27;
    return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  }
  if (v instanceof RegExp) return safeString(String(v), st);
  if (types.isAnyArrayBuffer(v)) return `[${className(v) ?? 'ArrayBuffer'} byteLength=${v.byteLength}]`;
  if (ArrayBuffer.isView(v)) {
    const name = Buffer.isBuffer(v) ? 'Buffer' : (className(v) ?? 'TypedArray');
    return `[${name} byteLength=${v.byteLength}]`;
  }
  if (types.isWeakMap(v) || types.isWeakSet(v)) return `[${className(v) ?? 'Weak'}]`;
  const then = st.invokeGetters ? (v as { then?: unknown }).then : dataProperty(v, 'then');
  if (typeof then === 'function') return `[Thenable ${className(v) ?? 'object'}]`;
  st.ancestors.push(v);
  try {
    if (v instanceof Error) return walkError(v, st);
    if (Array.isArray(v)) return walkArrayLike(v, st);
    if (v instanceof Map) return walkMap(v, st, depth);
    if (v instanceof Set) return walkIterable(v, v.size, st);
    const toJSON = st.invokeGetters ? (v as { toJSON?: unknown }).toJSON : dataProperty(v, 'toJSON');
    if (typeof toJSON === 'function') {
      try {
        return walk(toJSON.call(v), st, depth + 1);
      } catch (err) {
        return describeThrown('toJSON threw', err);
      }
    }
    const out: Record<string, SafeJson> = {};
    const cls = className(v);
    if (cls) out.__class = cls;
    entriesOfObject(v, st, out);
    return out;
  } finally {
    st.ancestors.pop();
  }
}

/** A Map as an object of its first entries (keys as strings), redacted like an object. */
function walkMap(v: Map<unknown, unknown>, st: State, depth: number): Record<string, SafeJson> {
  const out: Record<string, SafeJson> = {};
  let i = 0;
  for (const [k, val] of v) {
    if (i++ >= st.limits.maxItemsPerContainer || st.budget <= 0) {
      out[MARK.moreKeysKey] = MARK.moreKeys(v.size - i + 1);
      break;
    }
    const key = typeof k === 'string' ? k : String(walk(k, st, depth + 1));
    st.budget -= key.length + 3; // quotes and a colon
    if (st.redact?.(key, st.path)) {
      out[key] = REDACTED;
      continue;
    }
    st.path.push(key);
    const s = walk(val, st, depth + 1);
    st.path.pop();
    if (s !== undefined) out[key] = s;
  }
  return out;
}

function walk(v: unknown, st: State, depth: number): SafeJson | undefined {
  if (typeof v !== 'object' && --st.leaves <= 0) st.budget = Math.min(st.budget, 0);
  switch (typeof v) {
    case 'string':
      return safeString(v, st);
    case 'number':
      // as JSON writes it: a small integer in a few digits, a fraction in up to 20
      st.budget -= Number.isInteger(v) && v < 1e7 && v > -1e7 ? 8 : 21;
      return Number.isFinite(v) ? v : String(v);
    case 'boolean':
      st.budget -= 6;
      return v;
    case 'bigint':
      return safeString(`${v.toString()}n`, st);
    case 'symbol':
      return safeString(v.toString(), st);
    case 'function':
      return `[Function ${(v as { name?: string }).name || 'anonymous'}]`;
    case 'undefined':
      return undefined;
    default:
      if (v === null) {
        st.budget -= 5;
        return null;
      }
      return walkObject(v as object, st, depth + 1);
  }
}

/**
 * Turns any value into bounded plain JSON, without throwing and without mutating it. Work is
 * bounded by the limits (items per container, string length, a character budget), not by the
 * size of the value: a 1 MB string or a 1e6-element array costs about what the limit costs.
 *
 * @param value - anything
 * @param limits - the capture limits
 * @param redact - the compiled redaction rule, if redaction is on
 * Own data properties are read by descriptor: a getter is recorded as `[Getter]`, not invoked,
 * and a Proxy as `[Proxy]` (no trap runs), unless `invokeGetters` is set. A `then` is never
 * called; a `toJSON` is called once per value it is found on.
 *
 * @param budget - characters this value may use (defaults to the per-span byte limit)
 * @param invokeGetters - read accessors and look through Proxies (default false)
 * @param maxLeaves - primitive values kept at most (capture passes what the attribute limit can
 *   hold, so a large value is not walked further than it can be recorded)
 * @param share - answer plain objects and arrays that need no change as themselves, not copies
 *   (only for a caller that reads the result at once and keeps nothing of it)
 * @returns plain JSON, or undefined for `undefined`
 */
export function sanitize(
  value: unknown,
  limits: Readonly<CaptureLimits>,
  redact?: RedactionRule,
  budget: number = limits.maxBytesPerSpan,
  invokeGetters = false,
  maxLeaves = Infinity,
  share = false,
): SafeJson | undefined {
  try {
    const st: State = {
      limits,
      redact,
      invokeGetters,
      budget,
      leaves: maxLeaves,
      ancestors: [],
      path: [],
      share: share && !invokeGetters,
    };
    return walk(value, st, 0);
  } catch (err) {
    return describeThrown('Unserializable', err);
  }
}
