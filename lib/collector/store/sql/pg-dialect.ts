/** A statement as PostgreSQL takes it: `$n` placeholders, and how to fill them from a call. */
export interface PgStatementText {
  text: string;
  /** For `@name` parameters: the name of each `$n`, in order; null for positional `?`. */
  names: string[] | null;
}

/**
 * Rewrites the collector's SQL (written for SQLite, with the few differences kept here) for
 * PostgreSQL: `?` and `@name` placeholders become `$n` (outside quoted text), and `rowid`, which
 * PostgreSQL has no column for, becomes the `seq` column its events table keeps in insert order.
 */
export function toPostgres(sql: string): PgStatementText {
  let out = '';
  let n = 0;
  const names: string[] = [];
  let named = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'") {
      const end = sql.indexOf("'", i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else if (ch === '@' && /\w/.test(sql[i + 1] ?? '')) {
      const name = /^\w+/.exec(sql.slice(i + 1))![0];
      named = true;
      let at = names.indexOf(name);
      if (at === -1) at = names.push(name) - 1;
      out += `$${at + 1}`;
      i += name.length;
    } else if (
      ch === 'r' &&
      sql.startsWith('rowid', i) &&
      !/\w/.test(sql[i - 1] ?? '') &&
      !/\w/.test(sql[i + 5] ?? '')
    ) {
      out += 'seq';
      i += 4;
    } else out += ch;
  }
  return { text: out, names: named ? names : null };
}

/** A bound value as PostgreSQL stores it: NUL, which its text cannot hold, becomes U+FFFD. */
function pgValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'string' && v.includes('\0')) return v.replace(/\0/g, '\uFFFD');
  return v;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

/** A call's values (better-sqlite3's conventions: positional, one array, or one object of names) in `$n` order. */
export function pgValues(stmt: PgStatementText, params: unknown[]): unknown[] {
  if (stmt.names) {
    const named: Record<string, unknown> = isPlain(params[0]) ? params[0] : {};
    return stmt.names.map((k) => pgValue(named[k]));
  }
  // an object of names for SQL that names none binds nothing, as better-sqlite3 does
  if (params.length === 1 && isPlain(params[0])) return [];
  const list = params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
  return list.map(pgValue);
}
