import { decodeCompact } from '../capture/compact-json';
import { nestFlat } from '../capture/unflatten-attributes';
import { deepFill, deepMerge } from '../internal/deep-merge';
import type { Convention, ConventionRule, MappedField, MappedScalar } from './convention-types';
import { AI_SDK } from './ai-sdk';
import { GENAI } from './genai';
import type { EventField, EventType } from './honeyhive';
import { NAMESPACE_TABLE } from './honeyhive';
import { toolCallOf } from './message-parts';
import { messageList, promptMessages, systemMessage } from './messages';
import { HONEYHIVE_EXTRAS } from './honeyhive-extras';
import { OPENINFERENCE } from './openinference';
import { TRACELOOP } from './traceloop';

/** The LLM conventions hivetrace maps, in precedence order. */
export const CONVENTIONS: readonly Convention[] = Object.freeze([
  HONEYHIVE_EXTRAS,
  OPENINFERENCE,
  GENAI,
  AI_SDK,
  TRACELOOP,
]);

/** A span's attributes read as a HoneyHive event. */
export interface MappedAttributes {
  /** The event type a convention's span kind names, if any. */
  eventType: EventType | undefined;
  /** Every namespace field: conventions first, HoneyHive's own namespaces merged over them. */
  fields: Record<EventField, Record<string, unknown>>;
  /** Event-level values a convention named (session, project, source, user). */
  scalars: Partial<Record<MappedScalar, string>>;
  /**
   * Every attribute exactly as received, but HoneyHive's own: its namespaces (rebuilt whole in
   * `fields`) and the attributes `skip` names (read into the event by the caller).
   */
  raw: Record<string, unknown>;
}

type Any = Record<string, unknown>;
type Entry = [string, unknown];

interface Indexed {
  exact: Map<string, { rule: ConventionRule; order: number }>;
  prefixes: { prefix: string; rule: ConventionRule; order: number }[];
  kinds: Map<string, Convention>;
  hints: Set<string>;
}

const PHASE = {
  messages: 0,
  'json-messages': 0,
  answer: 0,
  value: 1,
  scalar: 1,
  spread: 1,
  prefix: 1,
  payload: 2,
};

function index(conventions: readonly Convention[]): Indexed {
  const idx: Indexed = { exact: new Map(), prefixes: [], kinds: new Map(), hints: new Set() };
  conventions.forEach((c, ci) => {
    if (c.kind) idx.kinds.set(c.kind.attribute, c);
    for (const h of c.modelHints ?? []) idx.hints.add(h);
    c.rules.forEach((rule, ri) => {
      const order = PHASE[rule.kind] * 10_000 + ci * 100 + ri;
      if ('prefix' in rule) idx.prefixes.push({ prefix: rule.prefix, rule, order });
      else if (!idx.exact.has(rule.attribute)) idx.exact.set(rule.attribute, { rule, order });
    });
  });
  return idx;
}

const INDEX = index(CONVENTIONS);
const NAMESPACE_BY_PREFIX = new Map<string, EventField>(NAMESPACE_TABLE.map((n) => [n.attribute, n.field]));
/** The namespaces whose values may be compact JSON strings (arguments and results). */
const COMPACT_FIELDS = new Set<EventField>(NAMESPACE_TABLE.filter((n) => n.compact).map((n) => n.field));

const isObject = (v: unknown): v is Any => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** Decodes a value that is JSON of anything (a string, a number, an object); the value itself when not JSON. */
function decodeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a dotted path in a plain object; a path through `__proto__` (or the like) is dropped. */
function setPath(target: Any, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.some((p) => UNSAFE_KEYS.has(p))) return;
  let cur = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    if (!isObject(cur[p])) cur[p] = {};
    cur = cur[p] as Any;
  }
  const last = parts[parts.length - 1]!;
  if (cur[last] === undefined) cur[last] = value;
}

function putMessages(field: Any, key: string | undefined, list: unknown[], prepend = false): void {
  if (list.length === 0) return;
  if (key) {
    const cur = Array.isArray(field[key]) ? (field[key] as unknown[]) : [];
    field[key] = prepend ? [...list, ...cur] : [...cur, ...list];
    return;
  }
  for (const [k, v] of Object.entries(list[0] as Any)) if (field[k] === undefined) field[k] = v;
  if (list.length > 1) field.choices = list;
}

/** One part of the answer (its text, or its tool calls as a JSON list) into an assistant message. */
function putAnswer(outputs: Any, part: 'content' | 'tool_calls', value: unknown): void {
  if (part === 'content') {
    if (value === undefined || outputs.content !== undefined) return;
    outputs.role ??= 'assistant';
    outputs.content = value;
    return;
  }
  const parsed = parseJson(value);
  if (!Array.isArray(parsed) || parsed.length === 0 || outputs.tool_calls !== undefined) return;
  outputs.role ??= 'assistant';
  outputs.tool_calls = parsed.map(toolCallOf);
}

interface Match {
  order: number;
  rule: ConventionRule;
  value?: unknown;
  entries?: Entry[];
}

function apply(
  m: Match,
  fields: Record<MappedField, Any>,
  scalars: Partial<Record<MappedScalar, string>>,
  attrs: Readonly<Any>,
): boolean {
  const r = m.rule;
  switch (r.kind) {
    case 'value':
      setPath(fields[r.field], r.key, r.scale && typeof m.value === 'number' ? m.value * r.scale : m.value);
      return true;
    case 'answer':
      putAnswer(fields.outputs, r.part, m.value);
      return true;
    case 'scalar':
      if (m.value !== undefined && m.value !== null && m.value !== '') scalars[r.scalar] ??= String(m.value);
      return true;
    case 'spread': {
      const parsed = parseJson(m.value);
      if (!isObject(parsed)) return false;
      // first row wins, as for every rule: what an earlier row set (`llm.model_name`, the model
      // that answered) is not overwritten by the spread (`llm.invocation_parameters.model`)
      deepFill(fields[r.field], parsed);
      return true;
    }
    case 'payload': {
      const field = fields[r.field];
      if (Object.keys(field).length > 0) return true;
      const mime = r.mimeAttribute ? String(attrs[r.mimeAttribute] ?? '') : '';
      const parsed = r.json
        ? decodeJson(m.value)
        : mime && !mime.includes('json')
          ? m.value
          : parseJson(m.value);
      if (isObject(parsed)) deepMerge(field, parsed);
      else field[r.key] = parsed;
      return true;
    }
    case 'json-messages': {
      const parsed = parseJson(m.value);
      const list =
        r.prepend === 'system'
          ? [systemMessage(parsed)]
          : r.shape === 'ai-prompt'
            ? promptMessages(parsed)
            : messageList(parsed);
      putMessages(fields[r.field], r.key, list, r.prepend !== undefined);
      return true;
    }
    case 'messages':
      putMessages(fields[r.field], r.key, messageList(nestFlat(m.entries ?? []) ?? []));
      return true;
    case 'prefix':
      applyPrefix(r, m.entries ?? [], fields, scalars);
      return true;
  }
}

/** A prefix rule: every attribute under the prefix into its field (or an event-level value). */
function applyPrefix(
  r: Extract<ConventionRule, { kind: 'prefix' }>,
  entries: Entry[],
  fields: Record<MappedField, Any>,
  scalars: Partial<Record<MappedScalar, string>>,
): void {
  for (const [rest, v] of entries) {
    const scalar = r.scalars?.[rest];
    if (scalar) {
      if (v !== undefined && v !== null && v !== '') scalars[scalar] ??= String(v);
      continue;
    }
    setPath(fields[r.field], `${r.into ? `${r.into}.` : ''}${r.rename?.[rest] ?? rest}`, v);
    const also = r.also?.[rest];
    if (also) setPath(fields[also], rest, v);
  }
}

function emptyFields(): Record<EventField, Any> {
  const out = {} as Record<EventField, Any>;
  for (const n of NAMESPACE_TABLE) out[n.field] = {};
  return out;
}

/** A span's attributes sorted: HoneyHive's own namespaces, convention matches, the rest. */
interface SortedAttributes {
  own: Map<EventField, Entry[]>;
  raw: Any;
  unclaimed: Entry[];
  matches: Match[];
  eventType: EventType | undefined;
  hinted: boolean;
}

function sortAttributes(
  attributes: Readonly<Record<string, unknown>>,
  skip: (key: string) => boolean,
): SortedAttributes {
  const own = new Map<EventField, Entry[]>();
  const raw: Any = {};
  const unclaimed: Entry[] = [];
  const matches: Match[] = [];
  const grouped = new Map<ConventionRule, Match>();
  let eventType: EventType | undefined;
  let hinted = false;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (value === undefined) continue;
    const dot = key.indexOf('.');
    const ns = dot > 0 ? NAMESPACE_BY_PREFIX.get(key.slice(0, dot)) : undefined;
    if (ns) {
      const entry: Entry = [key.slice(dot + 1), COMPACT_FIELDS.has(ns) ? decodeCompact(value) : value];
      const list = own.get(ns);
      if (list) list.push(entry);
      else own.set(ns, [entry]);
      continue;
    }
    if (skip(key)) continue;
    raw[key] = value;
    const kindOf = INDEX.kinds.get(key);
    if (kindOf) {
      eventType ??= kindOf.kind!.types[String(value).toUpperCase()];
      continue;
    }
    if (INDEX.hints.has(key)) hinted = true;
    const exact = INDEX.exact.get(key);
    if (exact) {
      matches.push({ order: exact.order, rule: exact.rule, value });
      continue;
    }
    const p = INDEX.prefixes.find((x) => key.startsWith(x.prefix));
    if (p) {
      let g = grouped.get(p.rule);
      if (!g) {
        g = { order: p.order, rule: p.rule, entries: [] };
        grouped.set(p.rule, g);
        matches.push(g);
      }
      g.entries!.push([key.slice(p.prefix.length), value]);
      continue;
    }
    unclaimed.push([key, value]);
  }
  return { own, raw, unclaimed, matches, eventType, hinted };
}

const NAMED = CONVENTIONS.filter((c) => c.names || c.fallbacks);

/** The conventions' event names (by event type) and their fallback keys. */
function nameAndFallbacks(
  attributes: Readonly<Any>,
  eventType: EventType | undefined,
  fields: Record<MappedField, Any>,
  scalars: Partial<Record<MappedScalar, string>>,
): void {
  for (const c of NAMED) {
    for (const n of c.names ?? []) {
      const v = attributes[n.attribute];
      if (eventType && n.types.includes(eventType) && typeof v === 'string' && v !== '')
        scalars.event_name ??= v;
    }
    for (const f of c.fallbacks ?? []) {
      const from = fields[f.from[0]][f.from[1]];
      if (from !== undefined && fields[f.to[0]][f.to[1]] === undefined) fields[f.to[0]][f.to[1]] = from;
    }
  }
}

/**
 * Reads a span's attributes as a HoneyHive event: LLM conventions (OpenInference, OpenTelemetry
 * GenAI, Traceloop) mapped by their tables, HoneyHive's namespaces (`honeyhive_inputs.*`, …)
 * rebuilt and merged over them, every other attribute kept in `metadata` under its own name, and
 * the raw attributes returned untouched. `skip(key)` names attributes the caller reads itself
 * (HoneyHive's scalar attributes), which stay out of `metadata` and `raw`.
 */
export function mapAttributes(
  attributes: Readonly<Record<string, unknown>>,
  skip: (key: string) => boolean = () => false,
): MappedAttributes {
  const sorted = sortAttributes(attributes, skip);
  const { own, raw, unclaimed, matches, hinted } = sorted;
  let eventType = sorted.eventType;
  const fields = emptyFields();
  const scalars: Partial<Record<MappedScalar, string>> = {};
  if (matches.length > 0) {
    matches.sort((a, b) => a.order - b.order);
    for (const m of matches) {
      if (!apply(m, fields, scalars, attributes))
        unclaimed.push([(m.rule as { attribute: string }).attribute, m.value]);
    }
    const mt = fields.metrics;
    if (typeof mt.prompt_tokens === 'number' && typeof mt.completion_tokens === 'number')
      mt.total_tokens ??= mt.prompt_tokens + mt.completion_tokens;
  }
  for (const [k, v] of unclaimed) fields.metadata[k] = v;
  for (const [field, entries] of own) {
    const nested = nestFlat(entries);
    if (nested) fields[field] = deepMerge(fields[field], nested);
  }
  if (!eventType && hinted) eventType = 'model';
  nameAndFallbacks(attributes, eventType, fields, scalars);
  return { eventType, fields, scalars, raw };
}
