import type { Context, Span } from '@opentelemetry/api';
import { createContextKey, trace } from '@opentelemetry/api';

const TRACER_KEY = createContextKey('hivetrace.tracer');

/** A tracer marked on a context, with the span that was active when it was marked. */
export interface ContextTracerMark<T> {
  readonly tracer: T;
  readonly span: Span | undefined;
}

/**
 * The tracer marked on `ctx` (by a session, a server span or distributed context), if any, and
 * whether the mark is the innermost thing: true when no span was started since it was set.
 */
export function getContextTracer<T>(ctx: Context): { tracer: T; innermost: boolean } | undefined {
  const mark = ctx.getValue(TRACER_KEY) as ContextTracerMark<T> | undefined;
  if (!mark) return undefined;
  return { tracer: mark.tracer, innermost: mark.span === trace.getSpan(ctx) };
}

/**
 * Marks `ctx` as belonging to `tracer`, so decorators inside resolve to it. Spans the tracer
 * starts are not marked (that would cost a context copy per call): a span's tracer is found from
 * the span itself.
 */
export function setContextTracer(ctx: Context, tracer: object): Context {
  const span = trace.getSpan(ctx);
  const mark = ctx.getValue(TRACER_KEY) as ContextTracerMark<object> | undefined;
  if (mark?.tracer === tracer && mark.span === span) return ctx;
  return ctx.setValue(TRACER_KEY, { tracer, span } satisfies ContextTracerMark<object>);
}
