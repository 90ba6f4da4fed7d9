import { CollectorServer } from './http/CollectorServer';
import type { Database } from './store/database';
import type { StorageEngine } from './store/database';
import { openDatabase } from './store/database';
import type { SqlDriver } from './store/sql/SqlDatabase';
import { EventStore } from './store/EventStore';
import { datasetRoutes } from './http/dataset-routes';
import { honeyhiveRoutes } from './http/honeyhive-routes';
import { IngestDecoder } from './ingest/IngestDecoder';
import { IngestGate } from './http/IngestGate';
import { opsRoutes } from './http/ops-routes';
import { otlpRoutes } from './http/otlp-route';
import { Router } from './http/Router';
import { runRoutes } from './http/run-routes';
import type { LoadedDataset } from './store/RunStore';
import { RunStore } from './store/RunStore';
import { ViewerAuth } from './http/viewer-auth';
import { viewerRoutes } from './viewer/viewer-routes';
import type { ModelPrices } from './viewer/viewer-api';
import { loadPrices } from './viewer/prices';
import type { PruneResult } from './store/prune-sessions';
import { periodMs, Retention } from './store/Retention';

/** Options of `startCollector` (and `hivetrace serve`). */
export interface CollectorOptions {
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** SQLite file (created with its folder). Default `.hivetrace/traces.db`; `:memory:` for tests. */
  dbPath?: string;
  /**
   * Where to store: a `postgres://user:password@host:5432/db` URL (PostgreSQL, which several
   * collector nodes share), or a SQLite file as `dbPath` takes it. Wins over `dbPath`. Default
   * `HH_COLLECTOR_DATABASE_URL` when neither is given, else `.hivetrace/traces.db`.
   */
  database?: string;
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
  /**
   * OTLP ingest requests read, decoded and written at once: past it a request is answered 503
   * with `Retry-After: 1` before its body is read (OTLP exporters and hivetrace retry it), and
   * `/ready` answers 503 until one finishes. Default 64.
   */
  maxIngestRequests?: number;
  /**
   * Delete whole sessions whose last activity is older than this (`'30d'`, `'12h'`, or ms): at
   * start, then every `retentionIntervalMs`, in small batches that leave ingest running.
   * Default: keep everything.
   */
  retention?: string | number;
  /** How often retention runs, in ms. Default one hour. */
  retentionIntervalMs?: number;
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
  /** The engine in use: `better-sqlite3`, `node-sqlite3-wasm` or `pg` (PostgreSQL). */
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
  /**
   * Deletes whole sessions older than `olderThan` (`'30d'`, or ms; default the `retention`
   * option) now, in small batches, and says how many sessions and events went.
   */
  prune(olderThan?: string | number): Promise<PruneResult>;
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
  const limit = options.maxBodyBytes ?? 32 * 1024 * 1024;
  // a bad retention period is refused before anything is opened
  if (options.retention !== undefined) periodMs(options.retention);
  const where =
    options.database ??
    options.dbPath ??
    (process.env.HH_COLLECTOR_DATABASE_URL?.trim() || '.hivetrace/traces.db');
  const db: Database = openDatabase(where, storageOf(options.storage));
  const events = new EventStore(db);
  const runs = new RunStore(db, events);
  const loaded = (options.datasets ?? []).map((file) => runs.loadDatasetFile(file));
  const auth = options.apiKey ? new ViewerAuth(options.apiKey) : undefined;
  const decoder = new IngestDecoder();
  const gate = new IngestGate(options.maxIngestRequests ?? 64);
  const router = buildRouter({
    db,
    gate,
    events,
    runs,
    decoder,
    auth,
    limit,
    prices: loadPrices(options.prices ?? (process.env.HH_COLLECTOR_PRICES || undefined)),
  });
  const server = new CollectorServer(router, auth, {
    limit,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    bodyBytesInFlight: options.maxBodyBytesInFlight ?? 2 * limit,
  });
  const base = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const retention = new Retention(db, options.retention, options.retentionIntervalMs);
  let closing: Promise<void> | undefined;
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
    prune: (olderThan) => retention.prune(olderThan),
    close() {
      closing ??= (async () => {
        await retention.stop();
        await server.close();
        await decoder.close();
        db.close();
      })();
      return closing;
    },
  };
}

/** What the routes are built on. */
interface RouteParts {
  readonly db: Database;
  readonly gate: IngestGate;
  readonly events: EventStore;
  readonly runs: RunStore;
  readonly decoder: IngestDecoder;
  readonly auth: ViewerAuth | undefined;
  readonly limit: number;
  readonly prices: ModelPrices;
}

/** Every route of the collector: sign-in, OTLP ingest, HoneyHive REST, runs, datasets, the viewer. */
function buildRouter(p: RouteParts): Router {
  const router = new Router();
  p.auth?.routes(router);
  otlpRoutes(router, p.events, p.decoder, p.limit, p.gate);
  opsRoutes(router, p.gate, p.db);
  honeyhiveRoutes(router, p.events, p.limit);
  runRoutes(router, p.runs, p.limit);
  datasetRoutes(router, p.runs, p.limit);
  viewerRoutes(router, p.events, p.runs, p.prices);
  return router;
}
