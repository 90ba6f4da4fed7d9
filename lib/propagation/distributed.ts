import type { Context, Span } from '@opentelemetry/api';
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { applyEnrichment } from '../enrichment/apply-enrichment';
import type { EnrichmentNamespaces } from '../enrichment/normalize-enrichment';
import { normalizeEnrichment } from '../enrichment/normalize-enrichment';
import { logger } from '../internal/logger';
import { BAGGAGE, eventAttributes } from '../semconv/honeyhive';
import type { EventType } from '../semconv/honeyhive';
import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import { internalsOf } from '../tracer/HoneyHiveTracer';
import { setContextTracer } from '../tracer/tracer-context';
import { resolveTracer } from '../tracer/resolve-tracer';
import { invokeInSpan } from '../tracer/with-span';
import type { Carrier } from '../context/carrier';
import { carrierGetter, carrierSetter } from '../context/carrier';
import { propagator } from '../context/propagator';

/** Baggage spellings accepted for each HoneyHive key (other SDKs write the prefixed ones). */
const ALIASES: ReadonlyArray<[string, readonly string[]]> = [
  [BAGGAGE.sessionId, ['honeyhive_session_id', 'honeyhive.session_id']],
  [BAGGAGE.project, ['honeyhive_project', 'honeyhive.project']],
  [BAGGAGE.source, ['honeyhive_source', 'honeyhive.source']],
];

function normalizeBaggage(ctx: Context): Context {
  const bag = propagation.getBaggage(ctx);
  if (!bag) return ctx;
  let next = bag;
  for (const [key, aliases] of ALIASES) {
    if (next.getEntry(key)) continue;
    for (const alias of aliases) {
      const entry = next.getEntry(alias);
      if (entry) {
        next = next.setEntry(key, { value: entry.value });
        break;
      }
    }
  }
  for (const [, aliases] of ALIASES) next = next.removeEntries(...aliases);
  return next === bag ? ctx : propagation.setBaggage(ctx, next);
}

/**
 * Writes the active trace context (`traceparent`, `tracestate`) and the session baggage
 * (`session_id`, `project`, `source`) into outgoing headers: a plain object or fetch `Headers`.
 *
 * @returns the same carrier
 * @example
 * await fetch(url, { headers: injectContextIntoCarrier({ 'content-type': 'application/json' }) });
 */
export function injectContextIntoCarrier<C extends Carrier>(headers: C, tracer?: HoneyHiveTracer): C {
  try {
    const core = tracer ? internalsOf(tracer) : resolveTracer();
    if (core) return core.inject(headers);
    propagator.inject(context.active(), headers, carrierSetter);
  } catch (err) {
    logger.error('injectContextIntoCarrier failed', err);
  }
  return headers;
}

/**
 * Reads incoming headers (any case; plain objects, Node's incoming headers or `Headers`) into a
 * context holding the caller's span as remote parent and its session baggage. Baggage keys
 * `session_id | honeyhive_session_id | honeyhive.session_id` are accepted (project, source likewise).
 */
export function extractContextFromCarrier(
  headers: Carrier,
  tracer?: HoneyHiveTracer,
  base: Context = ROOT_CONTEXT,
): Context {
  try {
    let ctx = normalizeBaggage(propagator.extract(base, headers ?? {}, carrierGetter));
    if (tracer) ctx = setContextTracer(ctx, internalsOf(tracer));
    return ctx;
  } catch (err) {
    logger.error('extractContextFromCarrier failed', err);
    return base;
  }
}

/** Options of `withDistributedTraceContext`. */
export interface DistributedContextOptions {
  /** Use this session instead of the caller's (the session-id approach). */
  sessionId?: string;
}

/**
 * Runs `fn` inside the caller's trace and session (from incoming headers), then restores the
 * previous context, also when `fn` throws. Returns fn's value unchanged.
 *
 * @example
 * app.post('/agent', (req, res) => withDistributedTraceContext(req.headers, tracer, async () => res.json(await agent.run(req.body))));
 */
export function withDistributedTraceContext<T>(headers: Carrier, fn: () => T): T;
export function withDistributedTraceContext<T>(
  headers: Carrier,
  tracer: HoneyHiveTracer | undefined,
  fn: () => T,
  options?: DistributedContextOptions,
): T;
export function withDistributedTraceContext<T>(
  headers: Carrier,
  tracerOrFn: HoneyHiveTracer | undefined | (() => T),
  maybeFn?: () => T,
  options: DistributedContextOptions = {},
): T {
  const fn = (typeof tracerOrFn === 'function' ? tracerOrFn : maybeFn) as () => T;
  const tracer = typeof tracerOrFn === 'function' ? undefined : tracerOrFn;
  let ctx: Context;
  try {
    ctx = extractContextFromCarrier(headers, tracer, context.active());
    if (options.sessionId) {
      const bag = (propagation.getBaggage(ctx) ?? propagation.createBaggage()).setEntry(BAGGAGE.sessionId, {
        value: options.sessionId,
      });
      ctx = propagation.setBaggage(ctx, bag);
    }
  } catch (err) {
    logger.error('withDistributedTraceContext failed; running in the current context', err);
    return fn();
  }
  return context.with(ctx, fn);
}

/** What `enrichSpanContext` records on its span. */
export interface SpanContextEnrichment extends EnrichmentNamespaces {
  eventName: string;
  eventType?: EventType;
  error?: unknown;
}

/**
 * Runs `fn` in a new span named `eventName`, enriched with the given fields (the seed's
 * `enrich_span_context`, typically around an outgoing call). Returns fn's value unchanged.
 */
export function enrichSpanContext<T>(
  enrichment: SpanContextEnrichment,
  fn: (span: Span) => T,
  tracer?: HoneyHiveTracer,
): T {
  const host = tracer ? internalsOf(tracer) : resolveTracer();
  if (!host)
    return fn(trace.wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 }));
  const { eventName, eventType, ...rest } = enrichment;
  const normalized = normalizeEnrichment(rest);
  return invokeInSpan(
    host,
    {
      name: eventName,
      attributes: eventAttributes(eventType ?? 'tool', eventName),
      onStart: (span) => applyEnrichment(span, host.capturer, normalized),
    },
    () => fn(trace.getActiveSpan() as Span),
    undefined,
    [],
  );
}
