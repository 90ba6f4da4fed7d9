import * as fs from 'node:fs';
import * as path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { requireOptional } from './load-optional';

/** A better-sqlite3 database. */
export type Database = BetterSqlite3.Database;

const SCHEMA = `
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

/** Opens (creating if needed) the collector database in WAL mode. `:memory:` works for tests. */
export function openDatabase(dbPath: string): Database {
  const Driver = requireOptional<typeof BetterSqlite3>('better-sqlite3');
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const db = new Driver(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // span ids are random, so index inserts land all over the B-trees: a larger page cache keeps
  // ingest speed flat as the file grows (64 MiB; the default is 2 MiB)
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.exec(SCHEMA);
  return db;
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
