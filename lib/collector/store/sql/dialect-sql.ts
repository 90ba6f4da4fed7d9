import type { SqlDialect } from './SqlDatabase';

/**
 * The few SQL expressions that SQLite and PostgreSQL write differently. Keys are checked
 * identifiers, never values: values are always bound.
 */
export interface DialectSql {
  /** A top-level key of a JSON text column, as text (PostgreSQL) or its JSON type (SQLite). */
  jsonValue(column: string, key: string): string;
  /** A top-level key of a JSON text column as a number, NULL when it is not one. */
  jsonNumber(column: string, key: string): string;
  /** A case-insensitive LIKE (SQLite's LIKE already is, for ASCII). */
  readonly like: string;
  /** Whether text `needle` occurs in `haystack` (both SQL expressions). */
  contains(haystack: string, needle: string): string;
  /** 1 when `condition` holds, else 0 (SQLite's booleans are integers; PostgreSQL's are not). */
  oneIf(condition: string): string;
}

const KEY = /^[\w-]+$/;

function checked(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a JSON key the collector queries: ${key}`);
  return key;
}

const SQLITE: DialectSql = {
  jsonValue: (c, k) => `json_extract(${c}, '$.${checked(k)}')`,
  jsonNumber: (c, k) => `json_extract(${c}, '$.${checked(k)}')`,
  like: 'LIKE',
  contains: (h, n) => `instr(CAST(${h} AS TEXT), CAST(${n} AS TEXT)) > 0`,
  oneIf: (cond) => `(${cond})`,
};

const POSTGRES: DialectSql = {
  jsonValue: (c, k) => `(${c}::jsonb ->> '${checked(k)}')`,
  jsonNumber: (c, k) => `hivetrace_num(${c}::jsonb ->> '${checked(k)}')`,
  like: 'ILIKE',
  contains: (h, n) => `strpos(CAST(${h} AS TEXT), CAST(${n} AS TEXT)) > 0`,
  oneIf: (cond) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`,
};

/** The expressions of a dialect. */
export function dialectSql(dialect: SqlDialect): DialectSql {
  return dialect === 'postgres' ? POSTGRES : SQLITE;
}
