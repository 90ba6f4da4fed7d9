import type { Database } from '../store/database';
import type { IngestGate } from './IngestGate';
import { sendJson } from './http-utils';
import type { Router } from './Router';

/** How long the database took to answer `SELECT 1`, in seconds; undefined when it did not. */
function pingSeconds(db: Database): number | undefined {
  const t0 = performance.now();
  try {
    db.prepare('SELECT 1').get();
    return (performance.now() - t0) / 1000;
  } catch {
    return undefined;
  }
}

/** One Prometheus metric: HELP, TYPE and its sample. */
function metric(name: string, type: 'counter' | 'gauge', help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;
}

/** The Prometheus text exposition of a node's ingest and database figures. */
export function metricsText(gate: IngestGate, db: Database): string {
  const ping = pingSeconds(db);
  return [
    metric('hivetrace_collector_spans_ingested_total', 'counter', 'Spans stored.', gate.spansIngested),
    metric(
      'hivetrace_collector_ingest_requests_rejected_total',
      'counter',
      'Ingest requests answered 503 because the node was at its ingest bound.',
      gate.requestsRejected,
    ),
    metric(
      'hivetrace_collector_ingest_in_flight',
      'gauge',
      'Ingest requests being read, decoded or written.',
      gate.active,
    ),
    metric(
      'hivetrace_collector_ingest_in_flight_limit',
      'gauge',
      'Ingest requests admitted at once.',
      gate.limit,
    ),
    `# HELP hivetrace_collector_db_write_seconds Time spent in ingest write transactions.\n` +
      `# TYPE hivetrace_collector_db_write_seconds summary\n` +
      `hivetrace_collector_db_write_seconds_sum ${gate.writeSeconds}\n` +
      `hivetrace_collector_db_write_seconds_count ${gate.writes}\n`,
    metric(
      'hivetrace_collector_db_up',
      'gauge',
      'Whether the database answered a query just now.',
      ping === undefined ? 0 : 1,
    ),
    metric(
      'hivetrace_collector_db_ping_seconds',
      'gauge',
      'How long the database took to answer SELECT 1.',
      ping ?? 0,
    ),
  ].join('');
}

/**
 * Routes for load balancers and monitoring: `GET /ready` (200 while the database answers and
 * ingest is below its bound, else 503 with the reason) and `GET /metrics` (Prometheus text).
 * `/health` (alive) is the viewer's. No figure names the database's location or credentials.
 */
export function opsRoutes(router: Router, gate: IngestGate, db: Database): void {
  router.on('GET', '/ready', ({ res }) => {
    const database = pingSeconds(db) !== undefined;
    const ready = database && !gate.full;
    sendJson(res, ready ? 200 : 503, {
      ready,
      database: database ? 'up' : 'down',
      ingest: { inFlight: gate.active, limit: gate.limit },
    });
  });
  router.on('GET', '/metrics', ({ res }) => {
    const body = metricsText(gate, db);
    res.writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
}
