import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/**
 * Where `setTimeout` returns a number (Cloudflare Workers before nodejs_compat's timers, browsers,
 * edge runtimes), nothing in delivery may call `.unref()` on it: the export guard, the batch
 * timer, flush's bound and the stream timeout all still work, and every span arrives. Run in a
 * process of its own: Node's own fetch (undici) assumes Node's timers, so the swap must not reach
 * the suite's process.
 */
describe('delivery where timers are numbers', () => {
  let collector: Collector;
  beforeEach(async () => (collector = await startCollector({ dbPath: ':memory:' })));
  afterEach(async () => collector.close());

  it('exports every span and flush() tells the truth', async function () {
    this.timeout(60_000);
    const script = `
      require('ts-node/register/transpile-only');
      const real = globalThis.setTimeout;
      // Node clears a timer by its number once the number was taken (Symbol.toPrimitive)
      globalThis.setTimeout = (fn, ms, ...args) => Number(real(fn, ms, ...args));
      const { HoneyHiveTracer, traced } = require(${JSON.stringify(path.join(ROOT, 'lib'))});
      const tracer = HoneyHiveTracer.init({ project: 'number-timers', serverUrl: process.argv[1], skipSessionStart: true });
      const step = traced((i) => i + 1, { name: 'step' });
      for (let i = 0; i < 1500; i++) step(i); // one full batch sent at once, the rest on the batch timer
      const numbers = traced(async function* numbers() { yield 1; yield 2; }, { name: 'numbers' });
      (async () => {
        for await (const _ of numbers()) void _;
        const delivered = await tracer.flush(10000);
        console.log(JSON.stringify({ type: typeof setTimeout(() => {}, 0), delivered, stats: tracer.stats() }));
        await tracer.close();
      })();
    `;
    const { stdout } = await run(process.execPath, ['-e', script, collector.url], {
      cwd: ROOT,
      timeout: 50_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as {
      type: string;
      delivered: boolean;
      stats: any;
    };
    expect(out.type).to.equal('number');
    expect(out.delivered, JSON.stringify(out.stats)).to.equal(true);
    expect(out.stats.exported).to.equal(1501);
    const stored = collector.events.export({
      project: 'number-timers',
      filters: [
        { field: 'event_name', operator: 'is', value: 'step' },
        { field: 'event_type', operator: 'is not', value: 'session' }, // the session, named after its first span
      ],
      limit: 1,
    });
    expect(stored.totalEvents).to.equal(1500);
  });
});
