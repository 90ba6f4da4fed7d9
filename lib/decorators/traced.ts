import { logger } from '../internal/logger';
import { checkTraceOptions } from './check-trace-options';
import type { TraceDecoratorOptions } from './TraceDecoratorOptions';
import { traceWrapper } from './wrap-method';

/**
 * The `@Trace` of plain and arrow functions: returns a function of the same type that runs `fn`
 * in a span (sync stays sync, the same promise/object is returned, errors pass through).
 *
 * The span is named `options.name`, else the function's own name. An anonymous function passed
 * inline has none (`traced(async (q) => …)`): its spans are named `anonymous`, and hivetrace
 * warns once, so give it a name (`traced(fn, 'retrieve')`) or a named function.
 *
 * @example
 * const retrieve = traced(async (query: string, k = 3) => search(query, k), { name: 'retrieve', eventType: 'tool' });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function traced<F extends (...args: any[]) => any>(
  fn: F,
  options?: string | TraceDecoratorOptions,
): F {
  const opts: TraceDecoratorOptions = typeof options === 'string' ? { name: options } : { ...options };
  checkTraceOptions(opts);
  let name = opts.name ?? fn.name;
  if (!name) {
    name = 'anonymous';
    logger.warn(
      "traced() got a function without a name, so its spans are named 'anonymous': pass one, traced(fn, 'retrieve') or traced(fn, { name: 'retrieve' })",
    );
  }
  return traceWrapper(fn, undefined, undefined, opts, name) as F;
}
