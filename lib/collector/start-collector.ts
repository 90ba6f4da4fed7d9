import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger } from '../internal/logger';
import { markOwnServer } from '../internal/own-servers';
import type { Database } from './database';
import type { StorageEngine } from './database';
import { openDatabase } from './database';
import type { SqlDriver } from './sql/SqlDatabase';
import { EventStore } from './EventStore';
import { QueryError } from './export-query';
import { datasetRoutes } from './dataset-routes';
import { honeyhiveRoutes } from './honeyhive-routes';
import { IngestDecoder } from './IngestDecoder';
import { HttpStatusError, sendJson } from './http-utils';
import { otlpRoutes } from './otlp-route';
import { Router } from './Router';
import { runRoutes } from './run-routes';
import type { LoadedDataset } from './RunStore';
import { RunStore } from './RunStore';
import { ViewerAuth } from './viewer-auth';
import { viewerRoutes } from './viewer-routes';
import type { ModelPrices } from './viewer-api';
import { loadPrices } from './prices';

/** Options of `startCollector` (and `hivetrace serve`). */
export interface CollectorOptions {
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** SQLite file (created with its folder). Default `.hivetrace/traces.db`; `:memory:` for tests. */
  dbPath?: string;
  /**
   * The SQLite engine: `native` (better-sqlite3, when installed: fastest), `wasm` (SQLite in
   * WebAssembly, shipped with hivetrace: nothing to build), or `auto` (native when installed,
   * else wasm). Default `HH_COLLECTOR_STORAGE`, else `auto`.
   */
  storage?: StorageEngine;
  /** When set, ingest and REST routes require `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  /** Largest accepted request body in bytes (413 past it). Default 32 MiB. */
  maxBodyBytes?: number;
  /**
   * Request bodies held at once, in bytes (by their `content-length`): past it, a request is
   * answered 503 with `Retry-After: 1` (OTLP exporters and hivetrace retry it), so many large
   * requests at once cannot exhaust memory. Default twice `maxBodyBytes`.
   */
  maxBodyBytesInFlight?: number;
  /** A request must arrive whole within this time, or its connection is closed. Default 30 s. */
  requestTimeoutMs?: number;
  /** JSON / JSONL dataset files to load at start. */
  datasets?: string[];
  /**
   * Model prices for the viewer's cost columns, per million tokens: an object, or the path of a
   * JSON file holding one (`{ "gpt-4o-mini": { "input": 0.15, "output": 0.6 } }`). None are
   * built in. Default `HH_COLLECTOR_PRICES` (a file path), else none.
   */
  prices?: ModelPrices | string;
}

/** A running collector. */
export interface Collector {
  /** Base URL, e.g. `http://127.0.0.1:4318`: pass it as a tracer's `serverUrl`. */
  readonly url: string;
  /** The SQLite engine in use: `better-sqlite3` or `node-sqlite3-wasm`. */
  readonly storage: SqlDriver;
  /** The dataset files loaded at start (`datasets`), with their ids. */
  readonly datasets: readonly LoadedDataset[];
  /** The stores, for embedding code and tests. */
  readonly events: EventStore;
  readonly runs: RunStore;
  /**
   * With an API key: the URL that signs one browser in to the viewer (once), for the CLI to
   * print. Undefined without a key.
   */
  readonly loginUrl: string | undefined;
  /** Stops accepting, finishes the requests in flight, then closes the database. Idempotent. */
  close(): Promise<void>;
}

const ENGINES: readonly StorageEngine[] = ['auto', 'native', 'wasm'];

/** The storage engine asked for (option, else `HH_COLLECTOR_STORAGE`), checked. */
function storageOf(option: StorageEngine | undefined): StorageEngine {
  const value = option ?? (process.env.HH_COLLECTOR_STORAGE?.trim().toLowerCase() || 'auto');
  if (!ENGINES.includes(value as StorageEngine))
    throw new Error(`storage must be one of ${ENGINES.join(', ')} (got ${JSON.stringify(value)})`);
  return value as StorageEngine;
}

/** What anyone may reach on a collector with an API key: liveness, the sign-in page and its stylesheet. */
const OPEN_PATHS = new Set(['/health', '/login', '/viewer/style.css']);

/**
 * Starts the local collector: the HoneyHive session/event/run/dataset routes, OTLP/HTTP traces
 * (JSON and protobuf) at `/opentelemetry/v1/traces` and `/v1/traces`, SQLite storage, and the
 * web viewer at `/`.
 *
 * @example
 * const collector = await startCollector({ dbPath: ':memory:' });
 * const tracer = HoneyHiveTracer.init({ apiKey: 'local', project: 'demo', serverUrl: collector.url });
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const prices = loadPrices(options.prices ?? (process.env.HH_COLLECTOR_PRICES || undefined));
  const db: Database = openDatabase(options.dbPath ?? '.hivetrace/traces.db', storageOf(options.storage));
  const events = new EventStore(db);
  const runs = new RunStore(db, events);
  const loaded = (options.datasets ?? []).map((file) => runs.loadDatasetFile(file));
  const limit = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const router = new Router();
  const auth = options.apiKey ? new ViewerAuth(options.apiKey) : undefined;
  auth?.routes(router);
  const decoder = new IngestDecoder();
  otlpRoutes(router, events, decoder, limit);
  honeyhiveRoutes(router, events, limit);
  runRoutes(router, runs, limit);
  datasetRoutes(router, runs, limit);
  viewerRoutes(router, events, runs, prices);

  let inFlight = 0;
  let drained: (() => void) | undefined;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const budget = options.maxBodyBytesInFlight ?? 2 * limit;
  let bodyBytes = 0;
  // slow-body (and slow-header) connections are closed once the request timeout passes
  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 10_000),
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
    },
    (req, res) => {
      inFlight++;
      const size = Number(req.headers['content-length'] ?? 0) || 0;
      bodyBytes += size;
      res.on('close', () => {
        inFlight--;
        bodyBytes -= size;
        if (inFlight === 0) drained?.();
      });
      if (size > 0 && bodyBytes > budget && bodyBytes > size && size <= limit) {
        res.setHeader('retry-after', '1');
        res.setHeader('connection', 'close');
        sendJson(res, 503, { error: 'the collector is busy with large requests: retry' });
        req.resume();
        return;
      }
      void handle(req, res);
    },
  );
  server.keepAliveTimeout = 5000;
  markOwnServer(server);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://collector');
      // with a key, everything but liveness and sign-in needs it, unknown routes included
      if (auth && !OPEN_PATHS.has(url.pathname) && !auth.allows(req)) {
        if (req.method === 'GET' && url.pathname === '/') {
          res.writeHead(303, { location: '/login', 'content-length': 0 });
          res.end();
          return;
        }
        throw new HttpStatusError(401, 'missing or wrong API key');
      }
      const route = router.match(req.method ?? 'GET', url.pathname);
      if (route === undefined) throw new HttpStatusError(404, `no route ${req.method} ${url.pathname}`);
      if (route === 'method')
        throw new HttpStatusError(405, `${req.method} is not allowed on ${url.pathname}`);
      await route.handler({ req, res, params: route.params, query: url.searchParams });
    } catch (err) {
      const status =
        err instanceof HttpStatusError
          ? err.status
          : err instanceof QueryError
            ? 400
            : (err as Error)?.name === 'MissingDependencyError'
              ? 501
              : 500;
      if (status >= 500) logger.error(`collector: ${req.method} ${req.url} failed`, err);
      if (!res.headersSent) {
        if (status === 413) res.setHeader('connection', 'close');
        sendJson(res, status, { error: (err as Error)?.message ?? 'error' });
      } else res.destroy();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | undefined;
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
  return {
    url: base,
    storage: db.driver,
    datasets: loaded,
    get loginUrl() {
      const p = auth?.oneTimePath;
      return p ? `${base}${p}` : undefined;
    },
    events,
    runs,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        if (inFlight > 0) await new Promise<void>((r) => (drained = r));
        await decoder.close();
        db.close();
      })();
      return closing;
    },
  };
}
