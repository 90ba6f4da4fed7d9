/**
 * One adapter for both decorator modes. Stage-3 calls `(value, context)`; `experimentalDecorators`
 * calls `(target, key, descriptor)` for methods and `(ctor)` for classes. Both lead to the same
 * two functions, so no logic is written twice.
 */
import type { AnyFunction } from '../internal/any-function';

/** What a method decorator does, whatever the mode. */
export type MethodTransform = (
  fn: AnyFunction,
  key: string | symbol,
  definingClass: AnyFunction | undefined,
) => AnyFunction;
/** What a class decorator does, whatever the mode. */
export type ClassTransform = (ctor: AnyFunction) => void;

/**
 * A decorator usable on methods and classes, in Stage-3 and legacy (`experimentalDecorators`)
 * mode alike.
 */
export interface UniversalDecorator {
  // Stage-3
  <T>(value: T, context: ClassMethodDecoratorContext | ClassDecoratorContext): T | void;
  // experimentalDecorators: method
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor | void;
  // experimentalDecorators: class
  <TClass extends abstract new (...args: any[]) => unknown>(target: TClass): TClass | void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface Stage3Context {
  kind: string;
  name: string | symbol;
  static?: boolean;
}

function isStage3Context(v: unknown): v is Stage3Context {
  return v !== null && typeof v === 'object' && 'kind' in v && 'name' in v;
}

/** Builds a decorator from a method transform and an optional class transform. */
export function createDecorator(onMethod: MethodTransform, onClass?: ClassTransform): UniversalDecorator {
  return function decorator(...args: unknown[]): unknown {
    const [first, second, third] = args;
    if (isStage3Context(second)) {
      if (second.kind === 'method' && typeof first === 'function')
        return onMethod(first as AnyFunction, second.name, undefined);
      if (second.kind === 'class' && typeof first === 'function') {
        onClass?.(first as AnyFunction);
        return undefined;
      }
      return undefined; // fields, getters, accessors: nothing to trace
    }
    if (args.length >= 2 && first !== null && (typeof first === 'object' || typeof first === 'function')) {
      const descriptor = third as PropertyDescriptor | undefined;
      if (!descriptor || typeof descriptor.value !== 'function') return descriptor;
      const definingClass = (
        typeof first === 'function' ? first : (first as { constructor: AnyFunction }).constructor
      ) as AnyFunction;
      descriptor.value = onMethod(descriptor.value as AnyFunction, second as string | symbol, definingClass);
      return descriptor;
    }
    if (args.length === 1 && typeof first === 'function') {
      onClass?.(first as AnyFunction);
      return undefined;
    }
    return undefined;
  } as UniversalDecorator;
}
