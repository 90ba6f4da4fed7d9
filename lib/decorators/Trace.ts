import type { UniversalDecorator } from './decorator-adapter';
import { createDecorator } from './decorator-adapter';
import { defineClassOptions } from './metadata';
import { checkTraceOptions } from './check-trace-options';
import type { TraceDecoratorOptions } from './TraceDecoratorOptions';
import { isTraced, traceWrapper } from './wrap-method';
import type { AnyFunction } from '../internal/any-function';

function traceClass(ctor: AnyFunction, options: TraceDecoratorOptions): void {
  defineClassOptions(ctor, options);
  const proto = ctor.prototype as object | undefined;
  if (!proto) return;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (!d || typeof d.value !== 'function') continue;
    if (isTraced(d.value)) {
      traceWrapper(d.value as AnyFunction, key, ctor, undefined);
      continue;
    }
    if (options.methods === 'decorated' || key.startsWith('_')) continue;
    Object.defineProperty(proto, key, {
      ...d,
      value: traceWrapper(d.value as AnyFunction, key, ctor, undefined),
    });
  }
}

/**
 * Traces a method, or every public method of a class. Works as a Stage-3 decorator and under
 * `experimentalDecorators` alike.
 *
 * - `@Trace()` / `@Trace('name')` / `@Trace({ eventType, tracer, metadata, config, captureInputs, captureOutputs })` on a method: span `Class.method`.
 * - `@Trace(options)` on a class: every public method (not `constructor`, not `_private`) is traced
 *   with these options as defaults; a method's own `@Trace` merges over them;
 *   `methods: 'decorated'` only sets defaults. Defaults inherit through `extends`.
 *
 * The tracer is resolved at call time (option > enclosing span's or session's tracer > default);
 * with none, the method runs exactly as undecorated.
 *
 * @example
 * @Trace({ eventType: 'tool' })
 * class Search {
 *   @Trace({ eventType: 'model' }) async rank(hits: string[]) { ... }
 *   async query(text: string, limit = 5) { ... }
 * }
 */
export function Trace(nameOrOptions?: string | TraceDecoratorOptions): UniversalDecorator {
  const options: TraceDecoratorOptions =
    typeof nameOrOptions === 'string' ? { name: nameOrOptions } : { ...nameOrOptions };
  checkTraceOptions(options);
  return createDecorator(
    (fn, key, definingClass) => traceWrapper(fn, key, definingClass, options),
    (ctor) => traceClass(ctor, options),
    'Trace',
  );
}
