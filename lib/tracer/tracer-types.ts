import type { Context } from '@opentelemetry/api';
import type { SpanEnrichment } from '../enrichment/normalize-enrichment';
import type { EventType } from '../semconv/honeyhive';

/** Options of `tracer.trace(name, options, fn)`: an event type, namespaces, or raw attributes. */
export type TraceOptions = { eventType?: EventType } & SpanEnrichment;

/** A completed event for `tracer.createEvent`. */
export interface EventOptions extends SpanEnrichment {
  eventName: string;
  eventType?: EventType;
  /** When it started (default now). */
  startTime?: Date | number;
  /** How long it took in ms (default 0). */
  durationMs?: number;
}

/** A token from `tracer.link`, for `tracer.unlink`. */
export interface LinkToken {
  readonly context: Context;
}
