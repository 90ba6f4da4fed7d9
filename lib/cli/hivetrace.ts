#!/usr/bin/env node
/**
 * The `hivetrace` command.
 *   hivetrace serve [--port 4318] [--host 127.0.0.1] [--db .hivetrace/traces.db] [--api-key KEY] [--dataset FILE]...
 *   hivetrace dataset load FILE [--db PATH] [--project NAME] [--name NAME]
 */
import { parseArgs } from 'node:util';
import { startCollector } from '../collector/start-collector';
import { openDatabase } from '../collector/database';
import { EventStore } from '../collector/EventStore';
import { RunStore } from '../collector/RunStore';
import { VERSION } from '../version';

const USAGE = `hivetrace ${VERSION}

Usage:
  hivetrace serve [options]          run the local collector and viewer
    --port <n>        port (default 4318, the OTLP/HTTP port)
    --host <addr>     interface (default 127.0.0.1)
    --db <path>       SQLite file (default .hivetrace/traces.db)
    --api-key <key>   require the key everywhere but /health (Bearer header, or the viewer's sign-in)
    --dataset <file>  load a JSON/JSONL dataset at start (repeatable)
  hivetrace dataset load <file> [--db <path>] [--project <name>] [--name <name>]
  hivetrace --help | --version
`;

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4318' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string', default: '.hivetrace/traces.db' },
      'api-key': { type: 'string' },
      dataset: { type: 'string', multiple: true },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const collector = await startCollector({
    port,
    host: values.host,
    dbPath: values.db,
    apiKey: values['api-key'],
    datasets: values.dataset,
  });
  console.log(
    `hivetrace collector on ${collector.url}  (viewer: ${collector.loginUrl ?? `${collector.url}/`}, OTLP: ${collector.url}/v1/traces, db: ${values.db})`,
  );
  const stop = (): void => {
    console.log('\nstopping: finishing requests in flight…');
    void collector.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function datasetLoad(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: '.hivetrace/traces.db' },
      project: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('dataset load needs a file');
  const db = openDatabase(values.db);
  try {
    const id = new RunStore(db, new EventStore(db)).loadDatasetFile(file, {
      project: values.project,
      name: values.name,
    });
    console.log(`loaded ${file} as dataset ${id}`);
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'dataset' && rest[0] === 'load') return datasetLoad(rest.slice(1));
  if (command === '--version' || command === '-v') return void console.log(VERSION);
  console.log(USAGE);
  if (command && command !== '--help' && command !== '-h') process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`hivetrace: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
