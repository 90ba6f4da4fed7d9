import { mapAttributes } from '../../semconv/map-attributes';
import { ATTR } from '../../semconv/honeyhive';
import { TRACELOOP_ASSOCIATION_PREFIX } from '../../semconv/traceloop';
import type { CollectorEvent } from '../store/CollectorEvent';
import { spanEventId, traceSessionId } from '../store/event-ids';

export { spanEventId, traceSessionId };
import type { OtlpSpan } from './otlp-span';
import { STATUS_CODES, usToMs } from './otlp-span';

/** HoneyHive's scalar attributes, which `spanToEvent` reads itself into the event's own fields. */
const OWN_SCALARS = new Set<string>(Object.values(ATTR));

/**
 * The Traceloop association properties among them are the session, project and source again
 * (the HoneyHive SDKs write both): kept out of `raw` too, but mapped by the Traceloop table.
 */
const skipOwn = (k: string): boolean => OWN_SCALARS.has(k) && !k.startsWith(TRACELOOP_ASSOCIATION_PREFIX);

const str = (v: unknown): string | undefined =>
  v === undefined || v === null || v === '' ? undefined : String(v);

/** The message of a span's first `exception` event, if any. */
function exceptionMessage(span: OtlpSpan): string | undefined {
  const e = span.events.find((x) => x.name === 'exception');
  if (!e) return undefined;
  const type = str(e.attributes['exception.type']);
  const message = str(e.attributes['exception.message']);
  return message && type ? `${type}: ${message}` : (message ?? type);
}

/**
 * A failed span's error: its status message, else its exception's, else its `error.type`; the
 * type is put before a message that does not already name it (`invalid_request_error: …`).
 */
function errorOf(span: OtlpSpan): string {
  const message = str(span.statusMessage) ?? exceptionMessage(span);
  const type = str(span.attributes['error.type']);
  if (!message) return type ?? 'error';
  return type && !message.includes(type) ? `${type}: ${message}` : message;
}

/**
 * Turns a span into an event the way the HoneyHive backend models it: ids, parent (root spans
 * under the session event), session, type and name; HoneyHive's namespaces and the LLM
 * conventions (OpenInference, GenAI, Traceloop) mapped into `inputs`, `outputs`, `config`,
 * `metrics`, `metadata`; error, times and duration exact to the microsecond; and the span's
 * OpenTelemetry detail kept whole: kind, status, events, links, scope, resource, raw attributes.
 */
export function spanToEvent(span: OtlpSpan): CollectorEvent {
  const a = span.attributes;
  const mapped = mapAttributes(a, skipOwn);
  const sessionId = str(a[ATTR.sessionId]) ?? mapped.scalars.session_id ?? traceSessionId(span.traceId);
  const { fields } = mapped;
  const userId = str(a[ATTR.userId]) ?? mapped.scalars.user_id;
  if (userId !== undefined && fields.user_properties.user_id === undefined)
    fields.user_properties.user_id = userId;
  const error = str(a[ATTR.error]) ?? (span.statusCode === 2 ? errorOf(span) : undefined);
  const start = usToMs(span.startUs);
  const end = usToMs(span.endUs);
  return {
    event_id: str(a[ATTR.eventId]) ?? spanEventId(span.traceId, span.spanId),
    parent_id: span.parentSpanId ? spanEventId(span.traceId, span.parentSpanId) : sessionId,
    session_id: sessionId,
    project:
      str(a[ATTR.project]) ?? mapped.scalars.project ?? str(span.resource['service.name']) ?? 'default',
    source: str(a[ATTR.source]) ?? mapped.scalars.source ?? 'otel',
    event_type: str(a[ATTR.eventType]) ?? mapped.eventType ?? 'tool',
    event_name: str(a[ATTR.eventName]) ?? mapped.scalars.event_name ?? span.name,
    ...fields,
    error: error ?? null,
    start_time: start,
    end_time: end,
    duration: span.endUs > span.startUs ? usToMs(span.endUs - span.startUs) : 0,
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId ?? null,
    span_kind: span.kind,
    status_code: STATUS_CODES[span.statusCode] ?? 'UNSET',
    span_events: span.events,
    links: span.links,
    scope: span.scope,
    resource: span.resource,
    attributes: mapped.raw,
  };
}
