import type { Database } from './database';
import { parseJson } from './database';

/**
 * Values that repeat on every span of a request (an OpenTelemetry resource, an instrumentation
 * scope) stored once, in their own table, and referenced by id: a row carries an integer instead
 * of the same few hundred bytes again. Serialized once per object, and cached both ways.
 */
export class JsonInterner {
  private byText = new Map<string, number>();
  private readonly byId = new Map<number, unknown>();
  private byObject = new WeakMap<object, number>();
  private readonly insert;
  private readonly find;
  private readonly read;

  constructor(db: Database, table: 'otel_resources' | 'otel_scopes') {
    this.insert = db.prepare(`INSERT INTO ${table} (json) VALUES (?) ON CONFLICT DO NOTHING`);
    this.find = db.prepare(`SELECT id FROM ${table} WHERE json = ?`).pluck();
    this.read = db.prepare(`SELECT json FROM ${table} WHERE id = ?`).pluck();
  }

  /** The id of a value (stored if new); null for nothing or an empty object. */
  id(value: unknown): number | null {
    if (value === null || typeof value !== 'object') return null;
    const known = this.byObject.get(value);
    if (known !== undefined) return known;
    let empty = true;
    for (const _ in value) {
      empty = false;
      break;
    }
    if (empty) return null;
    const text = JSON.stringify(value);
    let id = this.byText.get(text);
    if (id === undefined) {
      this.insert.run(text);
      id = this.find.get(text) as number;
      this.byText.set(text, id);
    }
    this.byObject.set(value, id);
    return id;
  }

  /**
   * Forgets the ids it learned: after a transaction rolled back, an id it stored in it names no
   * row (on PostgreSQL another node may since have stored the same value under another id).
   */
  forget(): void {
    this.byText = new Map();
    this.byObject = new WeakMap();
  }

  /** The value of an id (`{}` for none). */
  value(id: unknown): unknown {
    if (typeof id !== 'number') return {};
    if (!this.byId.has(id)) this.byId.set(id, parseJson(this.read.get(id), {}));
    return this.byId.get(id);
  }
}
