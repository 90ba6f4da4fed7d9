import { expect } from 'chai';
import * as zlib from 'node:zlib';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import { traced } from '../../lib/decorators/traced';
import type { RecordingServer } from '../helpers/recording-server';
import { startRecordingServer } from '../helpers/recording-server';

const OTEL_VARS = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_COMPRESSION',
  'HH_OTLP_ENDPOINT',
  'HH_OTLP_HEADERS',
];

/** Spans to any OTLP endpoint (an OpenTelemetry Collector), REST calls to `serverUrl`. */
describe('OTLP endpoint', () => {
  let receiver: RecordingServer;
  let backend: RecordingServer;
  const saved: Record<string, string | undefined> = {};
  beforeEach(async () => {
    receiver = await startRecordingServer(() => ({ status: 200, body: {} }));
    backend = await startRecordingServer(() => ({ status: 200, body: { session_id: 'x', success: true } }));
    for (const v of OTEL_VARS) saved[v] = process.env[v];
  });
  afterEach(async () => {
    for (const v of OTEL_VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    await receiver.close();
    await backend.close();
  });

  async function sendOne(options: Record<string, unknown> = {}) {
    const tracer = HoneyHiveTracer.init({
      apiKey: 'hh-key',
      project: 'prod',
      serverUrl: backend.url,
      ...options,
    });
    traced(() => 'ok', { name: 'work', tracer })();
    expect(await tracer.flush()).to.equal(true);
    await tracer.close();
  }

  it('follows the standard OTEL_EXPORTER_OTLP_* variables: /v1/traces, their headers, gzip', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `${receiver.url}/`;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = 'x-tenant=acme, x-note=a%20b%3Dc';
    process.env.OTEL_EXPORTER_OTLP_COMPRESSION = 'gzip';
    await sendOne();
    const [req] = await receiver.waitFor((r) => r.path === '/v1/traces');
    expect(req!.headers['x-tenant']).to.equal('acme');
    expect(req!.headers['x-note']).to.equal('a b=c');
    expect(req!.headers['content-encoding']).to.equal('gzip');
    expect(req!.headers.authorization).to.equal('Bearer hh-key');
    // gzipped protobuf (the default encoding): the recording server gunzips and decodes it
    expect(zlib.gunzipSync(req!.raw).length).to.be.greaterThan(0);
    expect(req!.json.resourceSpans[0].scopeSpans[0].spans[0].name).to.equal('work');
    // REST stays on serverUrl, and no span went there
    expect(backend.requests.some((r) => r.path === '/session/start')).to.equal(true);
    expect(backend.requests.some((r) => r.path.includes('traces'))).to.equal(false);
  });

  it('lets the traces-specific variable, then HH_*, then the option win', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:9/never';
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${receiver.url}/signal-specific`;
    await sendOne();
    await receiver.waitFor((r) => r.path === '/signal-specific');
    process.env.HH_OTLP_ENDPOINT = `${receiver.url}/hh-own`;
    await sendOne();
    await receiver.waitFor((r) => r.path === '/hh-own');
    await sendOne({ otlpEndpoint: `${receiver.url}/option`, otlpHeaders: { 'X-Tenant': 'from-option' } });
    const [req] = await receiver.waitFor((r) => r.path === '/option');
    expect(req!.headers['x-tenant']).to.equal('from-option');
    expect(req!.headers['content-encoding']).to.equal(undefined);
  });

  it('sends to {serverUrl}/opentelemetry/v1/traces when nothing else is set', async () => {
    await sendOne();
    await backend.waitFor((r) => r.path === '/opentelemetry/v1/traces');
  });

  it('rejects an otlpEndpoint that is not an http(s) URL, naming the field', () => {
    expect(() => HoneyHiveTracer.init({ apiKey: 'k', project: 'p', otlpEndpoint: 'ftp://x' })).to.throw(
      /otlpEndpoint/,
    );
  });
});
