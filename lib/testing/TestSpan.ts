import type { Attributes, Link, SpanStatus } from '@opentelemetry/api';
import type { TimedEvent } from '@opentelemetry/sdk-trace-base';

/** A finished span as a plain object, each namespace rebuilt as nested objects. */
export interface TestSpan {
  name: string;
  spanId: string;
  traceId: string;
  parentSpanId: string | undefined;
  eventType: string | undefined;
  sessionId: string | undefined;
  project: string | undefined;
  inputs: Record<string, unknown> | undefined;
  outputs: Record<string, unknown> | undefined;
  metadata: Record<string, unknown> | undefined;
  metrics: Record<string, unknown> | undefined;
  feedback: Record<string, unknown> | undefined;
  config: Record<string, unknown> | undefined;
  userProperties: Record<string, unknown> | undefined;
  /** `honeyhive_error`, when the span failed or was enriched with an error. */
  error: string | undefined;
  status: SpanStatus;
  durationMs: number;
  /** Every raw attribute, for assertions the fields above do not cover. */
  attributes: Attributes;
  events: TimedEvent[];
  links: Link[];
}
