/**
 * Collector ingest benchmark: spans per second sustained over real HTTP on 127.0.0.1 into SQLite
 * (file, WAL), and a check that none were lost.
 *   npm run bench:ingest
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCollector } from '../lib/collector';

const TOTAL_SPANS = Number(process.env.SPANS ?? 50_000);
const PER_REQUEST = 250;
const CONCURRENCY = 8;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function payload(batch: number): string {
  const spans = Array.from({ length: PER_REQUEST }, (_, i) => {
    const n = batch * PER_REQUEST + i;
    return {
      traceId: hex(batch + 1, 32),
      spanId: hex(n + 1, 16),
      parentSpanId: i === 0 ? undefined : hex(batch * PER_REQUEST + 1, 16),
      name: `op-${i % 10}`,
      startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n),
      endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(n) * 1000n + 500_000n),
      attributes: [
        { key: 'honeyhive.session_id', value: { stringValue: `session-${batch % 50}` } },
        { key: 'honeyhive.project', value: { stringValue: 'ingest-bench' } },
        { key: 'honeyhive_event_type', value: { stringValue: 'tool' } },
        { key: 'honeyhive_inputs.query', value: { stringValue: `question number ${n}` } },
        { key: 'honeyhive_metrics.tokens', value: { intValue: n % 500 } },
      ],
    };
  });
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }] });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-ingest-'));
  const collector = await startCollector({ dbPath: path.join(dir, 'traces.db') });
  const batches = Math.ceil(TOTAL_SPANS / PER_REQUEST);
  const bodies = Array.from({ length: batches }, (_, b) => payload(b));
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches) {
        const body = bodies[next++]!;
        const res = await fetch(`${collector.url}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        if (res.status !== 200) failed++;
        await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const stored = collector.events.export({
    project: 'ingest-bench',
    filters: [{ field: 'event_type', operator: 'is', value: 'tool' }],
    limit: 1,
  }).totalEvents;
  await collector.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const sent = batches * PER_REQUEST;
  const result = {
    sent,
    stored,
    failedRequests: failed,
    seconds: Number(seconds.toFixed(2)),
    spansPerSecond: Math.round(sent / seconds),
  };
  console.log(JSON.stringify(result, null, 2));
  const ok = stored === sent && failed === 0;
  console.log(
    `${ok ? 'PASS' : 'FAIL'}  ${sent} spans sent, ${stored} stored (none lost: ${ok}) at ${result.spansPerSecond} spans/s`,
  );
  process.exitCode = ok ? 0 : 1;
}

void main();
