import { expect } from 'chai';
import * as net from 'node:net';
import * as sinon from 'sinon';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import type { RecordingServer } from '../helpers/recording-server';
import { otlpAttributes, otlpSpans, startRecordingServer } from '../helpers/recording-server';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('HoneyHiveTracer (wire contract)', () => {
  let server: RecordingServer;
  beforeEach(async () => (server = await startRecordingServer()));
  afterEach(async () => server.close());

  const init = (extra: object = {}) =>
    HoneyHiveTracer.init({
      apiKey: 'hh_secret_key',
      project: 'support-bot',
      source: 'staging',
      serverUrl: server.url,
      sessionName: 'run-1',
      ...extra,
    });

  describe('session start', () => {
    it('POSTs /session/start with the contract body and headers, in the background', async () => {
      const tracer = init({
        inputs: { query: 'hi' },
        metadata: { team: 'a' },
        userProperties: { plan: 'pro' },
      });
      expect(tracer.sessionId).to.match(UUID_RE);
      const [req] = await server.waitFor((r) => r.path === '/session/start');
      expect(req!.method).to.equal('POST');
      expect(req!.headers.authorization).to.equal('Bearer hh_secret_key');
      expect(req!.headers['content-type']).to.contain('application/json');
      expect(req!.json).to.deep.equal({
        session: {
          project: 'support-bot',
          session_name: 'run-1',
          source: 'staging',
          session_id: tracer.sessionId,
          inputs: { query: 'hi' },
          metadata: { team: 'a' },
          user_properties: { plan: 'pro' },
        },
      });
    });

    it('puts evaluation ids in the session metadata', async () => {
      init({ isEvaluation: true, runId: 'r1', datasetId: 'd1', datapointId: 'p1' });
      const [req] = await server.waitFor((r) => r.path === '/session/start');
      expect(req!.json.session.metadata).to.deep.equal({
        run_id: 'r1',
        dataset_id: 'd1',
        datapoint_id: 'p1',
      });
    });

    it('uses a given UUID session id', async () => {
      const id = '550e8400-e29b-41d4-a716-446655440000';
      const tracer = init({ sessionId: id });
      const [req] = await server.waitFor((r) => r.path === '/session/start');
      expect(tracer.sessionId).to.equal(id);
      expect(req!.json.session.session_id).to.equal(id);
    });

    it('logs a failed session start and keeps tracing', async () => {
      server.respond = (r) =>
        r.path === '/session/start' ? { status: 400, body: { error: 'bad' } } : { status: 200 };
      const tracer = init();
      tracer.trace('still-works', () => 1);
      expect(await tracer.flush(3000)).to.equal(false);
      await server.waitFor((r) => r.path === '/opentelemetry/v1/traces');
    });
  });

  describe('OTLP export', () => {
    it('POSTs spans as OTLP protobuf to /opentelemetry/v1/traces with Bearer and X-Source', async () => {
      const tracer = init();
      tracer.trace('answer', { eventType: 'chain', metadata: { lang: 'en' } }, () => 'ok');
      expect(await tracer.flush()).to.equal(true);
      const [req] = await server.waitFor((r) => r.path === '/opentelemetry/v1/traces');
      expect(req!.method).to.equal('POST');
      expect(req!.headers.authorization).to.equal('Bearer hh_secret_key');
      expect(req!.headers['x-source']).to.equal('staging');
      expect(req!.headers['content-type']).to.equal('application/x-protobuf');
      const [span] = otlpSpans(req!.json);
      expect(span.name).to.equal('answer');
      const attrs = otlpAttributes(span);
      expect(attrs).to.include({
        'honeyhive.session_id': tracer.sessionId,
        'traceloop.association.properties.session_id': tracer.sessionId,
        'honeyhive.project': 'support-bot',
        'traceloop.association.properties.project': 'support-bot',
        'honeyhive.source': 'staging',
        'traceloop.association.properties.source': 'staging',
        honeyhive_event_type: 'chain',
        'honeyhive_metadata.lang': 'en',
      });
    });

    it('sends OTLP/JSON when otlpProtocol is http/json', async () => {
      const tracer = init({ otlpProtocol: 'http/json' });
      tracer.trace('as-json', () => 1);
      expect(await tracer.flush()).to.equal(true);
      const [req] = await server.waitFor((r) => r.path === '/opentelemetry/v1/traces');
      expect(req!.headers['content-type']).to.contain('application/json');
      expect(otlpSpans(JSON.parse(req!.raw.toString('utf8')))[0].name).to.equal('as-json');
    });

    it('exports each span as it ends with disableBatch, without a flush', async () => {
      const tracer = init({ disableBatch: true });
      tracer.trace('immediate', () => 1);
      const [req] = await server.waitFor((r) => r.path === '/opentelemetry/v1/traces', 1, 2000);
      expect(otlpSpans(req!.json)[0].name).to.equal('immediate');
    });

    it('never puts the API key on a span', async () => {
      const tracer = init();
      tracer.trace('x', () => 1);
      await tracer.flush();
      const [req] = await server.waitFor((r) => r.path === '/opentelemetry/v1/traces');
      expect(req!.raw.toString()).not.to.contain('hh_secret_key');
    });

    it('stamps evaluation ids on every span', async () => {
      const tracer = init({ isEvaluation: true, runId: 'r1', datasetId: 'd1', datapointId: 'p1' });
      tracer.trace('x', () => 1);
      await tracer.flush();
      const [req] = await server.waitFor((r) => r.path === '/opentelemetry/v1/traces');
      expect(otlpAttributes(otlpSpans(req!.json)[0])).to.include({
        'honeyhive_metadata.run_id': 'r1',
        'honeyhive_metadata.dataset_id': 'd1',
        'honeyhive_metadata.datapoint_id': 'p1',
      });
    });
  });

  describe('two projects side by side', () => {
    it('delivers each tracer spans to its own server, nothing crossing over', async () => {
      const other = await startRecordingServer();
      try {
        const a = init({ project: 'alpha' });
        const b = HoneyHiveTracer.init({ apiKey: 'key-b', project: 'beta', serverUrl: other.url });
        a.trace('a-outer', () => b.trace('b-inner', () => a.trace('a-inner', () => 1)));
        expect(await a.flush()).to.equal(true);
        expect(await b.flush()).to.equal(true);
        const spansA = server.requests
          .filter((r) => r.path.endsWith('/traces'))
          .flatMap((r) => otlpSpans(r.json));
        const spansB = other.requests
          .filter((r) => r.path.endsWith('/traces'))
          .flatMap((r) => otlpSpans(r.json));
        expect(spansA.map((s) => s.name).sort()).to.deep.equal(['a-inner', 'a-outer']);
        expect(spansB.map((s) => s.name)).to.deep.equal(['b-inner']);
        expect(spansA.every((s) => otlpAttributes(s)['honeyhive.project'] === 'alpha')).to.equal(true);
        expect(otlpAttributes(spansB[0])['honeyhive.project']).to.equal('beta');
        expect(other.requests.every((r) => r.headers.authorization === 'Bearer key-b')).to.equal(true);
        // b-inner did not take a-outer as parent: it started its own trace, linked to its caller
        const aOuter = spansA.find((s) => s.name === 'a-outer');
        expect(spansB[0].traceId).not.to.equal(aOuter.traceId);
        expect(spansB[0].parentSpanId ?? '').to.equal('');
        expect(spansB[0].links[0].spanId).to.equal(aOuter.spanId);
      } finally {
        await other.close();
      }
    });
  });

  describe('.flush', () => {
    it('resolves false at its timeout against a server that never answers (fake clock)', async () => {
      server.respond = () => 'hang';
      const tracer = init({ exportTimeoutMs: 60_000, apiTimeoutMs: 60_000 });
      tracer.trace('stuck', () => 1);
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      let answer: boolean | undefined;
      void tracer.flush(300).then((ok) => (answer = ok));
      await clock.tickAsync(299);
      expect(answer).to.equal(undefined);
      await clock.tickAsync(1);
      expect(answer).to.equal(false);
    });

    it('resolves false when the backend rejects the spans', async () => {
      server.respond = (r) => (r.path.endsWith('/traces') ? { status: 400 } : { status: 200 });
      const tracer = init();
      tracer.trace('rejected', () => 1);
      expect(await tracer.flush(5000)).to.equal(false);
    });

    it('resolves true when everything was delivered', async () => {
      const tracer = init();
      tracer.trace('ok', () => 1);
      expect(await tracer.flush()).to.equal(true);
      expect(server.requests.some((r) => r.path.endsWith('/traces'))).to.equal(true);
    });
  });

  describe('a dead backend', () => {
    it('never throws into the caller and flush reports false', async () => {
      const dead = await startRecordingServer();
      const url = dead.url;
      await dead.close();
      const tracer = HoneyHiveTracer.init({ apiKey: 'k', project: 'p', serverUrl: url, disableBatch: true });
      expect(tracer.trace('x', () => 42)).to.equal(42);
      tracer.enrichSession({ metadata: { a: 1 } });
      expect(await tracer.flush(8000)).to.equal(false);
    });
  });

  describe('test mode', () => {
    it('opens no socket at all', async () => {
      const connect = sinon.spy(net.Socket.prototype, 'connect');
      const tracer = HoneyHiveTracer.init({ project: 'p', testMode: true, serverUrl: server.url });
      tracer.trace('t', () => 1);
      tracer.enrichSession({ metadata: { a: 1 } });
      expect(await tracer.flush()).to.equal(true);
      await tracer.close();
      expect(connect.called).to.equal(false);
      expect(server.requests).to.have.length(0);
    });
  });
});
