import type { Span } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { logger } from '../internal/logger';
import { extractContextFromCarrier } from '../propagation/distributed';
import type { EventType } from '../semconv/honeyhive';
import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import { facadeOf, internalsOf } from '../tracer/HoneyHiveTracer';
import { resolveTracer } from '../tracer/resolve-tracer';
import { carriesSession } from './caller-session';
import { flushAfter } from './flush-after';

/** The part of AWS Lambda's context object the helper reads. */
export interface LambdaContextLike {
  functionName?: string;
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

/** Options of {@link traceLambdaHandler}. */
export interface LambdaHandlerOptions {
  /** The tracer (default: the default tracer). */
  tracer?: HoneyHiveTracer | undefined;
  /** Event type of the invocation's span. Default `chain`. */
  eventType?: EventType | undefined;
  /** A session per invocation (named after the function) unless the event's headers carry one. Default true. */
  sessionPerInvocation?: boolean | undefined;
  /**
   * Bound on the flush before the handler returns. Default 2000 ms, and never more than the
   * invocation has left (less 100 ms).
   */
  flushTimeoutMs?: number | undefined;
}

function flushBound(options: LambdaHandlerOptions, ctx: LambdaContextLike | undefined): number {
  const wanted = options.flushTimeoutMs ?? 2000;
  const left = ctx?.getRemainingTimeInMillis?.();
  return typeof left === 'number' && Number.isFinite(left)
    ? Math.max(0, Math.min(wanted, left - 100))
    : wanted;
}

function headersOf(event: unknown): Record<string, string> {
  const h =
    event !== null && typeof event === 'object' ? (event as { headers?: unknown }).headers : undefined;
  return h !== null && typeof h === 'object' ? (h as Record<string, string>) : {};
}

/**
 * Traces an AWS Lambda handler: each invocation runs in a span named after the function (in the
 * caller's trace and session when an API Gateway event's headers carry them, else in a session
 * of its own), and the handler returns only after the tracer's flush, bounded so that a slow
 * backend never eats the invocation's time. The handler's result and errors pass through
 * unchanged.
 *
 * @example
 * export const handler = traceLambdaHandler(async (event) => ({ statusCode: 200, body: 'ok' }));
 */
export function traceLambdaHandler<E, C extends LambdaContextLike | undefined, R>(
  handler: (event: E, context: C) => R | Promise<R>,
  options: LambdaHandlerOptions = {},
): (event: E, context: C) => Promise<R> {
  return async (event, lambdaContext) => {
    const core = options.tracer ? internalsOf(options.tracer) : resolveTracer();
    const tracer = core && !core.closed ? facadeOf(core) : undefined;
    if (!tracer) return handler(event, lambdaContext);
    const name = lambdaContext?.functionName ?? 'lambda';
    const invoke = (): Promise<R> =>
      tracer.trace(
        name,
        { eventType: options.eventType ?? 'chain', inputs: { event } },
        async (span: Span) => {
          if (lambdaContext?.awsRequestId)
            span.setAttribute('faas.invocation_id', lambdaContext.awsRequestId);
          return handler(event, lambdaContext);
        },
      );
    try {
      let base = context.active();
      let joined = false;
      try {
        base = extractContextFromCarrier(headersOf(event), tracer, base);
        joined = carriesSession(base);
      } catch (err) {
        logger.warn(`reading the caller's trace failed (${(err as Error).message})`);
      }
      return await context.with(base, () =>
        options.sessionPerInvocation === false || joined
          ? invoke()
          : tracer.withSession({ sessionName: name }, invoke),
      );
    } finally {
      await flushAfter(tracer, undefined, flushBound(options, lambdaContext));
    }
  };
}
