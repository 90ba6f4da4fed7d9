import { checkTraceOptions } from './check-trace-options';
import type { TraceDecoratorOptions } from './TraceDecoratorOptions';
import { traceWrapper } from './wrap-method';

/**
 * The `@Trace` of plain and arrow functions: returns a function of the same type that runs `fn`
 * in a span (sync stays sync, the same promise/object is returned, errors pass through).
 *
 * @example
 * const retrieve = traced(async (query: string, k = 3) => search(query, k), { eventType: 'tool' });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function traced<F extends (...args: any[]) => any>(
  fn: F,
  options?: string | TraceDecoratorOptions,
): F {
  const opts: TraceDecoratorOptions = typeof options === 'string' ? { name: options } : { ...options };
  checkTraceOptions(opts);
  return traceWrapper(fn, undefined, undefined, opts, opts.name ?? (fn.name || 'anonymous')) as F;
}
