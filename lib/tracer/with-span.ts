import type { Attributes, Context, Span } from '@opentelemetry/api';
import { context, trace } from '@opentelemetry/api';
import { types } from 'node:util';
import type { Capturer } from '../capture/Capturer';
import { logger } from '../internal/logger';
import { ATTR } from './attribute-names';
import { observeAsyncIterable, observeIterator, observeReadableStream, streamKind } from './observe-stream';
import { recordError } from './record-error';
import type { StreamSummary } from './StreamObserver';
import { StreamObserver } from './StreamObserver';
import { setContextTracer } from './tracer-context';

/** What happened in one traced call, handed to the plan's `onEnd`. */
export interface Outcome {
  readonly args: readonly unknown[];
  readonly self: unknown;
  /** The returned (or resolved) value; for a stream, the stream object itself. */
  readonly result?: unknown;
  readonly error?: unknown;
  readonly failed: boolean;
  readonly durationMs: number;
  /** Set when the result was a stream: what was seen of it. */
  readonly stream?: StreamSummary;
}

/** The tracer side that the invocation core needs. */
export interface SpanHost {
  readonly capturer: Capturer;
  /** Global capture defaults (decorators fall back to these). */
  readonly settings: { readonly captureInputs: boolean; readonly captureOutputs: boolean };
  readonly streamTimeoutMs: number;
  /** Starts a span under `parent`, following the cross-tracer parent rule. */
  startSpanIn(name: string, attributes: Attributes | undefined, parent: Context): Span;
}

/** Everything about a traced callable that is fixed before it is called (resolved once). */
export interface SpanPlan {
  readonly name: string;
  /** Start attributes, `eventAttributes(type, name)` at least; built once per method for decorators. */
  readonly attributes: Attributes;
  /** Called after the span started, before the function runs (inputs, static enrichment). */
  onStart?(span: Span, host: SpanHost, args: readonly unknown[], self: unknown): void;
  /** Called once the outcome is known, before the span ends (outputs, dynamic enrichment). */
  onEnd?(span: Span, host: SpanHost, outcome: Outcome): void;
}

function finish(span: Span, host: SpanHost, plan: SpanPlan, outcome: Outcome): void {
  try {
    if (outcome.failed) recordError(span, outcome.error, host.capturer.limits.maxStringLength);
    plan.onEnd?.(span, host, outcome);
    span.setAttribute(ATTR.durationMs, outcome.durationMs);
  } catch (err) {
    logger.error(`recording the end of ${plan.name} failed`, err);
  } finally {
    try {
      span.end();
    } catch {
      // nothing left to do
    }
  }
}

function observe(
  value: unknown,
  span: Span,
  ctx: Context,
  host: SpanHost,
  plan: SpanPlan,
  base: Omit<Outcome, 'failed' | 'durationMs'>,
  t0: number,
): boolean {
  const kind = streamKind(value);
  if (!kind) return false;
  // The end callback outlives the stream (timer, finalizer): it must not hold the stream itself.
  const streamRef = new WeakRef(value as object);
  const obs = new StreamObserver(
    host.capturer.limits,
    host.capturer.redact,
    host.streamTimeoutMs,
    (stream, error) => {
      if (stream.state === 'abandoned') span.addEvent('hivetrace.stream.abandoned');
      span.setAttribute('hivetrace.stream.state', stream.state);
      const failed = stream.state === 'failed';
      finish(span, host, plan, {
        ...base,
        result: streamRef.deref(),
        stream,
        failed,
        error,
        durationMs: performance.now() - t0,
      });
    },
  );
  if (kind === 'generator' || kind === 'asyncGenerator')
    observeIterator(value as object, ctx, obs, kind === 'asyncGenerator');
  else if (kind === 'readableStream') observeReadableStream(value as ReadableStream, ctx, obs);
  else observeAsyncIterable(value as object, ctx, obs);
  return true;
}

function settle(
  result: unknown,
  span: Span,
  ctx: Context,
  host: SpanHost,
  plan: SpanPlan,
  args: readonly unknown[],
  self: unknown,
  t0: number,
): void {
  const base = { args, self };
  if (types.isPromise(result)) {
    // Observed on a side chain: the caller gets the very same promise object back.
    result.then(
      (value) => {
        try {
          if (!observe(value, span, ctx, host, plan, base, t0)) {
            finish(span, host, plan, {
              ...base,
              result: value,
              failed: false,
              durationMs: performance.now() - t0,
            });
          }
        } catch (err) {
          logger.error(`observing the result of ${plan.name} failed`, err);
          span.end();
        }
      },
      (error: unknown) =>
        finish(span, host, plan, { ...base, error, failed: true, durationMs: performance.now() - t0 }),
    );
    return;
  }
  if (!observe(result, span, ctx, host, plan, base, t0)) {
    finish(span, host, plan, { ...base, result, failed: false, durationMs: performance.now() - t0 });
  }
}

/**
 * Calls `fn` with `self` and `args` inside a new span and returns exactly what `fn` returns:
 * a sync function stays sync, a promise is the same promise object, a thrown error is the same
 * error. Async results end the span when they settle; generators, async iterables and
 * ReadableStreams keep it open until consumed, cancelled, failed or abandoned. Any failure of
 * tracing itself is logged and the function runs as if untraced.
 */
export function invokeInSpan<T>(
  host: SpanHost,
  plan: SpanPlan,
  fn: (...a: never[]) => T,
  self: unknown,
  args: readonly unknown[],
): T {
  let span: Span | undefined;
  let ctx: Context;
  try {
    const parent = context.active();
    span = host.startSpanIn(plan.name, plan.attributes, parent);
    ctx = setContextTracer(trace.setSpan(parent, span), host);
    plan.onStart?.(span, host, args, self);
  } catch (err) {
    logger.error(`starting a span for ${plan.name} failed; running untraced`, err);
    try {
      span?.end();
    } catch {
      // ignore
    }
    return Reflect.apply(fn, self, args) as T;
  }
  const t0 = performance.now();
  let result: T;
  try {
    result = context.with(ctx, fn as (...a: unknown[]) => T, self, ...args);
  } catch (error) {
    finish(span, host, plan, { args, self, error, failed: true, durationMs: performance.now() - t0 });
    throw error;
  }
  try {
    settle(result, span, ctx, host, plan, args, self, t0);
  } catch (err) {
    logger.error(`observing the result of ${plan.name} failed`, err);
  }
  return result;
}
