/**
 * The PostgreSQL connection of a collector node, in a worker thread of its own: the collector's
 * storage interface is synchronous (as SQLite's drivers are), so the node's thread posts a query
 * here and waits on a shared flag (`Atomics.wait`) until the answer is posted back. One
 * connection, one statement at a time, in the order asked: transactions stay on it.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type * as Pg from 'pg';
import type { Client as PgClient, ClientConfig, QueryResult } from 'pg';
import type { PgAnswer, PgRequest } from './pg-messages';

const { config, flag, port } = workerData as {
  config: ClientConfig;
  flag: SharedArrayBuffer;
  port: MessagePort;
};
const signal = new Int32Array(flag);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as typeof Pg;
// counts and sums come back as int8 and numeric, which pg reads as strings by default; every
// value the collector stores in them is well inside a double
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

let client: PgClient | undefined;
/** The connection broke: the next request connects again. */
let broken = false;
/** Between BEGIN and COMMIT / ROLLBACK. */
let inTransaction = false;
/**
 * The connection broke inside a transaction: every statement fails until the node rolls back,
 * so nothing of the lost transaction is written outside it on a new connection.
 */
let lostTransaction = false;

async function connection(): Promise<PgClient> {
  if (client && !broken) return client;
  if (client) void client.end().catch(() => undefined);
  broken = false;
  const c = new pg.Client(config);
  c.on('error', () => {
    broken = true;
  });
  await c.connect();
  client = c;
  return c;
}

async function answer(req: PgRequest): Promise<PgAnswer> {
  try {
    if (req.op === 'close') {
      await client?.end().catch(() => undefined);
      client = undefined;
      return { rows: [], rowCount: 0 };
    }
    const text = req.text.trimStart().slice(0, 8).toUpperCase();
    if (lostTransaction) {
      if (text.startsWith('ROLLBACK') && !/ TO /i.test(req.text)) {
        lostTransaction = inTransaction = false;
        return { rows: [], rowCount: 0 };
      }
      return { error: { message: 'the connection to PostgreSQL was lost in this transaction' } };
    }
    if (broken && inTransaction) {
      lostTransaction = true;
      return { error: { message: 'the connection to PostgreSQL was lost in this transaction' } };
    }
    const c = await connection();
    if (text.startsWith('BEGIN')) inTransaction = true;
    else if (text.startsWith('COMMIT') || (text.startsWith('ROLLBACK') && !/ TO /i.test(req.text)))
      inTransaction = false;
    if (req.pluck) {
      const r = await c.query<unknown[]>({ text: req.text, values: req.values, rowMode: 'array' });
      return { rows: r.rows.map((row) => row[0]), rowCount: r.rowCount ?? 0 };
    }
    const r = (await c.query(req.text, req.values)) as QueryResult | QueryResult[];
    // several statements in one text answer one result each; the last one is the answer
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
  } catch (err) {
    const e = err as Error & { code?: string };
    return { error: { message: e.message, code: e.code } };
  }
}

// a worker that ends for any reason says so, so the node's thread stops waiting at once (2)
process.on('exit', () => {
  Atomics.store(signal, 0, 2);
  Atomics.notify(signal, 0);
});

port.on('message', (req: PgRequest) => {
  void answer(req).then((a) => {
    port.postMessage({ ...a, id: req.id });
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});
