import 'reflect-metadata';
import type { SpanEnrichment } from '../enrichment/normalize-enrichment';
import type { EnrichContext, TraceDecoratorOptions } from './TraceDecoratorOptions';
import type { AnyFunction } from '../internal/any-function';

/**
 * Every reflect-metadata call of hivetrace lives here, behind named keys. Decorators only record;
 * readers resolve later, with inheritance resolved at read time (method beats class beats base).
 */
export const METADATA_KEYS = Object.freeze({
  method: 'hivetrace:trace:method',
  class: 'hivetrace:trace:class',
  enrich: 'hivetrace:enrich',
  evaluate: 'hivetrace:evaluate',
});

/** One `@EnrichWith` argument: static (applied at start) or a function of the call (at the end). */
export type Enricher = SpanEnrichment | ((ctx: EnrichContext<any, any>) => SpanEnrichment | undefined | void); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Records a method's own `@Trace` options on its function object. */
export function defineMethodOptions(fn: AnyFunction, options: TraceDecoratorOptions): void {
  Reflect.defineMetadata(METADATA_KEYS.method, options, fn);
}

/** A function's own `@Trace` options. */
export function getMethodOptions(fn: unknown): TraceDecoratorOptions | undefined {
  return typeof fn === 'function'
    ? (Reflect.getOwnMetadata(METADATA_KEYS.method, fn) as TraceDecoratorOptions | undefined)
    : undefined;
}

/** Records a class's `@Trace` options. */
export function defineClassOptions(ctor: AnyFunction, options: TraceDecoratorOptions): void {
  Reflect.defineMetadata(METADATA_KEYS.class, options, ctor);
}

/** A class's options merged over its base classes' (derived wins). `name` is never inherited. */
export function getClassOptions(ctor: unknown): TraceDecoratorOptions | undefined {
  const chain: TraceDecoratorOptions[] = [];
  for (let c = ctor; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const own = Reflect.getOwnMetadata(METADATA_KEYS.class, c) as TraceDecoratorOptions | undefined;
    if (own) chain.unshift(own);
  }
  if (chain.length === 0) return undefined;
  const merged = mergeOptions(...chain);
  delete merged.name;
  return merged;
}

/** Merges options left to right; `metadata` and `config` merge by key. */
export function mergeOptions(...list: (TraceDecoratorOptions | undefined)[]): TraceDecoratorOptions {
  const out: TraceDecoratorOptions = {};
  for (const o of list) {
    if (!o) continue;
    const { metadata, config, ...rest } = o;
    Object.assign(out, rest);
    if (metadata) out.metadata = { ...out.metadata, ...metadata };
    if (config) out.config = { ...out.config, ...config };
  }
  return out;
}

/** Adds `@EnrichWith` entries to a function (kept in source order). */
export function prependEnrichers(fn: AnyFunction, enrichers: readonly Enricher[]): void {
  const own = (Reflect.getOwnMetadata(METADATA_KEYS.enrich, fn) as Enricher[] | undefined) ?? [];
  Reflect.defineMetadata(METADATA_KEYS.enrich, [...enrichers, ...own], fn);
}

/** A function's own `@EnrichWith` entries. */
export function getEnrichers(fn: unknown): readonly Enricher[] {
  return typeof fn === 'function'
    ? ((Reflect.getOwnMetadata(METADATA_KEYS.enrich, fn) as Enricher[] | undefined) ?? [])
    : [];
}

/**
 * Copies every reflect-metadata entry of `from` onto `to` (a wrapper must not lose what other
 * frameworks, such as NestJS's route decorators, recorded on the method).
 */
export function copyMetadata(from: AnyFunction, to: AnyFunction): void {
  for (const key of Reflect.getOwnMetadataKeys(from)) {
    if (!Reflect.hasOwnMetadata(key, to)) Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, from), to);
  }
}

/**
 * The `@Trace` options in force for a class (or instance) and, optionally, one of its methods:
 * method beats class beats base class.
 *
 * @example
 * getTraceMetadata(Search, 'query'); // { eventType: 'tool', metadata: { feature: 'search' } }
 */
export function getTraceMetadata(
  target: object,
  methodName?: string | symbol,
): TraceDecoratorOptions | undefined {
  const ctor = typeof target === 'function' ? target : (target as { constructor?: unknown }).constructor;
  const classOptions = getClassOptions(ctor);
  if (methodName === undefined) return classOptions;
  const proto = typeof target === 'function' ? (target as { prototype?: object }).prototype : target;
  let methodOptions: TraceDecoratorOptions | undefined;
  for (let p = proto; p && !methodOptions; p = Object.getPrototypeOf(p) as object | undefined) {
    const d = Object.getOwnPropertyDescriptor(p, methodName);
    if (d) methodOptions = getMethodOptions(d.value);
  }
  if (!classOptions && !methodOptions) return undefined;
  return mergeOptions(classOptions, methodOptions);
}

/** Records a method's `@Evaluate` options on its function object. */
export function defineEvaluateOptions(fn: AnyFunction, options: object): void {
  Reflect.defineMetadata(METADATA_KEYS.evaluate, options, fn);
}

/** A method function's `@Evaluate` options. */
export function getEvaluateMetadata<T>(fn: unknown): T | undefined {
  return typeof fn === 'function'
    ? (Reflect.getOwnMetadata(METADATA_KEYS.evaluate, fn) as T | undefined)
    : undefined;
}
