import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { unflattenAttributes } from '../capture/unflatten-attributes';
import { ATTR, NAMESPACES } from '../semconv/honeyhive';
import type { TestSpan } from './TestSpan';

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

/** Converts a finished OpenTelemetry span into a `TestSpan`. */
export function toTestSpan(span: ReadableSpan): TestSpan {
  const a = span.attributes;
  const ns = (n: keyof typeof NAMESPACES) => unflattenAttributes(a, NAMESPACES[n]);
  const [s, ns2] = span.duration;
  return {
    name: span.name,
    spanId: span.spanContext().spanId,
    traceId: span.spanContext().traceId,
    parentSpanId: span.parentSpanContext?.spanId,
    eventType: str(a[ATTR.eventType]),
    sessionId: str(a[ATTR.sessionId]),
    project: str(a[ATTR.project]),
    inputs: ns('inputs'),
    outputs: ns('outputs'),
    metadata: ns('metadata'),
    metrics: ns('metrics'),
    feedback: ns('feedback'),
    config: ns('config'),
    userProperties: ns('userProperties'),
    error: str(a[ATTR.error]),
    status: span.status,
    durationMs: s * 1000 + ns2 / 1e6,
    attributes: { ...a },
    events: [...span.events],
    links: [...span.links],
  };
}
