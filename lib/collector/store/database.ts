import * as fs from 'node:fs';
import * as path from 'node:path';
import { nativeAvailable, openNative } from './sql/native-driver';
import type { SqlDatabase } from './sql/SqlDatabase';
import { openWasm } from './sql/wasm-driver';
import { claimFile, DatabaseInUseError } from './sql/writer-lock';
import { isPostgresUrl } from './sql/database-url';
import { openPostgres } from './sql/pg-open';
import { MissingDependencyError } from './load-optional';

/** The collector's database, whichever SQLite engine runs it. */
export type Database = SqlDatabase;

/**
 * Where the collector stores: `native` (better-sqlite3, fastest, built for the platform when
 * installed), `wasm` (SQLite compiled to WebAssembly, shipped with hivetrace, nothing to build),
 * or `auto` (native when better-sqlite3 is installed, else wasm). Default `auto`.
 */
export type StorageEngine = 'auto' | 'native' | 'wasm';

/** The schema version this release writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = 2;

/** Version 1: the first release's tables (created as they were, so every migration runs on them). */
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS events (
  event_id TEXT PRIMARY KEY,
  parent_id TEXT,
  session_id TEXT NOT NULL,
  project TEXT NOT NULL,
  source TEXT,
  event_type TEXT NOT NULL,
  event_name TEXT,
  inputs TEXT, outputs TEXT, metadata TEXT, metrics TEXT, feedback TEXT, config TEXT, user_properties TEXT,
  error TEXT,
  start_time REAL, end_time REAL, duration REAL,
  trace_id TEXT, span_id TEXT,
  received_at REAL
);
CREATE INDEX IF NOT EXISTS events_session ON events(session_id);
CREATE INDEX IF NOT EXISTS events_project_time ON events(project, start_time);
DROP INDEX IF EXISTS events_type;
CREATE INDEX IF NOT EXISTS events_sessions ON events(start_time) WHERE event_type = 'session';
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY, project TEXT, name TEXT, status TEXT, dataset_id TEXT,
  event_ids TEXT, datapoint_ids TEXT, configuration TEXT, metadata TEXT,
  created_at REAL, updated_at REAL
);
CREATE TABLE IF NOT EXISTS datasets (
  dataset_id TEXT PRIMARY KEY, project TEXT, name TEXT, description TEXT, created_at REAL
);
CREATE TABLE IF NOT EXISTS datapoints (
  datapoint_id TEXT PRIMARY KEY, dataset_id TEXT NOT NULL, idx INTEGER,
  inputs TEXT, ground_truth TEXT, metadata TEXT
);
CREATE INDEX IF NOT EXISTS datapoints_dataset ON datapoints(dataset_id, idx);
`;

/**
 * Forward migrations: entry `i` takes a database from version `i + 1` to `i + 2`. Append only;
 * never edit one that has shipped.
 */
const MIGRATIONS: readonly string[] = [
  // 2: OpenTelemetry detail (kind, status, events, links, raw attributes; resources and scopes in
  // tables of their own, referenced by id), how a session got its name, and datapoint history
  `ALTER TABLE events ADD COLUMN parent_span_id TEXT;
   ALTER TABLE events ADD COLUMN span_kind TEXT;
   ALTER TABLE events ADD COLUMN status_code TEXT;
   ALTER TABLE events ADD COLUMN span_events TEXT;
   ALTER TABLE events ADD COLUMN links TEXT;
   ALTER TABLE events ADD COLUMN scope_id INTEGER;
   ALTER TABLE events ADD COLUMN resource_id INTEGER;
   CREATE TABLE otel_resources (id INTEGER PRIMARY KEY, json TEXT NOT NULL UNIQUE);
   CREATE TABLE otel_scopes (id INTEGER PRIMARY KEY, json TEXT NOT NULL UNIQUE);
   ALTER TABLE events ADD COLUMN attributes TEXT;
   ALTER TABLE events ADD COLUMN name_source TEXT;
   ALTER TABLE datapoints ADD COLUMN history TEXT;
   UPDATE events SET name_source = 'start' WHERE event_type = 'session';`,
];

/** Thrown when a database was written by a newer hivetrace than this one. */
export class SchemaVersionError extends Error {
  constructor(file: string, found: number) {
    super(
      `${file} has schema version ${found}, newer than this hivetrace reads (${SCHEMA_VERSION}): upgrade hivetrace, or use another --db file`,
    );
    this.name = 'SchemaVersionError';
  }
}

/** Creates or migrates the schema to `SCHEMA_VERSION`, each step in its own transaction. */
function migrate(db: Database, file: string): void {
  let version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) throw new SchemaVersionError(file, version);
  if (version === 0) {
    db.transaction(() => {
      db.exec(SCHEMA_V1);
      db.pragma('user_version = 1');
    })();
    version = 1;
  }
  for (; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * Opens (creating if needed) the collector database. A `postgres://` URL opens PostgreSQL, which
 * any number of collector nodes share (`openPostgres`). A file opens SQLite in WAL mode: with
 * better-sqlite3, or with SQLite in WebAssembly in exclusive locking mode; either way this
 * process is its only writer (`claimFile`: a second collector is refused, naming the first).
 * `:memory:` works for tests. Errors name the file, or the server and database.
 */
export function openDatabase(dbPath: string, storage: StorageEngine = 'auto'): Database {
  if (isPostgresUrl(dbPath)) return openPostgres(dbPath);
  const file = dbPath === ':memory:' ? dbPath : path.resolve(dbPath);
  const native = storage === 'native' || (storage === 'auto' && nativeAvailable());
  let release: (() => void) | undefined;
  let db: Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    if (file !== ':memory:') release = claimFile(file);
    db = native ? openNative(file) : openWasm(file);
  } catch (err) {
    release?.();
    if (err instanceof MissingDependencyError || err instanceof DatabaseInUseError) throw err;
    throw new Error(`cannot open the collector database ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    if (native) {
      db.pragma('journal_mode = WAL');
      // span ids are random, so index inserts land all over the B-trees: a larger page cache keeps
      // ingest speed flat as the file grows (64 MiB; the default is 2 MiB)
      db.pragma('cache_size = -65536');
      db.pragma('mmap_size = 268435456');
      // fewer, larger checkpoints: 16 MiB of WAL (the default is 4 MiB) writes fewer pages twice
      // under ingest, and one checkpoint still takes a few tens of ms (bench:ingest /health p99)
      db.pragma('wal_autocheckpoint = 4096');
    } else {
      // WebAssembly has no shared memory, so WAL needs exclusive locking (the wal-index lives in
      // this process's heap). It is also what makes crashes safe here: this engine's lock is one
      // lock directory for every level, so it would take its own lock for another process's and
      // never roll back a hot rollback journal; a WAL is always recovered on open.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('cache_size = -32768');
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
  } catch (err) {
    db.close();
    release?.();
    throw err instanceof SchemaVersionError
      ? err
      : new Error(`cannot open the collector database ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (!release) return db;
  const close = db.close.bind(db);
  return Object.assign(db, {
    close() {
      close();
      release();
    },
  });
}

/** Parses a JSON column; a corrupt value reads as an empty object. */
export function parseJson<T = Record<string, unknown>>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
