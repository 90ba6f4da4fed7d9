import type * as Wasm from 'node-sqlite3-wasm';
import type { SqlDatabase, SqlStatement } from './SqlDatabase';

type Values = Wasm.BindValues;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

/** better-sqlite3's calling conventions, as node-sqlite3-wasm takes them. */
function bindValues(names: ReadonlySet<string>, params: unknown[]): Values {
  const fix = (v: unknown) => (v === undefined ? null : v) as Wasm.JSValue;
  if (params.length === 1 && Array.isArray(params[0])) return (params[0] as unknown[]).map(fix);
  if (params.length === 1 && isPlain(params[0])) {
    // named values: `@name` in the SQL, `{ name }` in the call; only those the SQL names
    const named: Record<string, Wasm.JSValue> = {};
    for (const [k, v] of Object.entries(params[0])) if (names.has(k)) named[`@${k}`] = fix(v);
    return named;
  }
  return params.map(fix);
}

class WasmStatement implements SqlStatement {
  private plucked = false;

  constructor(
    private readonly stmt: Wasm.Statement,
    /** The `@named` parameters of its SQL. */
    private readonly names: ReadonlySet<string>,
  ) {}

  run(...params: unknown[]): { changes: number } {
    return { changes: this.stmt.run(bindValues(this.names, params)).changes };
  }

  get(...params: unknown[]): unknown {
    const row = this.stmt.get(bindValues(this.names, params)) as Record<string, unknown> | null;
    if (row === null) return undefined;
    return this.plucked ? Object.values(row)[0] : row;
  }

  all(...params: unknown[]): unknown[] {
    const rows = this.stmt.all(bindValues(this.names, params)) as Record<string, unknown>[];
    return this.plucked ? rows.map((r) => Object.values(r)[0]) : rows;
  }

  pluck(): SqlStatement {
    const copy = new WasmStatement(this.stmt, this.names);
    copy.plucked = true;
    return copy;
  }
}

/**
 * Opens a database with node-sqlite3-wasm: SQLite compiled to WebAssembly, writing the file
 * through Node's `fs` (fsync on commit), so nothing is built at install. Statements are prepared
 * once per SQL text and finalized on close (WebAssembly memory is not garbage-collected).
 */
export function openWasm(file: string): SqlDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Database } = require('node-sqlite3-wasm') as typeof Wasm;
  const db = new Database(file);
  const statements = new Map<string, WasmStatement>();
  const raw: Wasm.Statement[] = [];
  let depth = 0;
  return {
    driver: 'node-sqlite3-wasm',
    dialect: 'sqlite',
    file,
    prepare(sql) {
      let s = statements.get(sql);
      if (!s) {
        const stmt = db.prepare(sql);
        raw.push(stmt);
        s = new WasmStatement(stmt, new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!)));
        statements.set(sql, s);
      }
      return s;
    },
    exec: (sql) => db.exec(sql),
    transaction(fn) {
      return (...args) => {
        const savepoint = `sp${depth}`;
        db.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
        depth++;
        try {
          const result = fn(...args);
          depth--;
          db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
          return result;
        } catch (err) {
          depth--;
          db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          throw err;
        }
      };
    },
    pragma(source, options) {
      const rows = db.all(`PRAGMA ${source}`) as Record<string, unknown>[];
      return options?.simple ? (rows[0] ? Object.values(rows[0])[0] : undefined) : rows;
    },
    close() {
      for (const s of raw) if (!s.isFinalized) s.finalize();
      raw.length = 0;
      statements.clear();
      db.close();
    },
  };
}
