import { context, trace } from '@opentelemetry/api';
import { utilTypes as types } from '../internal/util-types';
import { applyEnrichment } from '../enrichment/apply-enrichment';
import { logger } from '../internal/logger';
import { resolveTracer } from '../tracer/resolve-tracer';
import { noTracers } from '../tracer/TracerRegistry';
import { invokeInSpan } from '../tracer/with-span';
import { preserveIdentity } from './function-identity';
import type { MethodPlan } from './method-plan';
import { buildMethodPlan, runDynamicEnrichers, splitEnrichers } from './method-plan';
import {
  defineMethodOptions,
  getClassOptions,
  getEnrichers,
  getMethodOptions,
  mergeOptions,
} from './metadata';
import type { ParameterList } from './parameter-names';
import { parameterNames } from './parameter-names';
import type { TraceDecoratorOptions } from './TraceDecoratorOptions';
import type { AnyFunction } from '../internal/any-function';

/** What hivetrace knows about one of its wrappers. */
interface WrapperInfo {
  readonly kind: 'trace' | 'enrich';
  readonly original: AnyFunction;
  readonly state?: MethodState;
}

const wrappers = new WeakMap<AnyFunction, WrapperInfo>();

/** Per traced method: fixed at decoration time, its plan resolved once at first call. */
class MethodState {
  plan: MethodPlan | undefined;
  wrapper!: AnyFunction;
  readonly params: ParameterList;

  constructor(
    readonly original: AnyFunction,
    readonly key: string | symbol | undefined,
    public definingClass: AnyFunction | undefined,
    readonly fixedName?: string,
  ) {
    this.params = parameterNames(original);
  }

  resolve(self: unknown): MethodPlan {
    if (!this.definingClass && this.key !== undefined)
      this.definingClass = findDefiningClass(self, this.wrapper, this.key);
    const own = getMethodOptions(this.wrapper);
    const options = mergeOptions(getClassOptions(this.definingClass), own);
    const method =
      typeof this.key === 'symbol'
        ? `[${this.key.description ?? 'symbol'}]`
        : (this.key ?? this.original.name);
    const name =
      own?.name ??
      this.fixedName ??
      (this.definingClass?.name ? `${this.definingClass.name}.${method}` : method || 'anonymous');
    const plan = buildMethodPlan(name, options, this.params, getEnrichers(this.wrapper));
    if (this.definingClass || this.key === undefined) this.plan = plan;
    return plan;
  }
}

function findDefiningClass(
  self: unknown,
  wrapper: AnyFunction,
  key: string | symbol,
): AnyFunction | undefined {
  try {
    for (let p = self; p !== null && p !== undefined; p = Object.getPrototypeOf(p)) {
      const d = Object.getOwnPropertyDescriptor(p, key);
      if (d && d.value === wrapper)
        return (
          typeof p === 'function' ? p : (p as { constructor?: AnyFunction }).constructor
        ) as AnyFunction;
    }
  } catch {
    // a hostile receiver: no class name
  }
  return undefined;
}

/** True when `fn` is a trace wrapper. */
export function isTraced(fn: unknown): boolean {
  return typeof fn === 'function' && wrappers.get(fn as AnyFunction)?.kind === 'trace';
}

/**
 * Wraps a method or function for tracing; a trace wrapper is returned as it is (never wrapped
 * twice) with `options` recorded over what it had; an `@EnrichWith` wrapper is replaced by a
 * trace wrapper of the same function, keeping its enrichers.
 */
export function traceWrapper(
  fn: AnyFunction,
  key: string | symbol | undefined,
  definingClass: AnyFunction | undefined,
  options: TraceDecoratorOptions | undefined,
  fixedName?: string,
): AnyFunction {
  const info = wrappers.get(fn);
  if (info?.kind === 'trace') {
    if (options) defineMethodOptions(fn, mergeOptions(getMethodOptions(fn), options));
    if (definingClass && info.state && !info.state.definingClass) info.state.definingClass = definingClass;
    return fn;
  }
  const original = info?.original ?? fn;
  const state = new MethodState(original, key, definingClass, fixedName);
  const wrapper = function (this: unknown): unknown {
    // `arguments` straight into apply: V8 passes them through without building an array
    // eslint-disable-next-line prefer-rest-params
    if (noTracers()) return original.apply(this, arguments as unknown as unknown[]);
    // eslint-disable-next-line prefer-rest-params
    const args = Array.prototype.slice.call(arguments) as unknown[];
    let plan: MethodPlan;
    try {
      plan = state.plan ?? state.resolve(this);
    } catch (err) {
      logger.error(
        `resolving the trace options of ${String(key ?? original.name)} failed; running untraced`,
        err,
      );
      return original.apply(this, args);
    }
    const tracer = resolveTracer(plan.tracerOption);
    if (!tracer || tracer.closed) return original.apply(this, args);
    return invokeInSpan(tracer, plan, original, this, args);
  };
  state.wrapper = wrapper;
  preserveIdentity(fn, wrapper);
  if (fn !== original) preserveIdentity(original, wrapper);
  if (options) defineMethodOptions(wrapper, mergeOptions(getMethodOptions(fn), options));
  wrappers.set(wrapper, { kind: 'trace', original, state });
  return wrapper;
}

/**
 * Wraps a method that has `@EnrichWith` but no `@Trace`: it enriches the caller's span (static
 * enrichment at call time, function enrichers when the call ends). The enrichers are read from
 * the wrapper's metadata at call time, so stacked `@EnrichWith`s all apply.
 */
export function enrichWrapper(fn: AnyFunction): AnyFunction {
  if (wrappers.has(fn)) return fn;
  const original = fn;
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const span = trace.getSpan(context.active());
    if (!span || !span.isRecording()) return original.apply(this, args);
    const host = resolveTracer();
    if (!host) return original.apply(this, args);
    const label = original.name || 'anonymous';
    const { statics, dynamics } = splitEnrichers(getEnrichers(wrapper));
    try {
      for (const e of statics) applyEnrichment(span, host.capturer, e);
    } catch (err) {
      logger.error(`@EnrichWith on ${label} failed`, err);
    }
    const t0 = performance.now();
    const end = (result: unknown, error: unknown) =>
      runDynamicEnrichers(
        span,
        host,
        dynamics,
        { args, result, error, self: this, durationMs: performance.now() - t0 },
        label,
      );
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      end(undefined, error);
      throw error;
    }
    if (dynamics.length > 0) {
      if (types.isPromise(result))
        result.then(
          (v) => end(v, undefined),
          (e: unknown) => end(undefined, e),
        );
      else end(result, undefined);
    }
    return result;
  };
  preserveIdentity(original, wrapper);
  wrappers.set(wrapper, { kind: 'enrich', original });
  return wrapper;
}
