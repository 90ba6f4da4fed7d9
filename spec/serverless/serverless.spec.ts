import { expect } from 'chai';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sinon from 'sinon';
import { injectContextIntoCarrier } from '../../lib/propagation/distributed';
import { traceFetchHandler } from '../../lib/serverless/trace-fetch-handler';
import { traceLambdaHandler } from '../../lib/serverless/trace-lambda-handler';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

/** A backend on 127.0.0.1 that accepts every request and never answers: a flush to it cannot end early. */
async function hangingBackend(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('serverless helpers', () => {
  describe('traceFetchHandler', () => {
    it('runs each request in a SERVER span and a session of its own, response and status unchanged', async () => {
      const kit = createTestTracer({ project: 'edge' });
      const response = new Response('hello', { status: 201 });
      const handler = traceFetchHandler(async () => response, { tracer: kit.tracer });
      expect(await handler(new Request('http://edge.test/ask?q=1', { method: 'POST' }))).to.equal(response);
      const [span] = kit.spans();
      expect(span!.name).to.equal('POST /ask');
      expect(span!.attributes['http.response.status_code']).to.equal(201);
      expect(span!.sessionId).to.not.equal(kit.tracer.sessionId);
      expect(kit.requests().some((r) => r.path === '/session/start')).to.equal(true);
      await kit.tracer.close();
    });

    it("continues the caller's trace and session from the request headers", async () => {
      const caller = createTestTracer({ project: 'edge' });
      const headers = caller.tracer.trace('client', () =>
        injectContextIntoCarrier({} as Record<string, string>, caller.tracer),
      );
      const handler = traceFetchHandler(async () => new Response('ok'), { tracer: caller.tracer });
      await handler(new Request('http://edge.test/', { headers }));
      const [client, server] = caller.spans();
      expect(server!.traceId).to.equal(client!.traceId);
      expect(server!.parentSpanId).to.equal(client!.spanId);
      expect(server!.sessionId).to.equal(caller.tracer.sessionId);
      await caller.tracer.close();
    });

    it('records the error a handler throws and throws that very error', async () => {
      const kit = createTestTracer({ project: 'edge' });
      const boom = new Error('boom');
      const handler = traceFetchHandler(
        async () => {
          throw boom;
        },
        { tracer: kit.tracer },
      );
      const thrown = await handler(new Request('http://edge.test/')).catch((e: unknown) => e);
      expect(thrown).to.equal(boom);
      expect(kit.spans()[0]!.error).to.equal('Error: boom');
      expect(kit.spans()[0]!.attributes['http.response.status_code']).to.equal(500);
      await kit.tracer.close();
    });

    it("hands the flush to the platform's waitUntil (ctx, event) and answers at once; without one it flushes first, bounded", async () => {
      const backend = await hangingBackend();
      const tracer = HoneyHiveTracer.init({
        project: 'edge',
        serverUrl: backend.url,
        apiKey: 'k',
        flushOnExit: false,
      });
      try {
        const handler = traceFetchHandler(
          async (_request: Request, _env?: unknown, _ctx?: unknown) => new Response('ok'),
          {
            tracer,
            flushTimeoutMs: 300,
          },
        );
        const handed: Promise<unknown>[] = [];
        let settled = false;
        const res = await handler(
          new Request('http://edge.test/'),
          {},
          { waitUntil: (p: Promise<unknown>) => handed.push(p) },
        );
        expect(await res.text()).to.equal('ok');
        expect(handed).to.have.length(1);
        void handed[0]!.then(() => (settled = true));
        await Promise.resolve();
        expect(settled, 'the response left before the flush ended').to.equal(false);
        await handed[0];
        // no waitUntil: the response leaves only after the (bounded) flush
        const flush = sinon.spy(tracer, 'flush');
        await handler(new Request('http://edge.test/'));
        expect(flush.calledOnceWith(300)).to.equal(true);
        expect(await flush.firstCall.returnValue).to.equal(false);
      } finally {
        await tracer.close(100);
        await backend.close();
      }
    });
  });

  describe('traceLambdaHandler', () => {
    const lambdaContext = (left: number) => ({
      functionName: 'answer-fn',
      awsRequestId: 'req-1',
      getRemainingTimeInMillis: () => left,
    });

    it('traces each invocation in a session of its own, result and errors unchanged, flush bounded by the time left', async () => {
      const kit = createTestTracer({ project: 'lambda' });
      const result = { statusCode: 200, body: 'ok' };
      const flush = sinon.spy(kit.tracer, 'flush');
      const handler = traceLambdaHandler(async (event: { q: string }) => (event.q ? result : result), {
        tracer: kit.tracer,
      });
      expect(await handler({ q: 'why' }, lambdaContext(60_000))).to.equal(result);
      const [span] = kit.spans();
      expect(span!.name).to.equal('answer-fn');
      expect(span!.eventType).to.equal('chain');
      expect(span!.inputs).to.deep.equal({ event: { q: 'why' } });
      expect(span!.attributes['faas.invocation_id']).to.equal('req-1');
      expect(span!.sessionId).to.not.equal(kit.tracer.sessionId);
      expect(flush.lastCall.args[0]).to.equal(2000);
      const boom = new Error('boom');
      const failing = traceLambdaHandler(
        async () => {
          throw boom;
        },
        { tracer: kit.tracer },
      );
      expect(await failing({}, lambdaContext(150)).catch((e: unknown) => e)).to.equal(boom);
      expect(flush.lastCall.args[0], 'never more than the invocation has left, less 100 ms').to.equal(50);
      await kit.tracer.close();
    });

    it("joins the caller's session when an API Gateway event's headers carry it", async () => {
      const kit = createTestTracer({ project: 'lambda' });
      const headers = kit.tracer.trace('client', () =>
        injectContextIntoCarrier({} as Record<string, string>, kit.tracer),
      );
      const handler = traceLambdaHandler(async () => 'ok', { tracer: kit.tracer });
      await handler({ headers }, lambdaContext(10_000));
      const [client, invocation] = kit.spans();
      expect(invocation!.sessionId).to.equal(kit.tracer.sessionId);
      expect(invocation!.parentSpanId).to.equal(client!.spanId);
      await kit.tracer.close();
    });
  });
});
