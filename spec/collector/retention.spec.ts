import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { parseRetention } from '../../lib/collector/store/prune-sessions';

const DAY_MS = 86_400_000;
const root = path.join(__dirname, '../..');

/** One OTLP/JSON span of `session`, `daysAgo` days old. */
function span(session: string, i: number, daysAgo: number): string {
  const ns = BigInt(Date.now() - daysAgo * DAY_MS) * 1_000_000n;
  const trace = Buffer.from(session.padEnd(16, '.')).toString('hex').slice(0, 32).padEnd(32, '0');
  return JSON.stringify({
    traceId: trace,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: `step ${i}`,
    startTimeUnixNano: String(ns),
    endTimeUnixNano: String(ns + 1_000_000n),
    attributes: [
      { key: 'honeyhive.session_id', value: { stringValue: session } },
      { key: 'honeyhive.project', value: { stringValue: 'retention' } },
    ],
  });
}

async function send(collector: Collector, spans: string[]): Promise<void> {
  const body = `{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"s"},"spans":[${spans.join(',')}]}]}]}`;
  const res = await fetch(`${collector.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(res.status).to.equal(200);
}

/** How many events each session has left. */
async function counts(collector: Collector, sessions: string[]): Promise<number[]> {
  return Promise.all(
    sessions.map(async (s) => {
      const res = await fetch(`${collector.url}/v1/events/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          project: 'retention',
          filters: [{ field: 'session_id', operator: 'is', value: s }],
          limit: 1,
        }),
      });
      return ((await res.json()) as { totalEvents: number }).totalEvents;
    }),
  );
}

/** Three sessions: all old, old but active yesterday, recent; each with 3 spans. */
async function fill(collector: Collector): Promise<void> {
  await send(
    collector,
    [0, 1, 2].map((i) => span('old-session', i, 40)),
  );
  await send(collector, [
    span('old-but-active', 0, 40),
    span('old-but-active', 1, 40),
    span('old-but-active', 2, 1),
  ]);
  await send(
    collector,
    [0, 1, 2].map((i) => span('recent-session', i, 2)),
  );
}

const SESSIONS = ['old-session', 'old-but-active', 'recent-session'];

describe('collector retention', () => {
  let collector: Collector | undefined;
  afterEach(async () => collector?.close());

  it('prune deletes whole sessions whose last activity is older than the bound, and nothing else', async () => {
    collector = await startCollector({ dbPath: ':memory:' });
    await fill(collector);
    expect(await counts(collector, SESSIONS)).to.deep.equal([4, 4, 4]); // 3 spans + the session event
    const result = await collector.prune('30d');
    expect(result).to.deep.equal({ sessions: 1, events: 4 });
    expect(await counts(collector, SESSIONS)).to.deep.equal([0, 4, 4]);
    expect(await collector.prune('30d')).to.deep.equal({ sessions: 0, events: 0 });
  });

  it('with retention set, prunes at start and on its interval while ingest goes on', async () => {
    collector = await startCollector({ dbPath: ':memory:', retention: '30d', retentionIntervalMs: 50 });
    await fill(collector);
    for (let i = 0; i < 100 && (await counts(collector, SESSIONS))[0] !== 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await counts(collector, SESSIONS)).to.deep.equal([0, 4, 4]);
  });

  it('deletes in batches: 1,000 old sessions go, every recent one stays', async () => {
    collector = await startCollector({ dbPath: ':memory:' });
    const old = Array.from({ length: 1_000 }, (_, i) => span(`old-${i}`, 0, 60));
    await send(collector, old);
    await send(collector, [span('recent-session', 0, 0)]);
    expect(await collector.prune(30 * DAY_MS)).to.deep.equal({ sessions: 1_000, events: 2_000 });
    expect(await counts(collector, ['recent-session'])).to.deep.equal([2]);
  });

  it('reads periods like 30d, 12h, 2w, and names a bad one (the collector refuses it before it opens anything)', async () => {
    expect(parseRetention('30d')).to.equal(30 * DAY_MS);
    expect(parseRetention('12h')).to.equal(12 * 3_600_000);
    expect(parseRetention('2w')).to.equal(14 * DAY_MS);
    expect(() => parseRetention('30x')).to.throw(/like 30d; got "30x"/);
    let refused: unknown;
    await startCollector({ dbPath: ':memory:', retention: 'forever' }).catch(
      (err: unknown) => (refused = err),
    );
    expect(String(refused)).to.contain('"forever"');
  });

  it('hivetrace prune --older-than deletes old sessions from a database file', async function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-prune-'));
    const db = path.join(dir, 'traces.db');
    collector = await startCollector({ dbPath: db });
    await fill(collector);
    await collector.close();
    collector = undefined;
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', path.join(root, 'lib/cli/hivetrace.ts'), ...args],
          { cwd: root },
        );
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.once('exit', (code) => resolve({ code, out }));
      });
    const bad = await run(['prune', '--older-than', '30x', '--db', db]);
    expect(bad.code).to.not.equal(0);
    expect(bad.out).to.contain('"30x"');
    const ok = await run(['prune', '--older-than', '30d', '--db', db]);
    expect(ok.code).to.equal(0);
    expect(ok.out).to.contain('pruned 1 session(s), 4 event(s) older than 30d');
    collector = await startCollector({ dbPath: db });
    expect(await counts(collector, SESSIONS)).to.deep.equal([0, 4, 4]);
    await collector.close();
    collector = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
