import type { AttributeValue } from '@opentelemetry/api';
import type { CaptureLimits } from './CaptureOptions';
import type { SafeJson } from './sanitize';
import type { KeyNode } from './KeyCache';
import { KeyCache } from './KeyCache';
import { truncateString } from './sanitize';

/** The attribute key under which whatever did not fit a namespace is kept, as bounded JSON. */
export const TRUNCATED_KEY = '__truncated';

/** What a span may still spend on captured values; shared by every capture into that span. */
export interface ByteBudget {
  /** Characters (UTF-16 code units, as an estimate) left. */
  remaining: number;
  /** Attributes left (so that capture never crowds out output, error and duration). */
  attributes: number;
  /** Characters it started with, when it is a span's (so delivery can tell what was captured). */
  readonly limit?: number;
}

/** Flattened attributes, in insertion order. */
export type FlatAttributes = Record<string, AttributeValue>;

/** Where flattened attributes go: a span, or anything with `setAttribute`. */
export interface AttributeSink {
  setAttribute(key: string, value: AttributeValue): unknown;
}

interface FlatState {
  readonly keys: KeyCache;
  readonly limits: Readonly<CaptureLimits>;
  readonly out: AttributeSink;
  readonly budget: ByteBudget;
  left: number;
  overflow: Record<string, SafeJson> | undefined;
  overflowSize: number;
}

function emit(st: FlatState, key: string, value: AttributeValue, size: number): boolean {
  if (st.left <= 1 || st.budget.attributes <= 1 || st.budget.remaining - (key.length + size) < 0)
    return false;
  st.out.setAttribute(key, value);
  st.left--;
  st.budget.attributes--;
  st.budget.remaining -= key.length + size;
  return true;
}

function spill(st: FlatState, key: string, node: SafeJson): void {
  if (!st.overflow) st.overflow = {};
  if (st.overflowSize > st.limits.maxStringLength) return;
  st.overflow[key] = node;
  st.overflowSize += key.length + (typeof node === 'string' ? node.length : 16);
}

function boundedJson(node: SafeJson, max: number): string {
  // node is already bounded by sanitize, so stringify is bounded too; the cut keeps it in limits.
  return truncateString(JSON.stringify(node), max);
}

function walk(st: FlatState, at: KeyNode, node: SafeJson, depth: number): void {
  const key = at.key;
  if (st.overflow) return spill(st, key, node);
  if (node === null) return;
  if (typeof node !== 'object') {
    const size = typeof node === 'string' ? node.length : 8;
    if (!emit(st, key, node, size)) spill(st, key, node);
    return;
  }
  const isArray = Array.isArray(node);
  const keys = isArray ? null : Object.keys(node);
  if ((isArray ? node.length : keys!.length) === 0) {
    if (!emit(st, key, isArray ? '[]' : '{}', 2)) spill(st, key, node);
    return;
  }
  if (depth >= st.limits.maxDepth) {
    const json = boundedJson(node, st.limits.maxStringLength);
    if (!emit(st, key, json, json.length)) spill(st, key, node);
    return;
  }
  const cache = st.keys;
  if (isArray) {
    for (let i = 0; i < node.length; i++) walk(st, cache.child(at, i), node[i]!, depth + 1);
  } else {
    for (const k of keys!) walk(st, cache.child(at, k), (node as Record<string, SafeJson>)[k]!, depth + 1);
  }
}

/**
 * Flattens sanitized JSON into span attributes under `prefix`: objects by key, arrays by index,
 * primitives as they are, `null` skipped, empty containers as `'{}'` / `'[]'`. Past the depth
 * limit a subtree becomes one JSON string; past the attribute or byte limit, the rest becomes one
 * bounded JSON string under `<prefix>.__truncated`.
 *
 * @param prefix - e.g. `honeyhive_inputs`, or `honeyhive_inputs.query` for a single value
 * @param sink - where attributes go (a span); when omitted they are returned as a record
 * @param keys - where attribute keys are reused from (a capturer's cache), when given
 * @returns the attributes, when no sink was given
 */
export function flattenAttributes(
  prefix: string,
  value: SafeJson | undefined,
  limits: Readonly<CaptureLimits>,
  budget: ByteBudget = { remaining: limits.maxBytesPerSpan, attributes: Infinity },
  sink?: AttributeSink,
  keys: KeyCache = new KeyCache(0),
): FlatAttributes {
  const record: FlatAttributes = {};
  const out: AttributeSink = sink ?? {
    setAttribute: (k: string, v: AttributeValue) => {
      record[k] = v;
    },
  };
  if (value === undefined) return record;
  const st: FlatState = {
    keys,
    limits,
    out,
    budget,
    left: limits.maxAttributesPerNamespace,
    overflow: undefined,
    overflowSize: 0,
  };
  walk(st, keys.root(prefix), value, prefix.split('.').length - 1);
  if (st.overflow) {
    const rest = boundedJson(st.overflow, limits.maxStringLength);
    const marked = `${rest} …[truncated: attribute or byte limit reached]`;
    out.setAttribute(`${prefix.split('.')[0]}.${TRUNCATED_KEY}`, marked);
    budget.remaining -= marked.length;
  }
  return record;
}
