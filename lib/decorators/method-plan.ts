import type { Span } from '@opentelemetry/api';
import { utilTypes as types } from '../internal/util-types';
import type { Capturer } from '../capture/Capturer';
import { REDACTED } from '../capture/redaction';
import { applyEnrichment } from '../enrichment/apply-enrichment';
import type { NormalizedEnrichment } from '../enrichment/normalize-enrichment';
import { normalizeEnrichment } from '../enrichment/normalize-enrichment';
import { logger } from '../internal/logger';
import { eventAttributes, NAMESPACES } from '../semconv/honeyhive';
import type { Outcome, SpanHost, SpanPlan } from '../tracer/with-span';
import type { Enricher } from './metadata';
import type { ParameterList } from './parameter-names';
import { argumentsByName } from './parameter-names';
import type { EnrichContext, TraceDecoratorOptions } from './TraceDecoratorOptions';

/** A span plan plus the tracer option it was resolved with. */
export interface MethodPlan extends SpanPlan {
  readonly tracerOption: TraceDecoratorOptions['tracer'];
}

type DynamicEnricher = (ctx: EnrichContext) => unknown;

/** Splits enrichers into static ones (normalized once, here) and functions (called per call). */
export function splitEnrichers(enrichers: readonly Enricher[]): {
  statics: NormalizedEnrichment[];
  dynamics: DynamicEnricher[];
} {
  const statics: NormalizedEnrichment[] = [];
  const dynamics: DynamicEnricher[] = [];
  for (const e of enrichers) {
    if (typeof e === 'function') dynamics.push(e as DynamicEnricher);
    else statics.push(normalizeEnrichment(e));
  }
  return { statics, dynamics };
}

/** Runs dynamic enrichers against `span`; a throwing (or async) enricher is logged and changes nothing. */
export function runDynamicEnrichers(
  span: Span,
  host: Pick<SpanHost, 'capturer'>,
  dynamics: readonly DynamicEnricher[],
  ctx: EnrichContext,
  label: string,
): void {
  for (const fn of dynamics) {
    try {
      const e = fn(ctx);
      if (types.isPromise(e)) {
        logger.warn(`@EnrichWith on ${label} returned a promise; enrichers must be synchronous`);
        continue;
      }
      if (e) applyEnrichment(span, host.capturer, normalizeEnrichment(e));
    } catch (err) {
      logger.error(`@EnrichWith on ${label} threw`, err);
    }
  }
}

function recordOutput(
  span: Span,
  host: SpanHost,
  outcome: Outcome,
  mapper: TraceDecoratorOptions['captureOutputs'],
): void {
  const cap = host.capturer;
  const s = outcome.stream;
  if (s) {
    const value = s.text ?? s.sample ?? (s.bytes !== undefined ? `[${s.bytes} bytes]` : undefined);
    span.setAttribute(`${NAMESPACES.outputs}.item_count`, s.items);
    if (s.bytes !== undefined) span.setAttribute(`${NAMESPACES.outputs}.bytes`, s.bytes);
    if (value !== undefined) cap.captureCompact(span, OUTPUT_KEY, value);
    return;
  }
  let value = outcome.result;
  if (typeof mapper === 'function') {
    try {
      value = mapper(value);
    } catch (err) {
      logger.error('captureOutputs mapper threw; output not recorded', err);
      return;
    }
  }
  if (typeof value === 'object' && value !== null) cap.captureCompact(span, OUTPUT_KEY, value);
  else cap.capture(span, OUTPUT_KEY, value);
}

const OUTPUT_KEY = `${NAMESPACES.outputs}.result`;

/** Attribute keys of a method's arguments, resolved once per method. */
interface ArgumentKeys {
  readonly names: readonly string[];
  readonly keys: readonly string[];
  readonly restIndex: number | undefined;
  /** Which parameter names the last capturer redacts (decided once per tracer, not per call). */
  redacted: { capturer: Capturer; flags: readonly boolean[] } | undefined;
}

function argumentKeys(params: ParameterList): ArgumentKeys {
  return {
    names: params.names,
    keys: params.names.map((n) => `${NAMESPACES.inputs}.${n}`),
    restIndex: params.restIndex,
    redacted: undefined,
  };
}

function redactedParams(a: ArgumentKeys, cap: Capturer): readonly boolean[] {
  if (a.redacted?.capturer !== cap) {
    const rule = cap.redact;
    a.redacted = { capturer: cap, flags: a.names.map((n) => rule?.(n, []) === true) };
  }
  return a.redacted.flags;
}

/**
 * Captures each argument under `honeyhive_inputs.<parameter>` straight onto the span, an object
 * or array as one bounded JSON string (`Capturer.captureCompact`). Parameters named like secrets
 * are redacted.
 */
function captureArguments(span: Span, cap: Capturer, a: ArgumentKeys, args: readonly unknown[]): void {
  const redacted = redactedParams(a, cap);
  for (let i = 0; i < args.length; i++) {
    const rest = a.restIndex !== undefined && i >= a.restIndex;
    const at = rest ? a.restIndex : i;
    const name = a.names[at] ?? `arg${at}`;
    const key = a.keys[at] ?? `${NAMESPACES.inputs}.${name}`;
    const value = rest ? args.slice(at) : args[i];
    if (at < redacted.length ? redacted[at] : cap.redact?.(name, [])) span.setAttribute(key, REDACTED);
    // primitives straight to the short path (no extra frame per argument); objects as one JSON string
    else if (typeof value === 'object' && value !== null) cap.captureCompact(span, key, value);
    else cap.capture(span, key, value);
    if (rest) break;
  }
}

/**
 * Builds the plan of a traced method or function from its merged options, once (at first call):
 * inputs by parameter name, static metadata/config and `@EnrichWith` at start; output and
 * dynamic `@EnrichWith` at the end.
 */
export function buildMethodPlan(
  name: string,
  options: TraceDecoratorOptions,
  params: ParameterList,
  enrichers: readonly Enricher[],
): MethodPlan {
  const { statics, dynamics } = splitEnrichers(enrichers);
  const fromOptions = normalizeEnrichment({ metadata: options.metadata, config: options.config });
  if (Object.keys(fromOptions.namespaces).length > 0) statics.unshift(fromOptions);
  const ci = options.captureInputs;
  const co = options.captureOutputs;
  const argKeys = argumentKeys(params);
  return {
    name,
    attributes: Object.freeze(eventAttributes(options.eventType ?? 'tool', name)),
    tracerOption: options.tracer,
    onStart(span, host, args, self) {
      if (ci !== false && (ci !== undefined || host.settings.captureInputs)) {
        try {
          if (typeof ci === 'function') {
            const value = ci(argumentsByName(params, args), self);
            if (value !== undefined) host.capturer.captureFields(span, NAMESPACES.inputs, value);
          } else captureArguments(span, host.capturer, argKeys, args);
        } catch (err) {
          logger.error(`capturing the inputs of ${name} failed`, err);
        }
      }
      for (const e of statics) applyEnrichment(span, host.capturer, e);
    },
    onEnd(span, host, outcome) {
      if (!outcome.failed && co !== false && (co !== undefined || host.settings.captureOutputs)) {
        recordOutput(span, host, outcome, co);
      }
      if (dynamics.length > 0) {
        const ctx: EnrichContext = {
          args: outcome.args,
          result: outcome.result,
          error: outcome.error,
          self: outcome.self,
          durationMs: outcome.durationMs,
        };
        runDynamicEnrichers(span, host, dynamics, ctx, name);
      }
    },
  };
}
