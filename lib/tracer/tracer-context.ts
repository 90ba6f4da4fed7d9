import type { Context } from '@opentelemetry/api';
import { createContextKey } from '@opentelemetry/api';

const TRACER_KEY = createContextKey('hivetrace.tracer');

/** The tracer whose span or session encloses `ctx`, if any. */
export function getContextTracer<T>(ctx: Context): T | undefined {
  return ctx.getValue(TRACER_KEY) as T | undefined;
}

/** Marks `ctx` as belonging to `tracer`, so decorators inside resolve to it. */
export function setContextTracer(ctx: Context, tracer: object): Context {
  return ctx.getValue(TRACER_KEY) === tracer ? ctx : ctx.setValue(TRACER_KEY, tracer);
}
