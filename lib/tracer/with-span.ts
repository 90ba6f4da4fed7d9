import type { Attributes, Context, Span } from '@opentelemetry/api';
import { context, trace } from '@opentelemetry/api';
import { utilTypes as types } from '../internal/util-types';
import type { Capturer } from '../capture/Capturer';
import { logger } from '../internal/logger';
import { observeAsyncIterable, observeIterator, observeReadableStream, streamKind } from './observe-stream';
import { recordError } from './record-error';
import type { StreamSummary } from './StreamObserver';
import { StreamObserver } from './StreamObserver';

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

/**
 * One traced call in progress, and then its outcome: one object per call, of one shape. The
 * duration is read from the clock only if someone asks (a dynamic enricher): the span's own
 * `honeyhive_duration_ms` is stamped from the span when it ends.
 */
class Call implements Outcome {
  result: unknown = undefined;
  error: unknown = undefined;
  failed = false;
  stream: StreamSummary | undefined = undefined;
  private endedAt: number | undefined = undefined;
  readonly t0 = performance.now();

  constructor(
    readonly span: Span,
    readonly ctx: Context,
    readonly host: SpanHost,
    readonly plan: SpanPlan,
    readonly args: readonly unknown[],
    readonly self: unknown,
  ) {}

  get durationMs(): number {
    return (this.endedAt ??= performance.now()) - this.t0;
  }
}

function finish(span: Span, host: SpanHost, plan: SpanPlan, outcome: Outcome): void {
  try {
    if (outcome.failed) {
      const cap = host.capturer;
      recordError(span, outcome.error, cap.limits.maxStringLength, cap.redact?.value);
    }
    plan.onEnd?.(span, host, outcome);
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

function observe(value: unknown, call: Call): boolean {
  const kind = streamKind(value);
  if (!kind) return false;
  const { span, host, plan } = call;
  // The end callback outlives the stream (timer, finalizer): it must not hold the stream itself.
  const streamRef = new WeakRef(value as object);
  const obs = new StreamObserver(
    host.capturer.limits,
    host.capturer.redact,
    host.streamTimeoutMs,
    (stream, error) => {
      if (stream.state === 'abandoned') span.addEvent('hivetrace.stream.abandoned');
      span.setAttribute('hivetrace.stream.state', stream.state);
      call.result = streamRef.deref();
      call.stream = stream;
      call.error = error;
      call.failed = stream.state === 'failed';
      finish(span, host, plan, call);
    },
  );
  if (kind === 'generator' || kind === 'asyncGenerator')
    observeIterator(value as object, call.ctx, obs, kind === 'asyncGenerator');
  else if (kind === 'readableStream') observeReadableStream(value as ReadableStream, call.ctx, obs);
  else observeAsyncIterable(value as object, call.ctx, obs);
  return true;
}

function end(call: Call, result: unknown, error: unknown, failed: boolean): void {
  call.result = result;
  call.error = error;
  call.failed = failed;
  finish(call.span, call.host, call.plan, call);
}

function succeed(call: Call, value: unknown): void {
  if (value !== null && typeof value === 'object' && observe(value, call)) return;
  end(call, value, undefined, false);
}

function fail(call: Call, error: unknown): void {
  end(call, undefined, error, true);
}

function settle(result: unknown, call: Call): void {
  if (result !== null && typeof result === 'object' && types.isPromise(result)) {
    // Observed on a side chain: the caller gets the very same promise object back.
    result.then(
      (value) => {
        try {
          succeed(call, value);
        } catch (err) {
          logger.error(`observing the result of ${call.plan.name} failed`, err);
          call.span.end();
        }
      },
      (error: unknown) => fail(call, error),
    );
    return;
  }
  succeed(call, result);
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
    ctx = trace.setSpan(parent, span);
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
  const call = new Call(span, ctx, host, plan, args, self);
  let result: T;
  try {
    // Reflect.apply as the callback: no per-call bind of `self` and no spread of the arguments
    result = context.with(ctx, Reflect.apply, undefined, fn, self, args) as T;
  } catch (error) {
    fail(call, error);
    throw error;
  }
  try {
    settle(result, call);
  } catch (err) {
    logger.error(`observing the result of ${plan.name} failed`, err);
  }
  return result;
}
