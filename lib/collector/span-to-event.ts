import { nestFlat } from '../capture/unflatten-attributes';
import { ATTR, NAMESPACES } from '../tracer/attribute-names';
import type { CollectorEvent } from './CollectorEvent';
import type { OtlpSpan } from './otlp-span';

/** A deterministic UUID-shaped event id for a span: unique per trace and span. */
export function spanEventId(traceId: string, spanId: string): string {
  const h = `${traceId}${spanId}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(32, 36)}-${h.slice(36, 48)}`;
}

const OWN_PREFIXES = ['honeyhive', 'traceloop.association.properties.'];
const NAMESPACE_SET = new Set<string>(Object.values(NAMESPACES));

function guessEventType(span: OtlpSpan): string {
  const a = span.attributes;
  const kind = String(a['openinference.span.kind'] ?? '').toUpperCase();
  if (
    kind === 'LLM' ||
    kind === 'EMBEDDING' ||
    a['gen_ai.system'] !== undefined ||
    a['gen_ai.request.model'] !== undefined
  )
    return 'model';
  if (kind === 'CHAIN' || kind === 'AGENT') return 'chain';
  return 'tool';
}

const str = (v: unknown): string | undefined =>
  v === undefined || v === null || v === '' ? undefined : String(v);

/**
 * Turns a span into an event the way the HoneyHive backend models it: ids, parent (root spans
 * under the session event), session, type and name, namespaces rebuilt as nested JSON from the
 * dotted attributes (other attributes kept in metadata), error, times and duration.
 */
export function spanToEvent(span: OtlpSpan): CollectorEvent {
  const a = span.attributes;
  const sessionId =
    str(a[ATTR.sessionId]) ??
    str(a[ATTR.tlSessionId]) ??
    str(a['session.id']) ??
    spanEventId(span.traceId, '0'.repeat(16));
  // one pass over the attributes: each namespace's keys, and everything foreign for metadata
  const buckets = new Map<string, [string, unknown][]>();
  const foreign: [string, unknown][] = [];
  for (const k of Object.keys(a)) {
    const v = a[k];
    const dot = k.indexOf('.');
    const bucket = dot > 0 ? buckets.get(k.slice(0, dot)) : undefined;
    if (dot > 0 && NAMESPACE_SET.has(k.slice(0, dot))) {
      if (bucket) bucket.push([k.slice(dot + 1), v]);
      else buckets.set(k.slice(0, dot), [[k.slice(dot + 1), v]]);
    } else if (!OWN_PREFIXES.some((p) => k.startsWith(p)) && v !== undefined) foreign.push([k, v]);
  }
  const ns = (n: keyof typeof NAMESPACES) =>
    (nestFlat(buckets.get(NAMESPACES[n]) ?? []) ?? {}) as Record<string, unknown>;
  const metadata = ns('metadata');
  for (const [k, v] of foreign) metadata[k] = v;
  const error = str(a[ATTR.error]) ?? (span.statusCode === 2 ? (span.statusMessage ?? 'error') : undefined);
  return {
    event_id: str(a[ATTR.eventId]) ?? spanEventId(span.traceId, span.spanId),
    parent_id: span.parentSpanId ? spanEventId(span.traceId, span.parentSpanId) : sessionId,
    session_id: sessionId,
    project:
      str(a[ATTR.project]) ?? str(a[ATTR.tlProject]) ?? str(span.resource['service.name']) ?? 'default',
    source: str(a[ATTR.source]) ?? str(a[ATTR.tlSource]) ?? 'otel',
    event_type: str(a[ATTR.eventType]) ?? guessEventType(span),
    event_name: str(a[ATTR.eventName]) ?? span.name,
    inputs: ns('inputs'),
    outputs: ns('outputs'),
    metadata,
    metrics: ns('metrics'),
    feedback: ns('feedback'),
    config: ns('config'),
    user_properties: ns('userProperties'),
    error: error ?? null,
    start_time: span.startMs,
    end_time: span.endMs,
    duration: Math.max(0, span.endMs - span.startMs),
    trace_id: span.traceId,
    span_id: span.spanId,
  };
}
