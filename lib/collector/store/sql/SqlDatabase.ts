/** A prepared statement: the part of better-sqlite3's API the collector uses. */
export interface SqlStatement {
  /** Runs it; positional values, one array of them, or one object of `@named` values. */
  run(...params: unknown[]): { changes: number };
  /** The first row (or its first column after `pluck()`), undefined when there is none. */
  get(...params: unknown[]): unknown;
  /** Every row. */
  all(...params: unknown[]): unknown[];
  /** Makes `get` and `all` answer the first column's value instead of the row. */
  pluck(): SqlStatement;
}

/** The engines the collector can store in: SQLite (native or WebAssembly), or PostgreSQL (`pg`). */
export type SqlDriver = 'better-sqlite3' | 'node-sqlite3-wasm' | 'pg';

/** The SQL dialect of an engine, for the few queries that differ between them. */
export type SqlDialect = 'sqlite' | 'postgres';

/** The collector's database, whichever engine runs it. */
export interface SqlDatabase {
  /** Which engine: the native better-sqlite3, SQLite compiled to WebAssembly, or PostgreSQL. */
  readonly driver: SqlDriver;
  /** Its SQL dialect. */
  readonly dialect: SqlDialect;
  /** The file (absolute), `:memory:`, or a PostgreSQL URL without its password. */
  readonly file: string;
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  /** Wraps `fn` in a transaction (nested calls become savepoints); rolled back if it throws. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /**
   * Inside a transaction: waits until no other node's transaction holds any of these keys, and
   * holds them until this one ends (PostgreSQL advisory locks). Absent on SQLite, where one
   * process is the only writer.
   */
  lockKeys?(keys: readonly string[]): void;
  /** Runs `PRAGMA source`; with `simple`, answers the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}
