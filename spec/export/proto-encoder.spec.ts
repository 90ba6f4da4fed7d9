import type { Attributes } from '@opentelemetry/api';
import { SpanKind, SpanStatusCode, TraceFlags, context, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { TraceState } from '@opentelemetry/core';
import { expect } from 'chai';
import { decodeTraceRequest } from '../../lib/collector/ingest/otlp-proto';
import { SpanEncoder } from '../../lib/export/otlp/encode-spans';

/** Finished spans from a real provider whose resource carries `service`. */
function provider(service: string) {
  const exporter = new InMemorySpanExporter();
  const p = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'hivetrace.source': 'spec' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    spanLimits: { attributeValueLengthLimit: Infinity, attributeCountLimit: 10_000 },
  });
  return { exporter, tracer: (scope: string, version?: string) => p.getTracer(scope, version) };
}

/** What protobufjs reads from a body, for comparing two encoders. */
const decoded = (body: Uint8Array | undefined) => decodeTraceRequest(body!);

const VALUES: Attributes = {
  short: 'hi',
  unicode: 'naïve café – 東京 🚀',
  long: 'x'.repeat(200),
  huge: 'é'.repeat(100_000),
  int: 42,
  negative: -7,
  bigSafe: Number.MAX_SAFE_INTEGER,
  double: 3.25,
  tiny: -1e-300,
  yes: true,
  no: false,
  strings: ['a', 'b', ''],
  numbers: [1, 2.5, -3],
  bools: [true, false],
  empty: [],
  compact: JSON.stringify({ doc: { sections: [1, 2, 3] } }),
};

function sampleSpans(): ReadableSpan[] {
  const a = provider('svc-a');
  const b = provider('svc-b');
  const t1 = a.tracer('scope-1', '1.2.3');
  const t2 = a.tracer('scope-2');
  const parent = t1.startSpan('parent', { kind: SpanKind.SERVER, attributes: VALUES });
  const ctx = trace.setSpan(context.active(), parent);
  const child = t1.startSpan('child', { kind: SpanKind.CLIENT }, ctx);
  child.addEvent('first token', { at: 12 });
  child.addEvent('plain');
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'it failed' });
  child.end();
  parent.setStatus({ code: SpanStatusCode.OK });
  parent.end();
  const remote = trace.setSpanContext(context.active(), {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('vendor=value,other=1'),
  });
  const linked = t2.startSpan(
    'linked',
    {
      links: [
        { context: parent.spanContext(), attributes: { why: 'retry' } },
        { context: child.spanContext() },
      ],
    },
    remote,
  );
  linked.end();
  const other = b.tracer('scope-b').startSpan('other resource');
  other.end();
  return [...a.exporter.getFinishedSpans(), ...b.exporter.getFinishedSpans()];
}

describe('hivetrace protobuf encoder (SpanEncoder)', () => {
  it('writes the same request OpenTelemetry serializer writes, as protobufjs reads it back', () => {
    const spans = sampleSpans();
    const ours = new SpanEncoder().encode(spans);
    expect(decoded(ours)).to.deep.equal(decoded(ProtobufTraceSerializer.serializeRequest(spans)));
  });

  it('stays byte-for-byte equivalent when the caches are warm, and over 10,000 spans (multi-byte lengths)', () => {
    const encoder = new SpanEncoder();
    const { exporter, tracer } = provider('batch');
    const t = tracer('batch');
    for (let i = 0; i < 10_000; i++) {
      const s = t.startSpan(`call ${i % 7}`, {
        attributes: {
          'honeyhive.session_id': `session-${i % 3}`,
          honeyhive_event_type: 'tool',
          'honeyhive_inputs.i': i,
          'honeyhive_inputs.doc': JSON.stringify({ i, body: 'lorem ipsum '.repeat(i % 50) }),
        },
      });
      s.end();
    }
    const spans = exporter.getFinishedSpans();
    const reference = decoded(ProtobufTraceSerializer.serializeRequest(spans));
    expect(decoded(encoder.encode(spans))).to.deep.equal(reference);
    // the second time every short value comes from the cache
    expect(decoded(encoder.encode(spans))).to.deep.equal(reference);
  });

  it('keeps its caches bounded and correct past their limits (5,000 keys, 1,000 values of one key)', () => {
    const encoder = new SpanEncoder();
    const { exporter, tracer } = provider('many');
    const t = tracer('many');
    for (let i = 0; i < 5_000; i++) t.startSpan('k', { attributes: { [`key.${i}`]: `v${i}` } }).end();
    for (let i = 0; i < 1_000; i++) t.startSpan('v', { attributes: { same: `value ${i}` } }).end();
    const spans = exporter.getFinishedSpans();
    expect(decoded(encoder.encode(spans))).to.deep.equal(
      decoded(ProtobufTraceSerializer.serializeRequest(spans)),
    );
  });

  it('encodes an empty batch as an empty request', () => {
    expect(new SpanEncoder().encode([])).to.have.length(0);
  });
});
