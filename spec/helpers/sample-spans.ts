/** Finished spans of every shape OTLP carries, from real OpenTelemetry providers (encoder and reader specs). */
import type { Attributes } from '@opentelemetry/api';
import { SpanKind, SpanStatusCode, TraceFlags, context, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Finished spans from a real provider whose resource carries `service`. */
export function provider(service: string) {
  const exporter = new InMemorySpanExporter();
  const p = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'hivetrace.source': 'spec' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    spanLimits: { attributeValueLengthLimit: Infinity, attributeCountLimit: 10_000 },
  });
  return { exporter, tracer: (scope: string, version?: string) => p.getTracer(scope, version) };
}

/** Attribute values of every kind, including multi-byte lengths. */
export const VALUES: Attributes = {
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

export function sampleSpans(): ReadableSpan[] {
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
