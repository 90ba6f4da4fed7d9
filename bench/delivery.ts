/**
 * Delivery benchmark: a traced app sustains a fixed span rate into the local collector (running in
 * its own process, as `hivetrace serve` does) through hivetrace's default pipeline and the real
 * OTLP/HTTP exporter, then flushes; every span must be stored.
 *   npm run bench:delivery                      (20,000 spans/s for 60 s)
 *   RATE=5000 SECONDS=10 npm run bench:delivery
 * Prints sent/stored/dropped/failed, the deepest queue seen and peak RSS; writes
 * bench/results/delivery.json; exit code 1 if a span was lost or flush() said false.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HoneyHiveTracer, traced } from '../lib';

const RATE = Number(process.env.RATE ?? 20_000);
const SECONDS = Number(process.env.SECONDS ?? 60);
const TICK_MS = 10;

async function startCollectorProcess(db: string): Promise<{ url: string; stop: () => void }> {
  const cli = path.join(__dirname, '..', 'lib', 'cli', 'hivetrace.ts');
  const child = spawn(
    process.execPath,
    [
      ...(process.env.COLLECTOR_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.COLLECTOR_PROF}`] : []),
      '-r',
      'ts-node/register/transpile-only',
      cli,
      'serve',
      '--port',
      '0',
      '--db',
      db,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: path.join(__dirname, '..') },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function countStored(url: string): Promise<number> {
  const res = await fetch(`${url}/v1/events/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      project: 'delivery-bench',
      filters: [{ field: 'event_name', operator: 'is', value: 'handle' }],
      limit: 1,
    }),
  });
  return ((await res.json()) as { totalEvents: number }).totalEvents;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-delivery-'));
  const collector = await startCollectorProcess(path.join(dir, 'traces.db'));
  const tracer = HoneyHiveTracer.init({
    project: 'delivery-bench',
    apiKey: 'bench',
    serverUrl: collector.url,
    flushOnExit: false,
  });
  const handle = traced(function handle(request: { id: number; path: string }) {
    return { status: 200, id: request.id };
  });
  const perTick = Math.round((RATE * TICK_MS) / 1000);
  const ticks = Math.round((SECONDS * 1000) / TICK_MS);
  let sent = 0;
  let maxQueued = 0;
  let peakRss = 0;
  const t0 = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    for (let i = 0; i < perTick; i++) handle({ id: sent++, path: '/api/answer' });
    const st = tracer.stats();
    maxQueued = Math.max(maxQueued, st.queued);
    if (tick % 100 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const due = t0 + (tick + 1) * TICK_MS;
    const wait = due - performance.now();
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
  }
  const elapsed = (performance.now() - t0) / 1000;
  const flushed = await tracer.flush(120_000);
  const stats = tracer.stats();
  const stored = await countStored(collector.url);
  await tracer.close();
  collector.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    targetRate: RATE,
    seconds: SECONDS,
    achievedRate: Math.round(sent / elapsed),
    sent,
    stored,
    flushed,
    ...stats,
    maxQueued,
    peakRssMb: Math.round(peakRss / 1e6),
  };
  console.log(JSON.stringify(result, null, 2));
  const ok = flushed && stored === sent && stats.dropped === 0 && stats.failed === 0;
  console.log(
    `${ok ? 'met   ' : 'MISSED'}  ${sent} spans at ${result.achievedRate}/s for ${SECONDS} s: ${stored} stored`,
  );
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'delivery.json'), JSON.stringify(result, null, 2));
  process.exitCode = ok ? 0 : 1;
}

void main();
