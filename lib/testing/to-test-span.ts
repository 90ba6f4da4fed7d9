import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { unflattenAttributes } from '../capture/unflatten-attributes';
import type { NamespaceName } from '../semconv/honeyhive';
import { ATTR, NAMESPACE_TABLE } from '../semconv/honeyhive';
import type { TestSpan } from './TestSpan';

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

/** Converts a finished OpenTelemetry span into a `TestSpan`. */
export function toTestSpan(span: ReadableSpan): TestSpan {
  const a = span.attributes;
  // every namespace, by its option name, from the one table that names them
  const namespaces = Object.fromEntries(
    NAMESPACE_TABLE.map((n) => [n.option, unflattenAttributes(a, n.attribute, n.compact)]),
  ) as Record<NamespaceName, Record<string, unknown> | undefined>;
  const [s, ns2] = span.duration;
  return {
    name: span.name,
    spanId: span.spanContext().spanId,
    traceId: span.spanContext().traceId,
    parentSpanId: span.parentSpanContext?.spanId,
    eventType: str(a[ATTR.eventType]),
    sessionId: str(a[ATTR.sessionId]),
    project: str(a[ATTR.project]),
    ...namespaces,
    error: str(a[ATTR.error]),
    status: span.status,
    durationMs: s * 1000 + ns2 / 1e6,
    attributes: { ...a },
    events: [...span.events],
    links: [...span.links],
  };
}
