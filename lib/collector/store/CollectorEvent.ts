import type { EventField } from '../../semconv/honeyhive';
import { NAMESPACE_FIELDS } from '../../semconv/honeyhive';
import type { OtlpScope, OtlpSpanEvent, OtlpSpanLink } from './otlp-types';

/**
 * An event as the HoneyHive API models it (and `POST /v1/events/export` returns it), plus what
 * an OpenTelemetry span carries beyond it (kind, status, events, links, scope, resource, raw
 * attributes), kept so that nothing a client sent is lost.
 */
export interface CollectorEvent extends Record<EventField, Record<string, unknown>> {
  event_id: string;
  parent_id: string | null;
  session_id: string;
  project: string;
  source: string;
  event_type: string;
  event_name: string;
  error: string | null;
  /** Epoch milliseconds, exact to the microsecond. */
  start_time: number;
  end_time: number;
  /** Milliseconds, exact to the microsecond. */
  duration: number;
  trace_id?: string | null;
  span_id?: string | null;
  parent_span_id?: string | null;
  /** `INTERNAL`, `SERVER`, `CLIENT`, `PRODUCER`, `CONSUMER` or `UNSPECIFIED`. */
  span_kind?: string | null;
  /** `UNSET`, `OK` or `ERROR`. */
  status_code?: string | null;
  /** Span events (`exception` with type, message and stack, …), in order. */
  span_events?: OtlpSpanEvent[];
  links?: OtlpSpanLink[];
  /** The instrumentation scope (`@arizeai/openinference-instrumentation-openai`, …). */
  scope?: OtlpScope | Record<string, never>;
  /** Every resource attribute (`service.name`, `telemetry.sdk.*`, …). */
  resource?: Record<string, unknown>;
  /** The span's attributes outside HoneyHive's namespaces, exactly as received. */
  attributes?: Record<string, unknown>;
}

/** The JSON columns of an event that filters may reach into: HoneyHive's namespaces. */
export const JSON_FIELDS: readonly EventField[] = NAMESPACE_FIELDS;

/** The OpenTelemetry detail columns stored as JSON on the row (with their empty value). */
export const OTEL_JSON_FIELDS = Object.freeze({
  span_events: '[]',
  links: '[]',
  attributes: '{}',
} as const);

/** The OpenTelemetry detail stored once in a table of its own, the row holding its id. */
export const OTEL_INTERNED_FIELDS = Object.freeze({ resource: 'resource_id', scope: 'scope_id' } as const);

/** The scalar columns of an event that filters may name. */
export const SCALAR_FIELDS = [
  'event_id',
  'parent_id',
  'session_id',
  'project',
  'source',
  'event_type',
  'event_name',
  'error',
  'start_time',
  'end_time',
  'duration',
  'trace_id',
  'span_id',
  'parent_span_id',
  'span_kind',
  'status_code',
] as const;
