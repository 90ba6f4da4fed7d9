#!/usr/bin/env node
/**
 * The `hivetrace` command.
 *   hivetrace serve [--port 4318] [--host 127.0.0.1] [--db .hivetrace/traces.db | --database postgres://…] [--storage auto|native|wasm] [--api-key KEY] [--dataset FILE]... [--prices FILE] [--max-ingest N]
 *   hivetrace dataset load FILE [--db PATH] [--project NAME] [--name NAME]
 *   hivetrace prune --older-than 30d [--db PATH] [--storage auto|native|wasm]
 *   hivetrace eval FILES… [--baseline ID|NAME] [--repetitions N] [--threshold M>=X] [--reporter json|junit|markdown] …
 * Every command answers --help (-h).
 */
import { closestName } from '../config/unknown-keys';
import { parseArgs } from 'node:util';
import type { StorageEngine } from '../collector/store/database';
import { openDatabase } from '../collector/store/database';
import { describeDatabaseUrl, isPostgresUrl } from '../collector/store/sql/database-url';
import { parseRetention, pruneSessions } from '../collector/store/prune-sessions';
import { EventStore } from '../collector/store/EventStore';
import type { LoadedDataset } from '../collector/store/RunStore';
import { RunStore } from '../collector/store/RunStore';
import { startCollector } from '../collector/start-collector';
import { VERSION } from '../version';
import { evalCommand } from './eval/eval-command';

const SERVE_HELP = `Usage: hivetrace serve [options]

Runs the local collector (HoneyHive REST routes, OTLP/HTTP traces) and its viewer.

Options:
  --port <n>          port (default 4318, the OTLP/HTTP port; 0 picks a free one)
  --host <addr>       interface (default 127.0.0.1)
  --db <path>         SQLite file (default .hivetrace/traces.db)
  --database <url>    PostgreSQL instead: postgres://user:password@host:5432/db, which any number of
                      nodes share behind a load balancer (default HH_COLLECTOR_DATABASE_URL)
  --storage <engine>  auto (default: better-sqlite3 when installed, else wasm), native or wasm
  --api-key <key>     require the key everywhere but /health and /ready (Bearer header, or the viewer's sign-in)
  --max-ingest <n>    OTLP requests ingested at once (default 64); past it: 503 + Retry-After, /ready 503
  --retention <age>   delete whole sessions older than this (30d, 12h, 2w), at start and hourly, in
                      small batches while ingest goes on (default: keep everything)
  --dataset <file>    load a JSON/JSONL dataset at start, replacing one of the same name (repeatable)
  --prices <file>     model prices per million tokens for the viewer's cost columns, as JSON:
                      { "gpt-4o-mini": { "input": 0.15, "output": 0.6 } } (none are built in)
  -h, --help          this help
`;

const DATASET_HELP = `Usage: hivetrace dataset load <file> [options]

Loads a JSON (an array of datapoints, or { datapoints }) or JSONL file as a dataset. A dataset of
the same project and name is replaced, keeping its id.

Options:
  --db <path>         SQLite file (default .hivetrace/traces.db)
  --database <url>    PostgreSQL instead: postgres://… (default HH_COLLECTOR_DATABASE_URL)
  --storage <engine>  auto, native or wasm
  --project <name>    project (default "default")
  --name <name>       dataset name (default: the file's name)
  -h, --help          this help
`;

const PRUNE_HELP = `Usage: hivetrace prune --older-than <age> [options]

Deletes whole sessions (the session and every event in it) whose last activity is older than
<age> (30d, 12h, 2w, 90m), in small batches. A running \`hivetrace serve\` holds a SQLite
database: give it --retention instead. PostgreSQL can be pruned while nodes serve it.

Options:
  --older-than <age>  required: 30d, 12h, 2w, 90m or 45s
  --db <path>         SQLite file (default .hivetrace/traces.db)
  --database <url>    PostgreSQL instead: postgres://… (default HH_COLLECTOR_DATABASE_URL)
  --storage <engine>  auto, native or wasm
  -h, --help          this help
`;

const USAGE = `hivetrace ${VERSION}

Usage:
  hivetrace serve [options]                  run the local collector and viewer
  hivetrace dataset load <file> [options]    load a dataset file
  hivetrace prune --older-than <age>         delete sessions older than age (30d, 12h, …)
  hivetrace eval <files…> [options]          run experiments; exit 1 when a threshold fails
  hivetrace <command> --help                 a command's options
  hivetrace --help | --version
`;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** The commands `hivetrace` knows. */
const COMMANDS = ['serve', 'dataset', 'eval', 'prune'] as const;

/** Where a command stores: `--database`, else `--db`, else `HH_COLLECTOR_DATABASE_URL`, else the default file. */
function databaseArg(values: { db?: string; database?: string }): string {
  return (
    values.database ?? values.db ?? (process.env.HH_COLLECTOR_DATABASE_URL?.trim() || '.hivetrace/traces.db')
  );
}

/** The database as a line may show it: a PostgreSQL URL without its password. */
function shownDatabase(values: { db?: string; database?: string }): string {
  const where = databaseArg(values);
  return isPostgresUrl(where) ? describeDatabaseUrl(where) : where;
}

function storageArg(value: string | undefined): StorageEngine | undefined {
  if (value === undefined) return undefined;
  if (value !== 'auto' && value !== 'native' && value !== 'wasm')
    throw new Error(`--storage must be auto, native or wasm, got ${value}`);
  return value;
}

function describe(d: LoadedDataset, file: string): string {
  return `${d.replaced ? 'replaced' : 'loaded'} dataset "${d.name}" (${d.dataset_id}) from ${file}: ${d.datapoints} datapoint(s)`;
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...HELP,
      port: { type: 'string', default: '4318' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      database: { type: 'string' },
      storage: { type: 'string' },
      'api-key': { type: 'string' },
      dataset: { type: 'string', multiple: true },
      prices: { type: 'string' },
      'max-ingest': { type: 'string' },
      retention: { type: 'string' },
    },
  });
  if (values.help) return void process.stdout.write(SERVE_HELP);
  const maxIngest = values['max-ingest'] === undefined ? undefined : Number(values['max-ingest']);
  if (maxIngest !== undefined && (!Number.isInteger(maxIngest) || maxIngest < 1))
    throw new Error(
      `--max-ingest must be a whole number of requests, at least 1, got ${values['max-ingest']}`,
    );
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const collector = await startCollector({
    port,
    host: values.host,
    database: databaseArg(values),
    storage: storageArg(values.storage),
    apiKey: values['api-key'],
    datasets: values.dataset,
    prices: values.prices,
    maxIngestRequests: maxIngest,
    retention: values.retention === undefined ? undefined : parseRetention(values.retention),
  });
  collector.datasets.forEach((d, i) => console.log(describe(d, values.dataset![i]!)));
  console.log(
    `hivetrace collector on ${collector.url}  (viewer: ${collector.loginUrl ?? `${collector.url}/`}, OTLP: ${collector.url}/v1/traces, db: ${shownDatabase(values)}, storage: ${collector.storage})`,
  );
  const stop = (): void => {
    console.log('\nstopping: finishing requests in flight…');
    void collector.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function prune(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...HELP,
      'older-than': { type: 'string' },
      db: { type: 'string' },
      database: { type: 'string' },
      storage: { type: 'string' },
    },
  });
  if (values.help) return void process.stdout.write(PRUNE_HELP);
  if (values['older-than'] === undefined) throw new Error(`prune needs --older-than\n\n${PRUNE_HELP}`);
  const age = parseRetention(values['older-than']);
  const db = openDatabase(databaseArg(values), storageArg(values.storage));
  try {
    const { sessions, events } = await pruneSessions(db, Date.now() - age);
    console.log(
      `pruned ${sessions} session(s), ${events} event(s) older than ${values['older-than']} from ${shownDatabase(values)}`,
    );
  } finally {
    db.close();
  }
}

function datasetLoad(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...HELP,
      db: { type: 'string' },
      database: { type: 'string' },
      storage: { type: 'string' },
      project: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (values.help) return void process.stdout.write(DATASET_HELP);
  const file = positionals[0];
  if (!file) throw new Error(`dataset load needs a file\n\n${DATASET_HELP}`);
  const db = openDatabase(databaseArg(values), storageArg(values.storage));
  try {
    const loaded = new RunStore(db, new EventStore(db)).loadDatasetFile(file, {
      project: values.project,
      name: values.name,
    });
    console.log(describe(loaded, file));
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'prune') return prune(rest);
  if (command === 'eval') {
    process.exitCode = await evalCommand(rest);
    return;
  }
  if (command === 'dataset' && (rest[0] === '--help' || rest[0] === '-h' || rest[0] === undefined))
    return void process.stdout.write(DATASET_HELP);
  if (command === 'dataset' && rest[0] === 'load') return datasetLoad(rest.slice(1));
  if (command === '--version' || command === '-v') return void console.log(VERSION);
  if (command === undefined || command === '--help' || command === '-h') return void console.log(USAGE);
  // an unknown command is said, with the one meant when it looks like a typo of it
  const meant = closestName(command, COMMANDS);
  console.error(`hivetrace: unknown command "${command}"${meant ? ` (did you mean "${meant}"?)` : ''}\n`);
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`hivetrace: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
