import { expect } from 'chai';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import * as sinon from 'sinon';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { logger } from '../../lib/internal/logger';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import { resetTracers } from '../../lib/tracer/TracerRegistry';

async function countEvents(collector: Collector, project: string, eventName?: string): Promise<number> {
  const filters = eventName ? [{ field: 'event_name', operator: 'is', value: eventName }] : [];
  const res = await fetch(`${collector.url}/v1/events/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ project, filters, limit: 1 }),
  });
  return ((await res.json()) as { totalEvents: number }).totalEvents;
}

async function exportEvents(collector: Collector, project: string, eventName: string): Promise<any[]> {
  const res = await fetch(`${collector.url}/v1/events/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ project, filters: [{ field: 'event_name', operator: 'is', value: eventName }] }),
  });
  return ((await res.json()) as { events: any[] }).events;
}

describe('delivery', () => {
  let collector: Collector;
  let tracer: HoneyHiveTracer | undefined;
  beforeEach(async () => (collector = await startCollector({ dbPath: ':memory:' })));
  afterEach(async () => {
    sinon.restore();
    await tracer?.close(2000);
    tracer = undefined;
    resetTracers();
    await collector.close();
  });

  const init = (options: Partial<Parameters<typeof HoneyHiveTracer.init>[0]> = {}) =>
    (tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'delivery',
      serverUrl: collector.url,
      flushOnExit: false,
      ...options,
    }));

  it('stores every one of 10,000 spans from a tight loop, and flush() is true', async function () {
    this.timeout(60_000);
    const t = init();
    const work = traced(function step(i: number) {
      return i * 2;
    });
    for (let i = 0; i < 10_000; i++) work(i);
    expect(await t.flush(30_000)).to.equal(true);
    const stats = t.stats();
    expect(stats).to.include({ started: 10_000, exported: 10_000, dropped: 0, failed: 0, queued: 0 });
    expect(await countEvents(collector, 'delivery', 'step')).to.equal(10_000);
  });

  it('drops past maxQueueSize while the collector is down: counted, warned once, flush() false', async () => {
    const warn = sinon.spy(logger, 'warn');
    await collector.close();
    const t = init({ maxQueueSize: 100, exportTimeoutMs: 500 });
    const work = traced(function step() {
      return 1;
    });
    for (let i = 0; i < 1000; i++) work();
    const stats = t.stats();
    expect(stats.dropped).to.equal(900);
    expect(stats.queued).to.equal(100);
    expect(warn.getCalls().filter((c) => String(c.args[0]).includes('queue is full'))).to.have.length(1);
    expect(await t.flush(5000)).to.equal(false);
    expect(t.stats().failed).to.equal(100);
    collector = await startCollector({ dbPath: ':memory:' }); // for afterEach
  });

  it('reports false once for a loss, then true again when everything since was delivered', async () => {
    const t = init({ maxQueueSize: 10 });
    const work = traced(function step() {
      return 1;
    });
    for (let i = 0; i < 20; i++) work();
    expect(await t.flush()).to.equal(false);
    for (let i = 0; i < 5; i++) work();
    expect(await t.flush()).to.equal(true);
    expect(await countEvents(collector, 'delivery', 'step')).to.equal(15);
  });

  it('a 40 MB error message loses no other span of its batch', async function () {
    this.timeout(60_000);
    const t = init();
    const ok = traced(function fine(i: number) {
      return i;
    });
    const boom = traced(function explode() {
      throw new Error('x'.repeat(40 * 1024 * 1024));
    });
    for (let i = 0; i < 200; i++) ok(i);
    expect(() => boom()).to.throw(Error);
    for (let i = 0; i < 200; i++) ok(i);
    expect(await t.flush(30_000)).to.equal(true);
    expect(await countEvents(collector, 'delivery', 'fine')).to.equal(400);
    const [failed] = await exportEvents(collector, 'delivery', 'explode');
    expect(failed.error.length).to.be.lessThan(5000);
    expect(failed.error).to.match(/^Error: x+…\[truncated \d+ chars\]$/);
  });

  it('a huge span name, event name and enrichment stay within the limits', async () => {
    const t = init();
    const name = 'n'.repeat(1_000_000);
    t.trace(name, (span) => {
      t.enrichSpan({ eventName: 'e'.repeat(1_000_000), metadata: { big: 'm'.repeat(1_000_000) } });
      return span;
    });
    expect(await t.flush()).to.equal(true);
    expect(await countEvents(collector, 'delivery')).to.be.greaterThan(0);
  });

  it('splits a batch the backend refuses as too large (413) until every span is stored', async function () {
    this.timeout(60_000);
    await collector.close();
    collector = await startCollector({ dbPath: ':memory:', maxBodyBytes: 256 * 1024 });
    const t = init();
    const fn = traced(function chunky(text: string) {
      return text.length;
    });
    for (let i = 0; i < 600; i++) fn('z'.repeat(3000)); // ~4 KB a span: one batch is ~2.5 MB
    expect(await t.flush(30_000)).to.equal(true);
    expect(t.stats()).to.include({ exported: 600, failed: 0, dropped: 0 });
    expect(await countEvents(collector, 'delivery', 'chunky')).to.equal(600);
  });

  it('hands spans to a custom exporter and to extra span processors, after stamping', async () => {
    const exported: ReadableSpan[] = [];
    const ended: ReadableSpan[] = [];
    const t = init({
      exporter: {
        export: (spans, done) => {
          exported.push(...spans);
          done({ code: ExportResultCode.SUCCESS });
        },
        shutdown: () => Promise.resolve(),
      },
      spanProcessors: [
        {
          onStart: () => undefined,
          onEnd: (span) => void ended.push(span),
          forceFlush: () => Promise.resolve(),
          shutdown: () => Promise.resolve(),
        },
      ],
    });
    t.trace('custom', () => 1);
    expect(await t.flush()).to.equal(true);
    expect(exported.map((s) => s.name)).to.deep.equal(['custom']);
    expect(ended[0]!.attributes['honeyhive.project']).to.equal('delivery');
    expect(await countEvents(collector, 'delivery')).to.equal(1); // the session start only
  });

  it('sends large spans in smaller batches (about 1 Mi captured characters each), small ones 1,024 at a time', async () => {
    const batches: number[] = [];
    const t = init({
      exporter: {
        export: (spans, done) => {
          batches.push(spans.length);
          done({ code: ExportResultCode.SUCCESS });
        },
        shutdown: () => Promise.resolve(),
      },
    });
    // about 10 KB of JSON: forty sections of 250 characters
    const doc = {
      sections: Array.from({ length: 40 }, (_, i) => ({ i, body: 'lorem ipsum dolor sit amet '.repeat(9) })),
    };
    const big = traced((d: typeof doc) => d.sections.length, { name: 'big' });
    for (let i = 0; i < 1_000; i++) big(doc);
    const small = traced((i: number) => i, { name: 'small' });
    for (let i = 0; i < 2_048; i++) small(i);
    expect(await t.flush()).to.equal(true);
    expect(batches.reduce((a, b) => a + b, 0)).to.equal(3_048);
    // 1 Mi characters hold about a hundred 10 KB spans: the first batches seal by size
    expect(Math.max(...batches.slice(0, 5))).to.be.within(90, 110);
    expect(batches).to.include(1_024);
  });

  it('counts a span that ends after its tracer closed as dropped, without the queue-full warning', async () => {
    const warn = sinon.spy(logger, 'warn');
    const t = init();
    const span = t.startSpan('late');
    await t.close();
    span.end();
    expect(t.stats().dropped).to.equal(1);
    expect(warn.getCalls().filter((c) => String(c.args[0]).includes('queue is full'))).to.have.length(0);
  });

  it('keeps output, error and duration when inputs are as large as the capture limits allow', async () => {
    const t = init();
    const wide: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) wide[`k${i}`] = i;
    const fn = traced(function wideCall(a: object, b: object, c: object) {
      void a;
      void b;
      void c;
      return 'the output';
    });
    fn(wide, wide, wide);
    expect(await t.flush()).to.equal(true);
    const [event] = await exportEvents(collector, 'delivery', 'wideCall');
    expect(event.outputs).to.deep.equal({ result: 'the output' });
    expect(event.duration).to.be.a('number');
  });
});
