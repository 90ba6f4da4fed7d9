import { expect } from 'chai';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startCollector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import { startRecordingServer } from '../helpers/recording-server';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import { startOpenAICompatibleServer } from '../helpers/openai-compatible-server';

/** A plain TCP server speaking just enough HTTP: the http instrumentation sees no server side. */
async function rawServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.once('data', () =>
      socket.end(
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n{"ok":true}',
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, close: () => new Promise((r) => server.close(() => r())) };
}

const get = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

describe('HTTP tracing (disableHttpTracing: false)', () => {
  let server: { url: string; close(): Promise<void> };
  beforeEach(async () => (server = await rawServer()));
  afterEach(async () => server.close());

  it('records fetch and http client spans as children of the traced method', async () => {
    const kit = createTestTracer({ disableHttpTracing: false });
    const callOut = traced(
      async () => {
        await (await fetch(server.url)).json();
        return get(server.url);
      },
      { name: 'call out', tracer: kit.tracer },
    );
    expect(await callOut()).to.equal(200);
    await kit.tracer.flush();
    const spans = kit.spans();
    const parent = spans.find((s) => s.name === 'call out')!;
    const clients = spans.filter((s) => s.name === 'GET' && s.parentSpanId === parent.spanId);
    expect(clients, JSON.stringify(spans.map((s) => [s.name, s.parentSpanId]))).to.have.length(2);
    for (const c of clients) {
      expect(c.parentSpanId).to.equal(parent.spanId);
      expect(c.sessionId).to.equal(parent.sessionId);
      expect(c.attributes['http.response.status_code'] ?? c.attributes['http.status_code']).to.equal(200);
    }
    await kit.tracer.close();
  });

  it('records no HTTP span when off (the default)', async () => {
    const kit = createTestTracer();
    await traced(async () => (await fetch(server.url)).json(), { name: 'call out', tracer: kit.tracer })();
    await get(server.url);
    expect(kit.spans().map((s) => s.name)).to.deep.equal(['call out']);
    await kit.tracer.close();
  });

  it('gives two tracers in one process only their own HTTP spans', async () => {
    const a = createTestTracer({ project: 'a', disableHttpTracing: false });
    const b = createTestTracer({ project: 'b', disableHttpTracing: false });
    const off = createTestTracer({ project: 'off' });
    await traced(async () => (await fetch(`${server.url}?from=a`)).json(), {
      name: 'a work',
      tracer: a.tracer,
    })();
    await traced(async () => get(`${server.url}?from=b`), { name: 'b work', tracer: b.tracer })();
    await traced(async () => (await fetch(`${server.url}?from=off`)).json(), {
      name: 'off work',
      tracer: off.tracer,
    })();
    const urls = (kit: ReturnType<typeof createTestTracer>) =>
      kit
        .spans()
        .filter((s) => s.name === 'GET')
        .map((s) => String(s.attributes['url.full'] ?? s.attributes['http.url']));
    expect(urls(a)).to.deep.equal([`${server.url}?from=a`]);
    expect(urls(b)).to.deep.equal([`${server.url}?from=b`]);
    expect(off.spans().map((s) => s.name)).to.deep.equal(['off work']);
    await Promise.all([a.tracer.close(), b.tracer.close(), off.tracer.close()]);
  });

  it('records the openai client call, and the server side of a request', async () => {
    const kit = createTestTracer({ disableHttpTracing: false });
    const llm = await startOpenAICompatibleServer();
    try {
      const client = new OpenAI({ baseURL: llm.url, apiKey: 'local-key' });
      const ask = traced(
        async () =>
          (await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }))
            .choices[0]!.message.content,
        { name: 'ask', tracer: kit.tracer },
      );
      expect(await ask()).to.equal('echo: hi');
      await new Promise((r) => setTimeout(r, 50)); // the server side ends as its response is sent
      const spans = kit.spans();
      const parent = spans.find((s) => s.name === 'ask')!;
      const client_ = spans.find(
        (s) =>
          s.name === 'POST' &&
          s.attributes['http.request.method'] === 'POST' &&
          s.parentSpanId === parent.spanId,
      );
      expect(client_, JSON.stringify(spans.map((s) => [s.name, s.parentSpanId]))).to.not.equal(undefined);
      // the fake server runs in this process: its side of the request is a server span too
      const serverSpan = spans.find((s) => s !== client_ && s.name === 'POST');
      expect(serverSpan?.attributes['http.method'] ?? serverSpan?.attributes['http.request.method']).to.equal(
        'POST',
      );
    } finally {
      await llm.close();
      await kit.tracer.close();
    }
  });

  it('never traces hivetrace’s own exports and REST calls', async () => {
    const backend = await startRecordingServer(() => ({
      status: 200,
      body: { session_id: 's', success: true },
    }));
    const seen = new InMemorySpanExporter();
    const tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'p',
      serverUrl: backend.url,
      disableHttpTracing: false,
      spanProcessors: [new SimpleSpanProcessor(seen)],
    });
    try {
      await traced(async () => 1, { name: 'work', tracer })();
      tracer.enrichSession({ metadata: { a: 1 } });
      const flushed = await tracer.flush();
      expect(
        flushed,
        JSON.stringify([tracer.stats(), backend.requests.map((r) => [r.method, r.path])]),
      ).to.equal(true);
      await backend.waitFor((r) => r.path === '/opentelemetry/v1/traces');
      await backend.waitFor((r) => r.path === '/events' && r.method === 'PUT');
      expect(seen.getFinishedSpans().map((s) => s.name)).to.deep.equal(['work']);
    } finally {
      await tracer.close();
      await backend.close();
    }
  });

  it('leaves the embedded local collector untraced: no span of an export is exported again', async () => {
    const collector = await startCollector({ dbPath: ':memory:' });
    const tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'loop',
      serverUrl: collector.url,
      disableHttpTracing: false,
    });
    try {
      for (let i = 0; i < 5; i++)
        await traced(async () => (await fetch(server.url)).json(), { name: 'work', tracer })();
      expect(await tracer.flush()).to.equal(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(await tracer.flush()).to.equal(true);
      const names = collector.events.export({ project: 'loop' }).events.map((e) => e.event_name);
      expect(names.filter((n) => n === 'work')).to.have.length(5);
      expect(names.filter((n) => n === 'GET')).to.have.length(5); // the five fetches, nothing else
      expect(names.filter((n) => n === 'POST')).to.have.length(0);
    } finally {
      await tracer.close();
      await collector.close();
    }
  });
});
