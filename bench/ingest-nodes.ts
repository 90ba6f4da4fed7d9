/**
 * Ingest through `hivetrace serve` processes, as users run them: 16 clients in this process send
 * OTLP/JSON requests of 100 spans round-robin to one node or several (all on one database), while
 * `/health` of the first node is asked every 10 ms. Used by `bench/ingest.ts`.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { serveCli } from '../spec/helpers/serve-cli';

/** What one ingest run measured. */
export interface NodesResult {
  nodes: number;
  sent: number;
  stored: number;
  failedRequests: number;
  seconds: number;
  spansPerSecond: number;
  healthP50Ms: number;
  healthP99Ms: number;
}

const PER_REQUEST = 100;
/** Spans start now: retention must not take them for old ones. */
const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const CLIENTS = 16;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One request of 100 spans: one trace, 10 sessions' worth of sessions across requests. */
export function request100(batch: number, run: number): string {
  const spans: string[] = [];
  for (let i = 0; i < PER_REQUEST; i++) {
    const n = batch * PER_REQUEST + i;
    const t = NOW_NS + BigInt(n) * 1000n;
    spans.push(
      `{"traceId":"${hex(run, 8)}${hex(batch + 1, 24)}","spanId":"${hex(n + 1, 16)}"${i === 0 ? '' : `,"parentSpanId":"${hex(batch * PER_REQUEST + 1, 16)}"`},"name":"op-${i % 10}","startTimeUnixNano":"${t}","endTimeUnixNano":"${t + 500_000n}","attributes":[{"key":"honeyhive.session_id","value":{"stringValue":"r${run}-session-${batch % 200}"}},{"key":"honeyhive.project","value":{"stringValue":"ingest-bench"}},{"key":"honeyhive_event_type","value":{"stringValue":"tool"}},{"key":"honeyhive_inputs.query","value":{"stringValue":"question number ${n}"}},{"key":"honeyhive_metrics.tokens","value":{"intValue":${n % 500}}}]}`,
    );
  }
  return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bench"}}]},"scopeSpans":[{"scope":{"name":"bench"},"spans":[${spans.join(',')}]}]}]}`;
}

/** The p-quantile of sorted numbers, to 0.1. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1));
}

/** Asks `/health` every 10 ms until stopped; answers the latencies, sorted. */
export function pollHealth(url: string): { stop(): Promise<number[]> } {
  let done = false;
  const latencies: number[] = [];
  const loop = (async () => {
    while (!done) {
      const t = performance.now();
      await (await fetch(`${url}/health`)).arrayBuffer();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      done = true;
      await loop;
      return latencies.sort((a, b) => a - b);
    },
  };
}

/** Sends `total` spans from 16 clients, round-robin over `urls`; answers spans/s and failures. */
export async function sendLoad(
  urls: readonly string[],
  total: number,
  run: number,
  until?: () => boolean,
): Promise<{ sent: number; failed: number; seconds: number }> {
  const batches = Math.ceil(total / PER_REQUEST);
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (until ? !until() : next < batches) {
        const b = next++;
        const res = await fetch(`${urls[b % urls.length]!}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: request100(b, run),
        });
        if (res.status !== 200) failed++;
        await res.arrayBuffer();
      }
    }),
  );
  return { sent: next * PER_REQUEST, failed, seconds: (performance.now() - t0) / 1000 };
}

/** How many tool events of the bench's project one node says are stored. */
export async function storedCount(url: string): Promise<number> {
  const r = await fetch(`${url}/v1/events/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      project: 'ingest-bench',
      filters: [{ field: 'event_type', operator: 'is', value: 'tool' }],
      limit: 1,
    }),
  });
  return ((await r.json()) as { totalEvents: number }).totalEvents;
}

/** Starts `count` `hivetrace serve` nodes on one database (their CLI arguments). */
export async function startNodes(count: number, args: string[]) {
  const nodes = await Promise.all(Array.from({ length: count }, () => serveCli(args)));
  return {
    urls: nodes.map((n) => n.url),
    async stop() {
      await Promise.all(
        nodes.map((n) => {
          const exited = new Promise((r) => n.child.once('exit', r));
          n.child.kill('SIGINT');
          return exited;
        }),
      );
    },
  };
}

/** One ingest run: `count` nodes on the database `args` name, `total` spans, /health on the first. */
export async function ingestThroughNodes(
  count: number,
  args: string[],
  total: number,
  run: number,
): Promise<NodesResult> {
  const nodes = await startNodes(count, args);
  try {
    // warm each node (connections, statements) before timing
    await sendLoad(nodes.urls, 100 * count, run + 1000);
    const health = pollHealth(nodes.urls[0]!);
    const load = await sendLoad(nodes.urls, total, run);
    const latencies = await health.stop();
    return {
      nodes: count,
      sent: load.sent,
      stored: (await storedCount(nodes.urls[0]!)) - 100 * count,
      failedRequests: load.failed,
      seconds: Number(load.seconds.toFixed(2)),
      spansPerSecond: Math.round(load.sent / load.seconds),
      healthP50Ms: quantile(latencies, 0.5),
      healthP99Ms: quantile(latencies, 0.99),
    };
  } finally {
    await nodes.stop();
  }
}

/** Runs `hivetrace prune --older-than <age> …args` to its end; answers its output and seconds. */
export function pruneCli(age: string, args: string[]): Promise<{ output: string; seconds: number }> {
  const root = path.join(__dirname, '..');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      path.join(root, 'lib/cli/hivetrace.ts'),
      'prune',
      '--older-than',
      age,
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve({ output: output.trim(), seconds: (performance.now() - t0) / 1000 })
        : reject(new Error(`prune exited ${code}: ${output}`)),
    ),
  );
}
