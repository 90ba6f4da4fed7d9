/**
 * The team collector's figures (`npm run bench:ingest -- --database postgres://…`, or
 * `--database local` for a throwaway server from Debian's packages): ingest through one node and
 * through two on one PostgreSQL database, beside one node on SQLite, 16 clients sending 100-span
 * OTLP/JSON requests; then retention deleting 1,000,000 old events while ingest goes on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { NodesResult } from './ingest-nodes';
import {
  ingestThroughNodes,
  pollHealth,
  pruneCli,
  quantile,
  sendLoad,
  startNodes,
  storedCount,
} from './ingest-nodes';
import { pgCluster, stopPgCluster } from '../spec/helpers/pg-cluster';

const SPANS = Number(process.env.NODE_SPANS ?? 100_000);
const OLD_EVENTS = Number(process.env.OLD_EVENTS ?? 1_000_000);

/** Fresh databases: on the bench's own server, or the given one emptied between phases. */
async function databases(arg: string): Promise<{ next(): Promise<string>; done(): Promise<void> }> {
  if (arg === 'local') {
    const cluster = await pgCluster();
    if (!cluster) throw new Error('--database local needs PostgreSQL installed (apt-get install postgresql)');
    return { next: () => cluster.createDatabase(), done: stopPgCluster };
  }
  return {
    async next() {
      const c = new Client({ connectionString: arg });
      await c.connect();
      await c.query(
        "DO $$ BEGIN IF to_regclass('events') IS NOT NULL THEN TRUNCATE events, otel_resources, otel_scopes, runs, datasets, datapoints; END IF; END $$",
      );
      await c.end();
      return arg;
    },
    done: async () => undefined,
  };
}

/** Writes `count` events 60 days old (sessions of 100) straight into the database. */
async function preloadOld(url: string, count: number): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const t0 = Date.now() - 60 * 86_400_000;
  const sessions = Math.ceil(count / 100);
  await c.query(`INSERT INTO events (event_id, parent_id, session_id, project, source, event_type, event_name,
      inputs, outputs, metadata, metrics, feedback, config, user_properties, start_time, end_time, duration, received_at,
      span_events, links, attributes)
    SELECT 'old-' || g, 'old-s-' || (g % ${sessions}), 'old-s-' || (g % ${sessions}), 'old', 'bench', 'tool', 'op',
      '{"q":"an old question"}', '{"a":"an old answer"}', '{}', '{}', '{}', '{}', '{}', ${t0} + g, ${t0} + g + 1, 1, ${t0},
      '[]', '[]', '{}'
    FROM generate_series(1, ${count - sessions}) g`);
  await c.query(`INSERT INTO events (event_id, session_id, project, source, event_type, event_name, inputs, outputs,
      metadata, metrics, feedback, config, user_properties, start_time, end_time, duration, received_at, name_source)
    SELECT 'old-s-' || g, 'old-s-' || g, 'old', 'bench', 'session', 'old session', '{}', '{}', '{}', '{}', '{}', '{}', '{}',
      ${t0}, ${t0} + ${count}, ${count}, ${t0}, 'start'
    FROM generate_series(0, ${sessions - 1}) g`);
  await c.query('ANALYZE events');
  await c.end();
}

function line(label: string, r: NodesResult): string {
  const fine = r.stored === r.sent && r.failedRequests === 0;
  return `${fine ? 'PASS' : 'FAIL'}  ${label}: ${r.nodes} node(s), ${r.sent} spans sent, ${r.stored} stored, ${r.failedRequests} requests refused; ${r.spansPerSecond} spans/s; /health p50 ${r.healthP50Ms} ms, p99 ${r.healthP99Ms} ms`;
}

/** Runs the team figures; answers whether every span sent was stored. */
export async function teamBench(databaseArg: string | undefined): Promise<boolean> {
  let ok = true;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-nodes-'));
  const sqlite = await ingestThroughNodes(1, ['--db', path.join(dir, 'traces.db')], SPANS, 1);
  console.log(JSON.stringify({ engine: 'better-sqlite3', ...sqlite }));
  console.log(line('SQLite (better-sqlite3)', sqlite));
  ok &&= sqlite.stored === sqlite.sent;
  fs.rmSync(dir, { recursive: true, force: true });
  if (!databaseArg) return ok;

  const dbs = await databases(databaseArg);
  try {
    for (const count of [1, 2]) {
      const url = await dbs.next();
      const r = await ingestThroughNodes(count, ['--database', url], SPANS, 10 + count);
      console.log(JSON.stringify({ engine: 'pg', ...r }));
      console.log(line('PostgreSQL', r));
      ok &&= r.stored === r.sent && r.failedRequests === 0;
    }

    // retention: 1,000,000 events 60 days old deleted by `hivetrace prune --older-than 30d` while
    // one node ingests new spans from 16 clients
    const url = await dbs.next();
    const warm = await startNodes(1, ['--database', url]); // creates the schema
    await warm.stop();
    const t0 = performance.now();
    await preloadOld(url, OLD_EVENTS);
    const loadSeconds = (performance.now() - t0) / 1000;
    const nodes = await startNodes(1, ['--database', url]);
    try {
      const health = pollHealth(nodes.urls[0]!);
      let pruned = false;
      const load = sendLoad(nodes.urls, 0, 99, () => pruned);
      const prune = await pruneCli('30d', ['--database', url]);
      pruned = true;
      const sent = await load;
      const latencies = await health.stop();
      const stored = await storedCount(nodes.urls[0]!);
      const result = {
        oldEvents: OLD_EVENTS,
        preloadSeconds: Number(loadSeconds.toFixed(1)),
        pruneSeconds: Number(prune.seconds.toFixed(1)),
        prune: prune.output,
        ingestDuringPrune: Math.round(sent.sent / sent.seconds),
        sent: sent.sent,
        stored,
        failedRequests: sent.failed,
        healthP50Ms: quantile(latencies, 0.5),
        healthP99Ms: quantile(latencies, 0.99),
      };
      console.log(JSON.stringify(result));
      const fine =
        stored === sent.sent && sent.failed === 0 && prune.output.includes(`${OLD_EVENTS} event(s)`);
      ok &&= fine;
      console.log(
        `${fine ? 'PASS' : 'FAIL'}  PostgreSQL retention: ${prune.output} in ${result.pruneSeconds} s while one node ingested ${result.ingestDuringPrune} spans/s (${sent.sent} sent, ${stored} stored); /health p50 ${result.healthP50Ms} ms, p99 ${result.healthP99Ms} ms`,
      );
    } finally {
      await nodes.stop();
    }
  } finally {
    await dbs.done();
  }
  return ok;
}
