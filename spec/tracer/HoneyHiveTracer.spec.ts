import { expect } from 'chai';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { HoneyHiveTracer, internalsOf } from '../../lib/tracer/HoneyHiveTracer';
import { getTracer, setDefaultTracer } from '../../lib/tracer/tracer-lookup';
import { resetTracers } from '../../lib/tracer/TracerRegistry';
import { createTestTracer } from '../../lib/testing/create-test-tracer';

describe('HoneyHiveTracer', () => {
  describe('.init', () => {
    it('is synchronous and exposes project, source, sessionId, sessionName, testMode, provider', () => {
      const t = HoneyHiveTracer.init({ project: 'p', source: 's', sessionName: 'n', testMode: true });
      expect(t).to.be.instanceOf(HoneyHiveTracer);
      expect([t.project, t.source, t.sessionName, t.testMode]).to.deep.equal(['p', 's', 'n', true]);
      expect(t.sessionId).to.match(/^[0-9a-f-]{36}$/);
      expect(typeof t.provider.getTracer).to.equal('function');
    });

    it('is the same as new HoneyHiveTracer', () => {
      expect(new HoneyHiveTracer({ project: 'p', testMode: true }).project).to.equal('p');
    });
  });

  describe('.trace', () => {
    it('keeps a sync function sync and returns its value', () => {
      const { tracer, spans } = createTestTracer();
      const v = tracer.trace('sync', () => 41 + 1);
      expect(v).to.equal(42);
      expect(spans().map((s) => s.name)).to.deep.equal(['sync']);
    });

    it('returns the very promise of an async function and ends the span when it settles', async () => {
      const { tracer, spans } = createTestTracer();
      let resolve!: (v: string) => void;
      const p = new Promise<string>((r) => (resolve = r));
      const out = tracer.trace('async', () => p);
      expect(out).to.equal(p);
      expect(spans()).to.have.length(0);
      resolve('done');
      await out;
      await new Promise((r) => setImmediate(r));
      expect(spans().map((s) => s.name)).to.deep.equal(['async']);
    });

    it('passes the span and records namespaces and event type', () => {
      const { tracer, spans } = createTestTracer();
      tracer.trace('x', { eventType: 'model', inputs: { q: 'hi' }, feature: 'chat' }, (span) => {
        span.setAttribute('custom', 1);
      });
      const [s] = spans();
      expect(s!.eventType).to.equal('model');
      expect(s!.inputs).to.deep.equal({ q: 'hi' });
      expect(s!.metadata).to.deep.equal({ feature: 'chat' });
      expect(s!.attributes.custom).to.equal(1);
    });

    it('records an error and rethrows the same object', () => {
      const { tracer, spans } = createTestTracer();
      const boom = new TypeError('bad input');
      let caught: unknown;
      try {
        tracer.trace('fails', () => {
          throw boom;
        });
      } catch (e) {
        caught = e;
      }
      expect(caught).to.equal(boom);
      const [s] = spans();
      expect(s!.status).to.deep.equal({ code: SpanStatusCode.ERROR, message: 'TypeError: bad input' });
      expect(s!.error).to.equal('TypeError: bad input');
      expect(s!.attributes.honeyhive_error_type).to.equal('TypeError');
      expect(s!.events.map((e) => e.name)).to.include('exception');
    });

    it('rejects with the same reason and ends the span', async () => {
      const { tracer, spans } = createTestTracer();
      const boom = new Error('late');
      const p = tracer.trace('rejects', async () => {
        throw boom;
      });
      const reason = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(reason).to.equal(boom);
      await new Promise((r) => setImmediate(r));
      expect(spans()[0]!.error).to.equal('Error: late');
    });

    it('nests spans across awaits', async () => {
      const { tracer, spans } = createTestTracer();
      await tracer.trace('parent', async () => {
        await new Promise((r) => setTimeout(r, 5));
        await tracer.trace('child', async () => 1);
      });
      await new Promise((r) => setImmediate(r));
      const byName = Object.fromEntries(spans().map((s) => [s.name, s]));
      expect(byName.child!.parentSpanId).to.equal(byName.parent!.spanId);
      expect(byName.child!.traceId).to.equal(byName.parent!.traceId);
    });
  });

  describe('.createEvent', () => {
    it('records a completed event and returns its id', () => {
      const { tracer, spans } = createTestTracer();
      const id = tracer.createEvent({
        eventName: 'retrieval',
        eventType: 'tool',
        inputs: { q: 'x' },
        outputs: { docs: 2 },
        durationMs: 12,
      });
      const [s] = spans();
      expect(s!.name).to.equal('retrieval');
      expect(s!.attributes.honeyhive_event_id).to.equal(id);
      expect(s!.outputs).to.deep.equal({ docs: 2 });
      expect(Math.round(s!.durationMs)).to.equal(12);
    });
  });

  describe('.inject / .link / .unlink', () => {
    it('injects traceparent and the session baggage', () => {
      const { tracer } = createTestTracer({ project: 'proj', source: 'prod' });
      const headers = tracer.trace('outgoing', () => tracer.inject());
      expect(headers.traceparent).to.match(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(headers.baggage).to.contain(`session_id=${tracer.sessionId}`);
      expect(headers.baggage).to.contain('project=proj');
      expect(headers.baggage).to.contain('source=prod');
    });

    it('makes spans started while linked children of the carrier context', () => {
      const { tracer, spans } = createTestTracer();
      const carrier = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
      const token = tracer.link(carrier);
      tracer.trace('linked', () => 1);
      tracer.unlink(token);
      tracer.trace('unlinked', () => 1);
      const [linked, unlinked] = spans();
      expect(linked!.traceId).to.equal('0af7651916cd43dd8448eb211c80319c');
      expect(linked!.parentSpanId).to.equal('b7ad6b7169203331');
      expect(unlinked!.traceId).not.to.equal('0af7651916cd43dd8448eb211c80319c');
    });

    it('never throws on a hostile carrier', () => {
      const { tracer, spans } = createTestTracer();
      const hostile = new Proxy(
        {},
        {
          get: () => {
            throw new Error('no');
          },
          ownKeys: () => {
            throw new Error('no');
          },
        },
      );
      const token = tracer.link(hostile);
      tracer.trace('after', () => 1);
      tracer.unlink(token);
      expect(spans()).to.have.length(1);
    });

    it('links at init from linkCarrier', () => {
      const { tracer, spans } = createTestTracer({
        linkCarrier: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      });
      tracer.trace('child', () => 1);
      expect(spans()[0]!.parentSpanId).to.equal('b7ad6b7169203331');
    });
  });

  describe('.close', () => {
    it('is idempotent and unregisters the tracer', async () => {
      const { tracer } = createTestTracer();
      const a = tracer.close();
      expect(tracer.close()).to.equal(a);
      await a;
      expect(internalsOf(tracer).closed).to.equal(true);
      expect(getTracer()).to.equal(undefined);
    });

    it('is called by await using', async () => {
      let seen: HoneyHiveTracer | undefined;
      {
        await using t = HoneyHiveTracer.init({ project: 'p', testMode: true });
        seen = t;
      }
      expect(internalsOf(seen!).closed).to.equal(true);
    });

    it('keeps running traced code after close, untraced', async () => {
      const { tracer } = createTestTracer();
      await tracer.close();
      expect(tracer.trace('late', () => 7)).to.equal(7);
    });
  });

  describe('registry', () => {
    it('makes the first tracer the default and finds tracers by project', () => {
      const a = createTestTracer({ project: 'a' }).tracer;
      const b = createTestTracer({ project: 'b' }).tracer;
      expect(getTracer()).to.equal(a);
      expect(getTracer('b')).to.equal(b);
      expect(getTracer('nope')).to.equal(undefined);
      expect(setDefaultTracer(b)).to.equal(true);
      expect(getTracer()).to.equal(b);
      resetTracers();
      expect(getTracer()).to.equal(undefined);
    });

    it('never gives a span a parent from another tracer: new trace plus a link', () => {
      const a = createTestTracer({ project: 'a' });
      const b = createTestTracer({ project: 'b' });
      a.tracer.trace('a-span', () => b.tracer.trace('b-span', () => 1));
      const aSpan = a.spans()[0]!;
      const bSpan = b.spans()[0]!;
      expect(bSpan.parentSpanId).to.equal(undefined);
      expect(bSpan.traceId).not.to.equal(aSpan.traceId);
      expect(bSpan.links[0]!.context.spanId).to.equal(aSpan.spanId);
      expect(bSpan.project).to.equal('b');
      expect(a.spans()).to.have.length(1);
    });

    it('adopts spans of third-party instrumentors that use tracer.provider', () => {
      const { tracer, spans } = createTestTracer();
      const instrumentor = tracer.provider.getTracer('some-instrumentation');
      tracer.trace('mine', () => instrumentor.startActiveSpan('theirs', (s) => s.end()));
      const byName = Object.fromEntries(spans().map((s) => [s.name, s]));
      expect(byName.theirs!.parentSpanId).to.equal(byName.mine!.spanId);
      expect(byName.theirs!.sessionId).to.equal(tracer.sessionId);
      expect(trace.getActiveSpan()).to.equal(undefined);
    });
  });
});
