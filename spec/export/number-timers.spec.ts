import { expect } from 'chai';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

/**
 * Where `setTimeout` returns a number (Cloudflare Workers before nodejs_compat's timers, browsers,
 * edge runtimes), nothing in delivery may call `.unref()` on it: the export guard, the batch
 * timer, flush's bound and the stream timeout all still work, and every span arrives.
 */
describe('delivery where timers are numbers', () => {
  let collector: Collector;
  const realSetTimeout = globalThis.setTimeout;
  beforeEach(async () => {
    collector = await startCollector({ dbPath: ':memory:' });
    // Node clears a timer by its number once the number was taken (Symbol.toPrimitive)
    globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) =>
      Number(realSetTimeout(fn, ms, ...args))) as unknown as typeof setTimeout;
  });
  afterEach(async () => {
    globalThis.setTimeout = realSetTimeout;
    await collector.close();
  });

  it('exports every span and flush() tells the truth', async () => {
    expect(typeof setTimeout(() => undefined, 0)).to.equal('number');
    const tracer = HoneyHiveTracer.init({ project: 'number-timers', serverUrl: collector.url });
    const step = traced((i: number) => i + 1, { name: 'step' });
    for (let i = 0; i < 1500; i++) step(i); // one full batch sent at once, the rest on the batch timer
    const stream = traced(
      async function* numbers() {
        yield 1;
        yield 2;
      },
      { name: 'numbers' },
    );
    for await (const _ of stream()) void _;
    const delivered = await tracer.flush(10_000);
    const stats = tracer.stats();
    globalThis.setTimeout = realSetTimeout;
    expect(delivered, JSON.stringify(stats)).to.equal(true);
    expect(stats.exported).to.equal(1501);
    const stored = collector.events.export({
      project: 'number-timers',
      filters: [{ field: 'event_name', operator: 'is', value: 'step' }],
      limit: 1,
    });
    expect(stored.totalEvents).to.equal(1500);
    await tracer.close();
  });
});
