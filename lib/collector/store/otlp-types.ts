/** What an OpenTelemetry span carries beyond HoneyHive's fields, as the collector stores it (types only). */

/** A span event (`exception`, …) as stored: time in epoch milliseconds. */
export interface OtlpSpanEvent {
  name: string;
  time: number;
  attributes: Record<string, unknown>;
}

/** A span link as stored. */
export interface OtlpSpanLink {
  trace_id: string;
  span_id: string;
  trace_state?: string;
  attributes: Record<string, unknown>;
}

/** The instrumentation scope that produced a span. */
export interface OtlpScope {
  name: string;
  version?: string;
  attributes?: Record<string, unknown>;
}
