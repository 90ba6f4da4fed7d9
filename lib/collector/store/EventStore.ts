import { deepMerge } from '../../internal/deep-merge';
import type { CollectorEvent } from './CollectorEvent';
import { JSON_FIELDS } from './CollectorEvent';
import type { Database } from './database';
import type { SqlStatement } from './sql/SqlDatabase';
import { COLUMNS, RowCodec } from './RowCodec';
import type { ExportQuery } from './export-query';
import { buildExportQuery } from './export-query';
import { listSessions, sessionFacets } from './session-list';
import { spanEventId } from './event-ids';
import type { FacetsResponse, SessionListQuery, SessionListResponse } from './session-list-types';

type Row = Record<string, unknown>;

/** A JSON replacer: NUL, which PostgreSQL's text cannot hold, as U+FFFD (as every bound value). */
const withoutNul = (_key: string, v: unknown): unknown =>
  typeof v === 'string' && v.includes('\0') ? v.replace(/\0/g, '\uFFFD') : v;

/** Milliseconds kept to the microsecond (no float noise from a subtraction). */
const roundUs = (ms: number): number => Math.round(ms * 1000) / 1000;

/** A partial event: what session starts, `PUT /events` and `POST /events` carry. */
export type EventPatch = Partial<CollectorEvent> & {
  event_id: string;
  /** How a session got its name: `start` (named by its client), `root`, `span`. */
  name_source?: string;
};

/**
 * Events and sessions in SQLite. Every write is parameterized; a batch of events (one OTLP
 * request, one `/events/batch`) is written in one transaction, and accepted only once committed.
 */
export class EventStore {
  private readonly getStmt;
  private readonly nameSourceStmt;
  private readonly codec: RowCodec;
  private readonly upsertStmt;
  private readonly insertNewStmt;
  private readonly linkStmt;
  private writes = 0;
  private readonly revisionStmt: SqlStatement | undefined;
  private readonly bumpStmt: SqlStatement | undefined;
  private readonly insertManyStmt: SqlStatement | undefined;

  constructor(private readonly db: Database) {
    this.codec = new RowCodec(db);
    if (db.dialect === 'postgres') {
      this.revisionStmt = db.prepare('SELECT last_value FROM hivetrace_revision').pluck();
      this.bumpStmt = db.prepare("SELECT nextval('hivetrace_revision')").pluck();
      this.insertManyStmt = db
        .prepare(
          `INSERT INTO events (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')}
           FROM json_populate_recordset(NULL::events, ?) ON CONFLICT DO NOTHING RETURNING event_id`,
        )
        .pluck();
    }
    this.getStmt = db.prepare('SELECT * FROM events WHERE event_id = ?');
    this.nameSourceStmt = db.prepare('SELECT name_source FROM events WHERE event_id = ?').pluck();
    this.linkStmt = db.prepare('SELECT event_id, session_id FROM events WHERE event_id = ?');
    this.insertNewStmt = db.prepare(
      `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
    );
    this.upsertStmt = db.prepare(
      `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT(event_id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'event_id')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
  }

  /**
   * Changes whenever what the store holds may have. On PostgreSQL it counts every node's writes
   * (a sequence in the database), so a viewer on one node sees what another stored.
   */
  get revision(): number {
    return this.revisionStmt ? Number(this.revisionStmt.get()) : this.writes;
  }

  /** Counts a write (the run store's too): here, and on PostgreSQL for every node. */
  noteWrite(): void {
    this.writes++;
    this.bumpStmt?.get();
  }

  /** One event by id. */
  get(eventId: string): CollectorEvent | undefined {
    const row = this.getStmt.get(eventId) as Row | undefined;
    return row ? this.codec.toEvent(row) : undefined;
  }

  /** Merges a patch into an event (JSON fields deep-merged, scalars replaced when given), creating it if needed. */
  private mergeOne(patch: EventPatch, defaults: Partial<EventPatch>): void {
    const existing = this.get(patch.event_id);
    const base: Row = existing
      ? { ...(existing as unknown as Row), name_source: this.nameSourceStmt.get(patch.event_id) }
      : {
          parent_id: null,
          session_id: patch.event_id,
          project: 'default',
          source: 'unknown',
          event_type: 'session',
          event_name: 'session',
          error: null,
          start_time: Date.now(),
          end_time: null,
          duration: null,
          trace_id: null,
          span_id: null,
          ...defaults,
        };
    const next: Row = { ...base, event_id: patch.event_id, received_at: Date.now() };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      if ((JSON_FIELDS as readonly string[]).includes(k)) {
        const cur = (existing ? (base[k] as Record<string, unknown>) : {}) ?? {};
        next[k] = v && typeof v === 'object' ? deepMerge({ ...cur }, v as Record<string, unknown>) : cur;
      } else if (v !== null || !existing) next[k] = v;
    }
    this.upsertStmt.run(this.codec.toRow(next));
  }

  /**
   * Stores an event that is most likely new in one statement; only when the id exists already
   * (a re-sent span, an event updated before it arrived) does it take the read-merge-write path.
   */
  private insertOrMerge(event: CollectorEvent, receivedAt: number): void {
    const e = event as unknown as Row;
    const values = COLUMNS.map((c) => (c === 'received_at' ? receivedAt : this.codec.value(c, e)));
    if (this.insertNewStmt.run(values).changes === 0) this.mergeOne(event, {});
  }

  /**
   * Stores a batch of events that are most likely new. On PostgreSQL, where every statement is a
   * round trip, all of them go in one statement (a JSON array of rows); the few that existed
   * already (or repeat within the batch) are then merged one by one.
   */
  private insertAll(events: readonly CollectorEvent[], receivedAt: number): void {
    if (!this.insertManyStmt) {
      for (const e of events) this.insertOrMerge(e, receivedAt);
      return;
    }
    const rows: Row[] = [];
    const first: CollectorEvent[] = [];
    const repeated: CollectorEvent[] = [];
    const seen = new Set<string>();
    for (const e of events) {
      if (seen.has(e.event_id)) {
        repeated.push(e);
        continue;
      }
      seen.add(e.event_id);
      first.push(e);
      const row = this.codec.toRow(e as unknown as Row);
      row.received_at = receivedAt;
      rows.push(row);
    }
    const inserted = new Set(this.insertManyStmt.all(JSON.stringify(rows, withoutNul)) as string[]);
    for (const e of first) if (!inserted.has(e.event_id)) this.mergeOne(e, {});
    for (const e of repeated) this.mergeOne(e, {});
  }

  /** Merges several patches in one transaction. */
  merge(patches: readonly EventPatch[], defaults: Partial<EventPatch> = {}): void {
    this.noteWrite();
    this.write(() => {
      this.db.lockKeys?.(patches.map((p) => p.event_id));
      for (const p of patches) this.mergeOne(p, defaults);
    });
  }

  /**
   * Stores span events in one transaction: each event, its session event (created when missing,
   * its time range widened to cover the span). A session no client named is named after its
   * trace's root span, whenever that arrives.
   */
  ingestSpans(events: readonly CollectorEvent[]): void {
    this.noteWrite();
    this.write(() => {
      // other nodes writing the same sessions wait for this batch (PostgreSQL; SQLite has one writer)
      if (this.db.lockKeys) this.db.lockKeys([...new Set(events.map((e) => e.session_id))]);
      const sessions = new Map<
        string,
        { first: CollectorEvent; root: CollectorEvent | undefined; start: number; end: number }
      >();
      const receivedAt = Date.now();
      this.insertAll(events, receivedAt);
      for (const e of events) {
        const isRoot = e.parent_id === e.session_id;
        const s = sessions.get(e.session_id);
        if (!s)
          sessions.set(e.session_id, {
            first: e,
            root: isRoot ? e : undefined,
            start: e.start_time,
            end: e.end_time,
          });
        else {
          s.start = Math.min(s.start, e.start_time);
          s.end = Math.max(s.end, e.end_time);
          if (isRoot) s.root ??= e;
        }
      }
      for (const [id, { first, root, start: batchStart, end: batchEnd }] of sessions) {
        const session = this.get(id);
        const start = Math.min(session?.start_time ?? batchStart, batchStart);
        const end = Math.max(session?.end_time ?? batchEnd, batchEnd);
        const patch: EventPatch = {
          event_id: id,
          start_time: start,
          end_time: end,
          duration: roundUs(end - start),
        };
        const named = session ? (this.nameSourceStmt.get(id) as string | null) : undefined;
        if (root && session && (named === 'span' || named === null) && session.event_type === 'session') {
          patch.event_name = root.event_name;
          patch.name_source = 'root';
        }
        this.mergeOne(patch, {
          session_id: id,
          project: (root ?? first).project,
          source: (root ?? first).source,
          event_name: (root ?? first).event_name,
          name_source: root ? 'root' : 'span',
        });
      }
    });
  }

  /** Runs `fn` in a transaction; when it rolls back, the ids interned in it are forgotten. */
  private write(fn: () => void): void {
    try {
      this.db.transaction(fn)();
    } catch (err) {
      this.codec.forget();
      throw err;
    }
  }

  /** `POST /v1/events/export`: filtered, paged events and the total count. */
  export(query: ExportQuery): { events: CollectorEvent[]; totalEvents: number } {
    const { where, params, limit, offset } = buildExportQuery(query, this.db.dialect);
    const total = this.db.prepare(`SELECT COUNT(*) AS n FROM events ${where}`).get(params) as { n: number };
    const rows = this.db
      .prepare(`SELECT * FROM events ${where} ORDER BY start_time ASC, rowid ASC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as Row[];
    return { events: rows.map((r) => this.codec.toEvent(r)), totalEvents: total.n };
  }

  /** Every event of a session, the session event first. */
  sessionEvents(sessionId: string): CollectorEvent[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM events WHERE session_id = ? OR event_id = ? ORDER BY (event_type = 'session') DESC, start_time ASC",
      )
      .all(sessionId, sessionId) as Row[];
    return rows.map((r) => this.codec.toEvent(r));
  }

  /** A session's events of one type (its model calls, …), by start time. */
  sessionEventsOfType(sessionId: string, eventType: string): CollectorEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE session_id = ? AND event_type = ? ORDER BY start_time ASC')
      .all(sessionId, eventType) as Row[];
    return rows.map((r) => this.codec.toEvent(r));
  }

  /**
   * One page of sessions for the viewer, filtered and sorted, with event, error and token
   * counts, and how many match in all. Empty sessions (no events) only with `empty: '1'`.
   */
  listSessions(query: SessionListQuery = {}): SessionListResponse {
    return listSessions(this.db, query);
  }

  /** The values the viewer's session filters offer. */
  facets(): FacetsResponse {
    return sessionFacets(this.db);
  }

  /** The stored event a span link points to, when there is one. */
  linkTarget(traceId: string, spanId: string): { event_id: string; session_id: string } | null {
    const row = this.linkStmt.get(spanEventId(traceId, spanId)) as
      { event_id: string; session_id: string } | undefined;
    return row ?? null;
  }
}
