/**
 * One adapter for both decorator modes. Stage-3 calls `(value, context)`; `experimentalDecorators`
 * calls `(target, key, descriptor)` for methods and `(ctor)` for classes. Both lead to the same
 * two functions, so no logic is written twice.
 */
import type { AnyFunction } from '../internal/any-function';
import { logger } from '../internal/logger';

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
  // Stage-3 (a field's initializer is returned for a function-valued field)
  <T>(
    value: T,
    context:
      | ClassMethodDecoratorContext
      | ClassDecoratorContext
      | ClassFieldDecoratorContext
      | ClassGetterDecoratorContext,
  ): any; // eslint-disable-line @typescript-eslint/no-explicit-any
  // experimentalDecorators: method or accessor
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor | void;
  // experimentalDecorators: property (nothing to wrap: it warns)
  (target: object, propertyKey: string | symbol): void;
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

/** Says, once per member, that a decorator landed where it does nothing. */
function warnUntraced(label: string, kind: string, member: string, hint: string): void {
  logger.warn(`@${label} on ${kind} ${member} does nothing: ${hint}`);
}

const STAGE3_HINT = 'methods and function-valued fields are what it wraps';
const LEGACY_HINT = 'under experimentalDecorators it wraps methods only (make it a method)';

/** Stage-3: methods and classes; a function-valued field is wrapped as its initializer runs. */
function stage3(
  first: unknown,
  context: Stage3Context,
  label: string,
  onMethod: MethodTransform,
  onClass?: ClassTransform,
): unknown {
  if (context.kind === 'method' && typeof first === 'function')
    return onMethod(first as AnyFunction, context.name, undefined);
  if (context.kind === 'class' && typeof first === 'function') {
    onClass?.(first as AnyFunction);
    return undefined;
  }
  const member = String(context.name);
  if (context.kind === 'field')
    // `handle = async (req) => …`: the arrow function is wrapped when each instance gets it
    return function (this: unknown, value: unknown): unknown {
      if (typeof value === 'function') return onMethod(value as AnyFunction, context.name, undefined);
      warnUntraced(label, 'field', member, `its value is not a function; ${STAGE3_HINT}`);
      return value;
    };
  warnUntraced(label, context.kind, member, STAGE3_HINT);
  return undefined;
}

/** experimentalDecorators: `(target, key, descriptor)` for a method, `(target, key)` for a property. */
function legacyMember(args: unknown[], label: string, onMethod: MethodTransform): unknown {
  const [first, second, third] = args;
  const descriptor = third as PropertyDescriptor | undefined;
  const definingClass = (
    typeof first === 'function' ? first : (first as { constructor: AnyFunction }).constructor
  ) as AnyFunction;
  if (!descriptor || typeof descriptor.value !== 'function') {
    const kind = !descriptor ? 'property' : descriptor.get || descriptor.set ? 'accessor' : 'property';
    warnUntraced(label, kind, `${definingClass?.name ?? ''}.${String(second)}`, LEGACY_HINT);
    return descriptor;
  }
  descriptor.value = onMethod(descriptor.value as AnyFunction, second as string | symbol, definingClass);
  return descriptor;
}

/**
 * Builds a decorator from a method transform and an optional class transform. Where it lands on
 * something it cannot wrap (a getter, a setter, an accessor, a property in legacy mode), it warns
 * once, naming the member, instead of doing nothing in silence.
 *
 * @param label - the decorator's name, for those warnings (`Trace`)
 */
export function createDecorator(
  onMethod: MethodTransform,
  onClass?: ClassTransform,
  label = 'decorator',
): UniversalDecorator {
  return function decorator(...args: unknown[]): unknown {
    const [first, second] = args;
    if (isStage3Context(second)) return stage3(first, second, label, onMethod, onClass);
    if (args.length >= 2 && first !== null && (typeof first === 'object' || typeof first === 'function'))
      return legacyMember(args, label, onMethod);
    if (args.length === 1 && typeof first === 'function') {
      onClass?.(first as AnyFunction);
      return undefined;
    }
    return undefined;
  } as UniversalDecorator;
}
