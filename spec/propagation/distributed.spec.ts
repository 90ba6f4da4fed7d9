import { expect } from 'chai';
import { context, propagation, trace } from '@opentelemetry/api';
import express from 'express';
import Fastify from 'fastify';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  enrichSpanContext,
  extractContextFromCarrier,
  injectContextIntoCarrier,
  withDistributedTraceContext,
} from '../../lib/propagation/distributed';
import { hivetraceExpress, hivetraceFastify, traceHttpHandler } from '../../lib/propagation/middleware';
import { internalsOf } from '../../lib/tracer/HoneyHiveTracer';
import { traced } from '../../lib/decorators/traced';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import type { TestTracerKit } from '../../lib/testing/create-test-tracer';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';
const SESSION = '6f1e7c58-2d0b-4f59-9d3a-4b8f2a1c9e77';
const tick = () => new Promise((r) => setImmediate(r));

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('distributed tracing', () => {
  describe('injectContextIntoCarrier / extractContextFromCarrier', () => {
    it('writes traceparent and session baggage that extract reads back', () => {
      const { tracer } = createTestTracer({ project: 'support', source: 'gateway' });
      const headers = tracer.trace('client', () =>
        injectContextIntoCarrier({} as Record<string, string>, tracer),
      );
      expect(headers.traceparent).to.match(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const ctx = extractContextFromCarrier(headers);
      const bag = propagation.getBaggage(ctx)!;
      expect(bag.getEntry('session_id')!.value).to.equal(tracer.sessionId);
      expect(bag.getEntry('project')!.value).to.equal('support');
      expect(bag.getEntry('source')!.value).to.equal('gateway');
      expect(trace.getSpanContext(ctx)!.isRemote).to.equal(true);
    });

    it('writes into fetch Headers', () => {
      const { tracer } = createTestTracer();
      const h = tracer.trace('x', () => injectContextIntoCarrier(new Headers(), tracer));
      expect(h.get('traceparent')).to.match(/^00-/);
      expect(h.get('baggage')).to.contain('session_id=');
    });

    const cases: Array<[string, () => Record<string, unknown> | Headers]> = [
      [
        'upper-case keys',
        () => ({ TRACEPARENT: `00-${TRACE_ID}-${PARENT}-01`, BAGGAGE: `session_id=${SESSION}` }),
      ],
      [
        'fetch Headers',
        () => new Headers({ traceparent: `00-${TRACE_ID}-${PARENT}-01`, baggage: `session_id=${SESSION}` }),
      ],
      [
        'Node array values',
        () => ({ traceparent: [`00-${TRACE_ID}-${PARENT}-01`], baggage: [`session_id=${SESSION}`] }),
      ],
      [
        'another vendor in baggage',
        () => ({
          traceparent: `00-${TRACE_ID}-${PARENT}-01`,
          baggage: `vendor.trace=abc,session_id=${SESSION},tenant=acme`,
        }),
      ],
      [
        'honeyhive_session_id alias',
        () => ({ traceparent: `00-${TRACE_ID}-${PARENT}-01`, baggage: `honeyhive_session_id=${SESSION}` }),
      ],
      [
        'honeyhive.session_id alias',
        () => ({ traceparent: `00-${TRACE_ID}-${PARENT}-01`, baggage: `honeyhive.session_id=${SESSION}` }),
      ],
    ];
    for (const [label, headers] of cases) {
      it(`continues the caller's trace and session from ${label}`, () => {
        const { tracer, spans } = createTestTracer();
        withDistributedTraceContext(headers(), tracer, () => tracer.trace('server-work', () => 1));
        const [s] = spans();
        expect(s!.traceId).to.equal(TRACE_ID);
        expect(s!.parentSpanId).to.equal(PARENT);
        expect(s!.sessionId).to.equal(SESSION);
      });
    }

    it('copies no other baggage onto spans by default', () => {
      const { tracer, spans } = createTestTracer();
      withDistributedTraceContext(cases[3]![1](), tracer, () => tracer.trace('x', () => 1));
      expect(Object.keys(spans()[0]!.attributes).filter((k) => k.startsWith('baggage.'))).to.deep.equal([]);
    });

    it('copies allowlisted baggage as baggage.<key>, through the limits and redaction', () => {
      const { tracer, spans } = createTestTracer({
        baggageAttributes: ['vendor.trace', 'tenant', 'api_key', 'huge'],
        capture: { limits: { maxStringLength: 100 } },
      });
      const carrier = {
        traceparent: `00-${TRACE_ID}-${PARENT}-01`,
        baggage: `vendor.trace=abc,tenant=acme,api_key=sk-live-123,huge=${'h'.repeat(4000)},other=x`,
      };
      withDistributedTraceContext(carrier, tracer, () => tracer.trace('x', () => 1));
      const a = spans()[0]!.attributes;
      expect(a).to.include({
        'baggage.vendor.trace': 'abc',
        'baggage.tenant': 'acme',
        'baggage.api_key': '[REDACTED]',
      });
      expect(String(a['baggage.huge'])).to.have.length.below(200).and.to.contain('[truncated');
      expect(a).not.to.have.property('baggage.other');
    });

    it('takes a predicate for the allowlist', () => {
      const { tracer, spans } = createTestTracer({ baggageAttributes: (k) => k.startsWith('vendor.') });
      withDistributedTraceContext(cases[3]![1](), tracer, () => tracer.trace('x', () => 1));
      expect(spans()[0]!.attributes).to.include({ 'baggage.vendor.trace': 'abc' });
      expect(spans()[0]!.attributes).not.to.have.property('baggage.tenant');
    });

    it('ignores the caller session when it belongs to another project', () => {
      const { tracer, spans } = createTestTracer({ project: 'mine' });
      withDistributedTraceContext({ baggage: `session_id=${SESSION},project=theirs` }, tracer, () =>
        tracer.trace('x', () => 1),
      );
      expect(spans()[0]!.sessionId).to.equal(tracer.sessionId);
    });
  });

  describe('withDistributedTraceContext', () => {
    it('records traced() functions run inside it for the tracer it names (not untraced)', async () => {
      const caller = createTestTracer({ project: 'svc-a' });
      const headers = caller.tracer.trace('client', () =>
        injectContextIntoCarrier({} as Record<string, string>, caller.tracer),
      );
      const served = await withDistributedTraceContext(headers, caller.tracer, () =>
        traced(async () => 'served', { name: 'remote handler' })(),
      );
      expect(served).to.equal('served');
      const [client, remote] = caller.spans();
      expect(remote!.name).to.equal('remote handler');
      expect(remote!.parentSpanId).to.equal(client!.spanId);
      await caller.tracer.close();
    });

    it('restores the previous context afterwards, also on throw', () => {
      const { tracer } = createTestTracer();
      const before = context.active();
      expect(() =>
        withDistributedTraceContext({ traceparent: `00-${TRACE_ID}-${PARENT}-01` }, tracer, () => {
          expect(trace.getSpanContext(context.active())!.traceId).to.equal(TRACE_ID);
          throw new Error('handler failed');
        }),
      ).to.throw('handler failed');
      expect(context.active()).to.equal(before);
      expect(trace.getSpanContext(context.active())).to.equal(undefined);
    });

    it('overrides the session with options.sessionId and returns fn value', () => {
      const { tracer, spans } = createTestTracer();
      const other = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
      const v = withDistributedTraceContext(
        { baggage: `session_id=${SESSION}` },
        tracer,
        () => tracer.trace('x', () => 7),
        { sessionId: other },
      );
      expect(v).to.equal(7);
      expect(spans()[0]!.sessionId).to.equal(other);
    });

    it('accepts (headers, fn) without a tracer', () => {
      const { tracer, spans } = createTestTracer();
      withDistributedTraceContext({ traceparent: `00-${TRACE_ID}-${PARENT}-01` }, () =>
        tracer.trace('x', () => 1),
      );
      expect(spans()[0]!.traceId).to.equal(TRACE_ID);
    });
  });

  describe('enrichSpanContext', () => {
    it('runs fn in a span enriched with every field of the seed', () => {
      const { spans } = createTestTracer();
      const v = enrichSpanContext(
        {
          eventName: 'call-service-b',
          inputs: { q: 'hi' },
          outputs: { ok: true },
          metadata: { hop: 1 },
          metrics: { ms: 3 },
          config: { retries: 2 },
          userProperties: { plan: 'pro' },
          feedback: { good: true },
          error: 'none',
        },
        () => 'done',
      );
      expect(v).to.equal('done');
      const [s] = spans();
      expect(s!.name).to.equal('call-service-b');
      expect([
        s!.inputs,
        s!.outputs,
        s!.metadata,
        s!.metrics,
        s!.config,
        s!.userProperties,
        s!.feedback,
        s!.error,
      ]).to.deep.equal([
        { q: 'hi' },
        { ok: true },
        { hop: 1 },
        { ms: 3 },
        { retries: 2 },
        { plan: 'pro' },
        { good: true },
        'none',
      ]);
    });
  });

  describe('two real services on 127.0.0.1', () => {
    let client: TestTracerKit;
    let serverKit: TestTracerKit;
    let server: http.Server;
    let url: string;

    beforeEach(async () => {
      client = createTestTracer({ project: 'support', source: 'gateway' });
      serverKit = createTestTracer({ project: 'support', source: 'agent' });
      const app = express();
      app.use(hivetraceExpress({ tracer: serverKit.tracer }));
      app.get('/answer/:id', async (req, res) => {
        await new Promise((r) => setTimeout(r, Math.random() * 10));
        const text = await serverKit.tracer.trace(
          'agent.answer',
          { eventType: 'chain' },
          async () => `answer ${req.params.id}`,
        );
        res.json({ text, session: internalsOf(serverKit.tracer).currentSessionId() });
      });
      server = http.createServer(app);
      url = await listen(server);
    });
    afterEach(async () => new Promise<void>((r) => server.close(() => r())));

    const call = (path: string) =>
      client.tracer.trace('gateway.call', { eventType: 'tool' }, async () => {
        const res = await fetch(`${url}${path}`, {
          headers: injectContextIntoCarrier({} as Record<string, string>, client.tracer),
        });
        return (await res.json()) as { text: string; session: string };
      });

    it("puts the server's spans in the client's trace, under the client span, in the client's session", async () => {
      const body = await call('/answer/1');
      await tick();
      expect(body.session).to.equal(client.tracer.sessionId);
      const [clientSpan] = client.spans();
      const serverSpans = serverKit.spans();
      const root = serverSpans.find((s) => s.name === 'GET /answer/:id')!;
      const child = serverSpans.find((s) => s.name === 'agent.answer')!;
      expect(root.traceId).to.equal(clientSpan!.traceId);
      expect(root.parentSpanId).to.equal(clientSpan!.spanId);
      expect(child.parentSpanId).to.equal(root.spanId);
      for (const s of serverSpans) expect(s.sessionId).to.equal(client.tracer.sessionId);
      expect(root.attributes['http.response.status_code']).to.equal(200);
      expect(root.attributes['honeyhive.source']).to.equal('agent');
    });

    it('never leaks context between many interleaved requests', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          client.tracer.withSession({ sessionName: `user-${i}` }, async (sessionId) => ({
            i,
            sessionId,
            body: await call(`/answer/${i}`),
          })),
        ),
      );
      await tick();
      const clientSpans = client.spans();
      const serverRoots = serverKit.spans().filter((s) => s.name === 'GET /answer/:id');
      const answers = serverKit.spans().filter((s) => s.name === 'agent.answer');
      expect(serverRoots).to.have.length(200);
      for (const r of results) {
        expect(r.body.text).to.equal(`answer ${r.i}`);
        expect(r.body.session).to.equal(r.sessionId);
      }
      const clientBySpan = new Map(clientSpans.map((s) => [s.spanId, s]));
      for (const root of serverRoots) {
        const parent = clientBySpan.get(root.parentSpanId!)!;
        expect(parent, 'client parent').to.not.equal(undefined);
        expect(root.traceId).to.equal(parent.traceId);
        expect(root.sessionId).to.equal(parent.sessionId);
      }
      const rootById = new Map(serverRoots.map((s) => [s.spanId, s]));
      for (const a of answers) expect(a.sessionId).to.equal(rootById.get(a.parentSpanId!)!.sessionId);
    });
  });

  describe('the session-id approach (seed 004)', () => {
    it('shares the session but not the trace', async () => {
      const client = createTestTracer({ project: 'support' });
      let serverKit: TestTracerKit | undefined;
      const server = http.createServer((req, res) => {
        let raw = '';
        req.on('data', (c: Buffer) => (raw += c.toString()));
        req.on('end', () => {
          const { session_id } = JSON.parse(raw) as { session_id: string };
          serverKit = createTestTracer({ project: 'support', sessionId: session_id, skipSessionStart: true });
          serverKit.tracer.trace('service-b.handle', () => res.end('ok'));
        });
      });
      const url = await listen(server);
      try {
        await client.tracer.trace('service-a.call', () =>
          fetch(url, { method: 'POST', body: JSON.stringify({ session_id: client.tracer.sessionId }) }).then(
            (r) => r.text(),
          ),
        );
        await tick();
        const [a] = client.spans();
        const [b] = serverKit!.spans();
        expect(b!.sessionId).to.equal(a!.sessionId);
        expect(b!.traceId).not.to.equal(a!.traceId);
        expect(b!.parentSpanId).to.equal(undefined);
        expect(serverKit!.requests()).to.have.length(0);
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });

  describe('middleware', () => {
    it('Fastify: runs the route in a server span of the caller trace, ended with the status', async () => {
      const kit = createTestTracer({ project: 'support' });
      const app = Fastify();
      await app.register(hivetraceFastify({ tracer: kit.tracer }));
      app.get('/items/:id', async () => kit.tracer.trace('load-item', () => ({ ok: true })));
      app.get('/boom', async (_req, reply) => reply.code(503).send({ down: true }));
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const headers = { traceparent: `00-${TRACE_ID}-${PARENT}-01`, baggage: `session_id=${SESSION}` };
        expect((await fetch(`${url}/items/9`, { headers })).status).to.equal(200);
        expect((await fetch(`${url}/boom`)).status).to.equal(503);
        await tick();
        const spans = kit.spans();
        const root = spans.find((s) => s.name === 'GET /items/:id')!;
        const child = spans.find((s) => s.name === 'load-item')!;
        expect(root.traceId).to.equal(TRACE_ID);
        expect(root.parentSpanId).to.equal(PARENT);
        expect(root.sessionId).to.equal(SESSION);
        expect(child.parentSpanId).to.equal(root.spanId);
        const boom = spans.find((s) => s.name === 'GET /boom')!;
        expect(boom.attributes['http.response.status_code']).to.equal(503);
        expect(boom.status.code).to.equal(2);
      } finally {
        await app.close();
      }
    });

    it('plain http: traceHttpHandler continues the trace', async () => {
      const kit = createTestTracer();
      const server = http.createServer(
        traceHttpHandler((_req, res) => kit.tracer.trace('work', () => res.end('ok')), {
          tracer: kit.tracer,
        }),
      );
      const url = await listen(server);
      try {
        await fetch(`${url}/plain?x=1`, { headers: { traceparent: `00-${TRACE_ID}-${PARENT}-01` } });
        await tick();
        const root = kit.spans().find((s) => s.name === 'GET /plain')!;
        expect(root.traceId).to.equal(TRACE_ID);
        expect(kit.spans().find((s) => s.name === 'work')!.parentSpanId).to.equal(root.spanId);
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });
});
