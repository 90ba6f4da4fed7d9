import { expect } from 'chai';
import { enrichSession } from '../../lib/enrichment/enrich';
import { HoneyHiveTracer, internalsOf } from '../../lib/tracer/HoneyHiveTracer';
import type { RecordingServer } from '../helpers/recording-server';
import { startRecordingServer } from '../helpers/recording-server';

describe('enrichSession', () => {
  let server: RecordingServer;
  beforeEach(async () => (server = await startRecordingServer()));
  afterEach(async () => server.close());

  const init = (project = 'my-app') => HoneyHiveTracer.init({ apiKey: 'k', project, serverUrl: server.url });
  const puts = () =>
    server.requests.filter((r) => r.method === 'PUT' && r.path === '/events').map((r) => r.json);

  // seed 000: tracer.enrich_session({ tenant_id, user_tier, app_version })
  it('sends the active session enrichment as PUT /events with event_id = session id', async () => {
    const tracer = init();
    tracer.enrichSession({ tenant_id: 'acme_corp', user_tier: 'premium', app_version: '2.1.0' });
    expect(await tracer.flush()).to.equal(true);
    expect(puts()).to.deep.equal([
      {
        event_id: tracer.sessionId,
        metadata: { tenant_id: 'acme_corp', user_tier: 'premium', app_version: '2.1.0' },
      },
    ]);
    const put = server.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.authorization).to.equal('Bearer k');
  });

  // seed 002: explicit session id; metadata and metrics
  it('enriches a specific session by id', async () => {
    const tracer = init();
    const id = '0b0e6f6c-1f53-4a8e-9d7e-0d7c1d1f5c11';
    enrichSession({
      sessionId: id,
      metadata: { experiment: 'variant_b', completed: true },
      metrics: { total_tokens: 1500, total_cost: 0.045 },
    });
    await tracer.flush();
    expect(puts()).to.deep.equal([
      {
        event_id: id,
        metadata: { experiment: 'variant_b', completed: true },
        metrics: { total_tokens: 1500, total_cost: 0.045 },
      },
    ]);
  });

  // seed 002: legacy positional session id and user_properties as its own field
  it('accepts the legacy positional session id and keeps user_properties separate', async () => {
    const tracer = init();
    const id = '9a4a1c52-3c8c-4d35-9d8c-6b8b2b8e8e01';
    enrichSession(id, { metadata: { user_id: 'user_456' } });
    await tracer.flush();
    enrichSession({ sessionId: id, user_properties: { tier: 'premium', region: 'us-east' } });
    await tracer.flush();
    expect(puts()).to.deep.equal([
      { event_id: id, metadata: { user_id: 'user_456' } },
      { event_id: id, user_properties: { tier: 'premium', region: 'us-east' } },
    ]);
  });

  // seed 002: every namespace, nested structures
  it('sends every namespace of seed 002 with nested structures', async () => {
    const tracer = init();
    tracer.enrichSession({
      metadata: { user: { id: 'user_123', profile: { tier: 'premium', features: ['chat', 'analytics'] } } },
      inputs: { query: 'q' },
      outputs: { result: 'r' },
      config: { model_pipeline: [{ step: 1, model: 'gpt-4', temperature: 0.7 }] },
      feedback: { user_rating: 4, helpful: true },
      metrics: { success: true },
      userProperties: { plan: 'pro' },
    });
    await tracer.flush();
    expect(puts()[0]).to.deep.equal({
      event_id: tracer.sessionId,
      metadata: { user: { id: 'user_123', profile: { tier: 'premium', features: ['chat', 'analytics'] } } },
      inputs: { query: 'q' },
      outputs: { result: 'r' },
      config: { model_pipeline: [{ step: 1, model: 'gpt-4', temperature: 0.7 }] },
      feedback: { user_rating: 4, helpful: true },
      metrics: { success: true },
      user_properties: { plan: 'pro' },
    });
  });

  // seed 002 pattern 1: several calls in a row are deep-merged in order
  it('deep-merges calls made together into one update, later values winning', async () => {
    const tracer = init();
    tracer.enrichSession({ metadata: { user_id: 'u', workflow: 'reset', step: 'started' } });
    tracer.enrichSession({ metadata: { step: 'initial_query_complete' } });
    tracer.enrichSession({ metadata: { step: 'workflow_complete' }, metrics: { total_interactions: 2 } });
    await tracer.flush();
    expect(puts()).to.deep.equal([
      {
        event_id: tracer.sessionId,
        metadata: { user_id: 'u', workflow: 'reset', step: 'workflow_complete' },
        metrics: { total_interactions: 2 },
      },
    ]);
  });

  // seed 002 pattern 5: multi-instance with tracer_instance
  it('enriches the session of the tracer it is given', async () => {
    const prod = init('production');
    const test = init('testing');
    enrichSession({ metadata: { environment: 'production' }, tracer: prod });
    enrichSession({ metadata: { environment: 'testing' }, tracerInstance: test });
    await prod.flush();
    await test.flush();
    expect(puts()).to.have.deep.members([
      { event_id: prod.sessionId, metadata: { environment: 'production' } },
      { event_id: test.sessionId, metadata: { environment: 'testing' } },
    ]);
  });

  // seed 003: user properties on the session
  it('records user properties on the session (seed 003)', async () => {
    const tracer = init();
    tracer.enrichSession({
      userProperties: { user_id: 'user_12345', email: 'user@example.com', plan: 'premium', is_beta: true },
    });
    await tracer.flush();
    expect(puts()[0]).to.deep.equal({
      event_id: tracer.sessionId,
      user_properties: { user_id: 'user_12345', email: 'user@example.com', plan: 'premium', is_beta: true },
    });
  });

  it('returns at once and sends after the session start, which is retried until delivered', async () => {
    let hangs = 2;
    server.respond = (r) => (r.path === '/session/start' && hangs-- > 0 ? 'hang' : { status: 200 });
    const tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'p',
      serverUrl: server.url,
      apiTimeoutMs: 300,
    });
    // what a call costs is a figure of `npm run bench`; here: it sends nothing itself
    for (let i = 0; i < 100; i++) tracer.enrichSession({ metadata: { i } });
    await new Promise((r) => setTimeout(r, 50));
    expect(puts()).to.have.length(0); // still waiting for the session start
    expect(await tracer.flush(8000)).to.equal(true);
    expect(server.requests.filter((r) => r.path === '/session/start')).to.have.length(3);
    expect(puts()).to.have.length(1);
    expect(puts()[0].metadata).to.deep.equal({ i: 99 });
  });

  it('retries 5xx and 429, then delivers', async () => {
    let failures = 2;
    server.respond = (r) =>
      r.method === 'PUT' && failures-- > 0 ? { status: failures === 1 ? 503 : 429 } : { status: 200 };
    const tracer = init();
    tracer.enrichSession({ metadata: { a: 1 } });
    expect(await tracer.flush(10_000)).to.equal(true);
    expect(server.requests.filter((r) => r.method === 'PUT')).to.have.length(3);
  });

  it('gives up after retries, logs, never throws, and flush reports false', async () => {
    server.respond = (r) => (r.method === 'PUT' ? { status: 500 } : { status: 200 });
    const tracer = init();
    expect(() => tracer.enrichSession({ metadata: { a: 1 } })).not.to.throw();
    expect(await tracer.flush(10_000)).to.equal(false);
  });

  it('records instead of sending in test mode', async () => {
    const tracer = HoneyHiveTracer.init({ project: 'p', testMode: true, serverUrl: server.url });
    tracer.enrichSession({ feedback: { rating: 5 } });
    await tracer.flush();
    expect(server.requests).to.have.length(0);
    expect(internalsOf(tracer).client.recorded.map((r) => r.path)).to.deep.equal([
      '/session/start',
      '/events',
    ]);
  });
});
