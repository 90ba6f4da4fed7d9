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

/** The SQLite engines the collector can store in. */
export type SqlDriver = 'better-sqlite3' | 'node-sqlite3-wasm';

/** A SQLite database, whichever engine runs it. */
export interface SqlDatabase {
  /** Which engine: the native better-sqlite3, or SQLite compiled to WebAssembly. */
  readonly driver: SqlDriver;
  /** The file (absolute), or `:memory:`. */
  readonly file: string;
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  /** Wraps `fn` in a transaction (nested calls become savepoints); rolled back if it throws. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /** Runs `PRAGMA source`; with `simple`, answers the first column of the first row. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}
