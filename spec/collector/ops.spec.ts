import { expect } from 'chai';
import * as net from 'node:net';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

/** An OTLP request whose body never finishes arriving: it holds one ingest slot until `release()`. */
async function slowIngest(url: string): Promise<{ release: () => void }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.write(
    'POST /v1/traces HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"resourceSpans":',
  );
  return { release: () => socket.destroy() };
}

/** A Prometheus sample's value from `/metrics`. */
async function sample(collector: Collector, name: string): Promise<number> {
  const text = await (await fetch(`${collector.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

async function waitFor(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await cond()); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('collector operations: /ready, /metrics and the ingest bound', () => {
  let collector: Collector;
  let tracer: HoneyHiveTracer | undefined;
  afterEach(async () => {
    await tracer?.close();
    tracer = undefined;
    await collector.close();
  });

  it('answers /ready and Prometheus /metrics, counting what it stored', async () => {
    collector = await startCollector({ dbPath: ':memory:' });
    const ready = await fetch(`${collector.url}/ready`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({
      ready: true,
      database: 'up',
      ingest: { inFlight: 0, limit: 64 },
    });
    tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'ops',
      serverUrl: collector.url,
      skipSessionStart: true,
    });
    const step = traced((i: number) => i, { name: 'step', tracer });
    for (let i = 0; i < 1_000; i++) step(i);
    expect(await tracer.flush()).to.equal(true);
    const res = await fetch(`${collector.url}/metrics`);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).to.match(/^# HELP hivetrace_collector_spans_ingested_total /m);
    expect(text).to.match(/^# TYPE hivetrace_collector_db_write_seconds summary$/m);
    expect(await sample(collector, 'hivetrace_collector_spans_ingested_total')).to.equal(1_000);
    expect(await sample(collector, 'hivetrace_collector_db_write_seconds_count')).to.be.at.least(1);
    expect(await sample(collector, 'hivetrace_collector_db_up')).to.equal(1);
    expect(await sample(collector, 'hivetrace_collector_ingest_requests_rejected_total')).to.equal(0);
  });

  it('at its ingest bound answers 503 with Retry-After, says not ready, and keeps serving reads', async () => {
    collector = await startCollector({ dbPath: ':memory:', maxIngestRequests: 1 });
    const held = await slowIngest(collector.url);
    await waitFor(async () => (await sample(collector, 'hivetrace_collector_ingest_in_flight')) === 1);
    const refused = await fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [] }),
    });
    expect(refused.status).to.equal(503);
    expect(refused.headers.get('retry-after')).to.equal('1');
    const ready = await fetch(`${collector.url}/ready`);
    expect(ready.status).to.equal(503);
    expect(((await ready.json()) as { ready: boolean }).ready).to.equal(false);
    expect((await fetch(`${collector.url}/health`)).status).to.equal(200);
    expect((await fetch(`${collector.url}/api/sessions`)).status).to.equal(200);
    expect(await sample(collector, 'hivetrace_collector_ingest_requests_rejected_total')).to.equal(1);
    held.release();
    await waitFor(async () => (await fetch(`${collector.url}/ready`)).status === 200);
    expect((await fetch(`${collector.url}/ready`)).status).to.equal(200);
  });

  it("the SDK's spans refused at the bound arrive after its retry: flush() true, every span stored", async function () {
    this.timeout(30_000);
    collector = await startCollector({ dbPath: ':memory:', maxIngestRequests: 1 });
    const held = await slowIngest(collector.url);
    await waitFor(async () => (await sample(collector, 'hivetrace_collector_ingest_in_flight')) === 1);
    tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'ops-retry',
      serverUrl: collector.url,
      skipSessionStart: true,
    });
    const step = traced((i: number) => i, { name: 'retried', tracer });
    for (let i = 0; i < 500; i++) step(i);
    const flushed = tracer.flush(20_000);
    await waitFor(
      async () => (await sample(collector, 'hivetrace_collector_ingest_requests_rejected_total')) >= 1,
    );
    expect(await sample(collector, 'hivetrace_collector_ingest_requests_rejected_total')).to.be.at.least(1);
    held.release();
    expect(await flushed).to.equal(true);
    expect(await sample(collector, 'hivetrace_collector_spans_ingested_total')).to.equal(500);
    expect(tracer.stats()).to.include({ exported: 500, dropped: 0, failed: 0 });
  });

  it('guards /metrics with the API key, leaves /health and /ready open, and names no credential', async () => {
    collector = await startCollector({ dbPath: ':memory:', apiKey: 'sekret-key' });
    expect((await fetch(`${collector.url}/metrics`)).status).to.equal(401);
    expect((await fetch(`${collector.url}/ready`)).status).to.equal(200);
    const text = await (
      await fetch(`${collector.url}/metrics`, { headers: { authorization: 'Bearer sekret-key' } })
    ).text();
    expect(text).to.contain('hivetrace_collector_db_up 1').and.not.to.contain('sekret');
  });
});
