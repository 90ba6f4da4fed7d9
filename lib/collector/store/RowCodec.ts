import type { CollectorEvent } from './CollectorEvent';
import { JSON_FIELDS, OTEL_INTERNED_FIELDS, OTEL_JSON_FIELDS, SCALAR_FIELDS } from './CollectorEvent';
import type { Database } from './database';
import { parseJson } from './database';
import { JsonInterner } from './JsonInterner';

type Row = Record<string, unknown>;

const OTEL_FIELDS = Object.keys(OTEL_JSON_FIELDS) as (keyof typeof OTEL_JSON_FIELDS)[];

/** Every stored column; `name_source` (how a session got its name) and `received_at` are internal. */
export const COLUMNS = [
  ...SCALAR_FIELDS,
  ...JSON_FIELDS,
  ...OTEL_FIELDS,
  ...Object.values(OTEL_INTERNED_FIELDS),
  'name_source',
  'received_at',
] as const;

/** Each JSON column's empty value. */
const JSON_EMPTY = new Map<string, string>([
  ...JSON_FIELDS.map((f) => [f, '{}'] as [string, string]),
  ...Object.entries(OTEL_JSON_FIELDS),
]);

/** A JSON column's text: its empty value for nothing or an empty container, without serializing it. */
function jsonText(v: unknown, empty: string): string {
  if (v === undefined || v === null) return empty;
  if (typeof v === 'object') {
    if (Array.isArray(v)) return v.length === 0 ? '[]' : JSON.stringify(v);
    for (const _ in v) return JSON.stringify(v);
    return '{}';
  }
  return JSON.stringify(v);
}

function columnValue(c: string, v: unknown): unknown {
  const empty = JSON_EMPTY.get(c);
  return empty === undefined ? (v ?? null) : jsonText(v, empty);
}

/** Reads an event's row back as the event; writes the values of its columns. */
export class RowCodec {
  private readonly resources: JsonInterner;
  private readonly scopes: JsonInterner;

  constructor(db: Database) {
    this.resources = new JsonInterner(db, 'otel_resources');
    this.scopes = new JsonInterner(db, 'otel_scopes');
  }

  /** One column's value for an event: JSON fields as text, resource and scope as ids, missing as NULL. */
  value(c: string, e: Row): unknown {
    if (c === OTEL_INTERNED_FIELDS.resource) return this.resources.id(e.resource);
    if (c === OTEL_INTERNED_FIELDS.scope) return this.scopes.id(e.scope);
    return columnValue(c, e[c]);
  }

  /** Forgets interned ids learned in a transaction that rolled back. */
  forget(): void {
    this.resources.forget();
    this.scopes.forget();
  }

  /** An event as a row. */
  toRow(event: Row): Row {
    const row: Row = {};
    for (const c of COLUMNS) row[c] = this.value(c, event);
    return row;
  }

  /** A row as the event (what the viewer reads; REST routes round `end_time`). */
  toEvent(row: Row): CollectorEvent {
    const e: Row = { ...row };
    for (const [f, empty] of JSON_EMPTY) e[f] = parseJson(row[f], JSON.parse(empty) as unknown);
    e.resource = this.resources.value(row.resource_id);
    e.scope = this.scopes.value(row.scope_id);
    delete e.resource_id;
    delete e.scope_id;
    delete e.received_at;
    delete e.name_source;
    delete e.seq; // PostgreSQL's insert order
    return e as unknown as CollectorEvent;
  }
}
