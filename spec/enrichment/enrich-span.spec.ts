import { expect } from 'chai';
import { enrichCurrentSpan, enrichSpan } from '../../lib/enrichment/enrich';
import { createTestTracer } from '../../lib/testing/create-test-tracer';

describe('enrichSpan', () => {
  it('returns false and does nothing outside a span', () => {
    createTestTracer();
    expect(enrichSpan({ metadata: { a: 1 } })).to.equal(false);
  });

  // seed 000: "enrich_span({ user_id, query_length, feature })" — one object
  it('puts keys of a single object outside the namespaces in metadata', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('process_query', () =>
      expect(enrichSpan({ user_id: 'user_123', query_length: 12, feature: 'search' })).to.equal(true),
    );
    expect(spans()[0]!.metadata).to.deep.equal({ user_id: 'user_123', query_length: 12, feature: 'search' });
  });

  // seed 000: namespaces
  it('writes each namespace under honeyhive_<namespace>', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('x', () =>
      enrichSpan({
        metadata: { user_id: 'user_12345', feature: 'chat' },
        metrics: { latency_ms: 150, score: 0.95 },
        user_properties: { plan: 'premium' },
        feedback: { rating: 5 },
      }),
    );
    const [s] = spans();
    expect(s!.attributes).to.include({
      'honeyhive_metadata.user_id': 'user_12345',
      'honeyhive_metadata.feature': 'chat',
      'honeyhive_metrics.latency_ms': 150,
      'honeyhive_metrics.score': 0.95,
      'honeyhive_user_properties.plan': 'premium',
      'honeyhive_feedback.rating': 5,
    });
  });

  // seed 000: mixed — extra keywords land in metadata
  it('merges extra keys into metadata beside the metadata namespace', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('x', () =>
      enrichSpan({
        metadata: { user_id: 'user_12345' },
        metrics: { score: 0.95 },
        feature: 'chat',
        priority: 'high',
      }),
    );
    expect(spans()[0]!.metadata).to.deep.equal({ user_id: 'user_12345', feature: 'chat', priority: 'high' });
    expect(spans()[0]!.metrics).to.deep.equal({ score: 0.95 });
  });

  // seed 000: error handling example
  it('records error as honeyhive_error next to metadata', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('risky_operation', () => {
      enrichSpan({ metadata: { operation_id: 'op-1' } });
      enrichSpan({ metadata: { success: false }, error: 'disk full' });
    });
    const [s] = spans();
    expect(s!.metadata).to.deep.equal({ operation_id: 'op-1', success: false });
    expect(s!.error).to.equal('disk full');
  });

  it('renames the event with eventName (and event_name)', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('x', () => enrichSpan({ eventName: 'renamed' }));
    tracer.trace('y', () => enrichSpan({ event_name: 'renamed-too' }));
    expect(spans().map((s) => s.name)).to.deep.equal(['renamed', 'renamed-too']);
    expect(spans()[0]!.attributes.honeyhive_event_name).to.equal('renamed');
  });

  it('merges repeated calls at leaf level', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('x', () => {
      enrichSpan({ metadata: { a: { b: 1, c: 2 } } });
      enrichSpan({ metadata: { a: { c: 3 }, d: 4 } });
    });
    expect(spans()[0]!.metadata).to.deep.equal({ a: { b: 1, c: 3 }, d: 4 });
  });

  // seed 003: user properties on a span
  it('records user properties on the span (seed 003)', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('process_request', () =>
      tracer.enrichSpan({ userProperties: { user_id: 'u1', last_action: 'search' } }),
    );
    expect(spans()[0]!.userProperties).to.deep.equal({ user_id: 'u1', last_action: 'search' });
  });

  // seed 001: enrich_current_span with dotted keys
  it('enrichCurrentSpan keeps seed-style dotted keys in metadata', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('x', () => enrichCurrentSpan({ 'user.id': 'u1', 'request.size': 10 }));
    expect(spans()[0]!.attributes).to.include({
      'honeyhive_metadata.user.id': 'u1',
      'honeyhive_metadata.request.size': 10,
    });
  });

  it('redacts secrets in enrichment', () => {
    const { tracer, spans } = createTestTracer();
    tracer.trace('x', () => enrichSpan({ config: { model: 'gpt', api_key: 'sk-123' } }));
    expect(spans()[0]!.config).to.deep.equal({ model: 'gpt', api_key: '[REDACTED]' });
  });

  it('never throws on hostile input', () => {
    const { tracer } = createTestTracer();
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('x');
        },
      },
    );
    tracer.trace('x', () => expect(() => enrichSpan(hostile as never)).not.to.throw());
  });
});
