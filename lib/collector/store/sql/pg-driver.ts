import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ClientConfig } from 'pg';
import { requireOptional } from '../load-optional';
import { describeDatabaseUrl, withoutPassword } from './database-url';
import type { PgAnswer, PgRequest } from './pg-messages';
import type { PgStatementText } from './pg-dialect';
import { pgValues, toPostgres } from './pg-dialect';
import type { SqlDatabase, SqlStatement } from './SqlDatabase';

/** How long a node waits for one statement before it gives up on it. */
const STATEMENT_WAIT_MS = 60_000;

/** An error PostgreSQL answered (its SQLSTATE in `code`), or a lost connection. */
export class PostgresError extends Error {
  constructor(
    message: string,
    /** PostgreSQL's SQLSTATE, when it answered one (`40P01` is a deadlock). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PostgresError';
  }
}

/** The thread side of the bridge: sends one request to the worker and waits for its answer. */
class PgBridge {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly channel = new MessageChannel();
  private readonly worker: Worker;
  private closed = false;
  private sent = 0;

  constructor(
    config: ClientConfig,
    private readonly url: string,
  ) {
    const ts = __filename.endsWith('.ts');
    this.worker = new Worker(path.join(__dirname, `pg-worker${ts ? '.ts' : '.js'}`), {
      workerData: { config, flag: this.signal.buffer, port: this.channel.port2 },
      transferList: [this.channel.port2],
      execArgv: ts ? ['-r', 'ts-node/register/transpile-only'] : [],
    });
    // the node's own handles keep it alive; a worker waiting for work must not
    this.worker.unref();
    this.channel.port1.unref();
  }

  /** Sends a request and blocks this thread until the worker answers. */
  call(req: PgRequest): { rows: unknown[]; rowCount: number } {
    if (this.closed) throw new PostgresError('the collector database is closed');
    const id = ++this.sent;
    if (Atomics.load(this.signal, 0) === 2) throw new PostgresError('the database worker has ended');
    Atomics.store(this.signal, 0, 0);
    this.channel.port1.postMessage({ ...req, id });
    const deadline = Date.now() + STATEMENT_WAIT_MS;
    for (;;) {
      // the worker raises the flag after posting; the message itself may show a moment later
      const a = receiveMessageOnPort(this.channel.port1)?.message as PgAnswer | undefined;
      if (a?.id === id) {
        if (a.error) throw new PostgresError(withoutPassword(a.error.message, this.url), a.error.code);
        return a;
      }
      if (a) continue; // the answer to a request given up on earlier
      if (Atomics.load(this.signal, 0) === 2) {
        this.closed = true;
        throw new PostgresError(`${describeDatabaseUrl(this.url)}: the database worker has ended`);
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new PostgresError(
          `${describeDatabaseUrl(this.url)} did not answer within ${STATEMENT_WAIT_MS / 1000} s`,
        );
      if (Atomics.load(this.signal, 0) === 0) Atomics.wait(this.signal, 0, 0, left);
      else Atomics.wait(this.signal, 0, 1, 1); // raised, message not there yet: look again shortly
    }
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'close', text: '', values: [], pluck: false });
    } catch {
      /* closing anyway */
    }
    this.closed = true;
    this.channel.port1.close();
    void this.worker.terminate();
  }
}

class PgStatement implements SqlStatement {
  constructor(
    private readonly bridge: PgBridge,
    private readonly sql: PgStatementText,
    private readonly plucked = false,
  ) {}

  private query(params: unknown[]) {
    return this.bridge.call({
      op: 'query',
      text: this.sql.text,
      values: pgValues(this.sql, params),
      pluck: this.plucked,
    });
  }

  run(...params: unknown[]): { changes: number } {
    return { changes: this.query(params).rowCount };
  }

  get(...params: unknown[]): unknown {
    return this.query(params).rows[0];
  }

  all(...params: unknown[]): unknown[] {
    return this.query(params).rows;
  }

  pluck(): SqlStatement {
    return new PgStatement(this.bridge, this.sql, true);
  }
}

/** Turns a 64-bit lock key's worth of text into the int8 PostgreSQL's advisory locks take. */
const LOCK_SQL = 'SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k';

/**
 * Opens a connection to PostgreSQL (the `pg` driver, in a worker thread) behind the same
 * synchronous interface as the SQLite engines. Statements are rewritten once per SQL text
 * (`toPostgres`). Messages name the server and database, never the password.
 */
export function openPostgresConnection(url: string): SqlDatabase {
  requireOptional('pg');
  const bridge = new PgBridge({ connectionString: url, application_name: 'hivetrace-collector' }, url);
  const statements = new Map<string, PgStatement>();
  const exec = (sql: string) => void bridge.call({ op: 'query', text: sql, values: [], pluck: false });
  let depth = 0;
  return {
    driver: 'pg',
    dialect: 'postgres',
    file: describeDatabaseUrl(url),
    prepare(sql) {
      let s = statements.get(sql);
      if (!s) {
        s = new PgStatement(bridge, toPostgres(sql));
        statements.set(sql, s);
      }
      return s;
    },
    exec,
    transaction(fn) {
      return (...args) => {
        const savepoint = `sp${depth}`;
        exec(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
        depth++;
        try {
          const result = fn(...args);
          depth--;
          exec(depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
          return result;
        } catch (err) {
          depth--;
          try {
            exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`);
          } catch {
            /* the first error is the one to report */
          }
          throw err;
        }
      };
    },
    lockKeys(keys) {
      if (keys.length === 0) return;
      // sorted, so two nodes locking overlapping sets take them in the same order
      bridge.call({ op: 'query', text: LOCK_SQL, values: [[...keys].sort()], pluck: false });
    },
    pragma: () => undefined,
    close: () => bridge.close(),
  };
}
