import type { Context, ContextManager } from '@opentelemetry/api';
import { ROOT_CONTEXT } from '@opentelemetry/api';

/** The part of `AsyncLocalStorage` a context manager needs. */
interface Storage {
  getStore(): Context | undefined;
  run<R>(store: Context, fn: () => R): R;
  disable(): void;
}

/** An `AsyncLocalStorage` class, as Node, Bun, Deno, Workers and Vercel's Edge runtime provide it. */
export type AsyncLocalStorageClass = new () => Storage;

/** Binds a function to a context: calling it later runs it in that context. Other values pass through. */
function bindFunction<T>(manager: ContextManager, ctx: Context, target: T): T {
  if (typeof target !== 'function') return target;
  const fn = target as unknown as (...args: unknown[]) => unknown;
  const bound = function (this: unknown, ...args: unknown[]) {
    return manager.with(ctx, () => fn.apply(this, args));
  };
  return bound as unknown as T;
}

/**
 * Context through `AsyncLocalStorage` where the runtime has it but OpenTelemetry's Node context
 * manager cannot be loaded (an edge bundle, Workers with `nodejs_compat`): the active context
 * follows `await`, timers and promise callbacks.
 */
export class AsyncLocalStorageManager implements ContextManager {
  private storage: Storage;

  constructor(private readonly Als: AsyncLocalStorageClass) {
    this.storage = new Als();
  }

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }

  bind<T>(ctx: Context, target: T): T {
    return bindFunction(this, ctx, target);
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    this.storage = new this.Als();
    return this;
  }
}

/**
 * Context for runtimes with no `AsyncLocalStorage` at all (Workers without `nodejs_compat` or
 * `nodejs_als`): the active context holds for the synchronous part of a call. After an `await`
 * inside a traced function it is the root again, so `enrichSpan()` there answers false and a span
 * started there has no parent; spans that hivetrace starts itself are always nested right.
 */
export class SyncContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  bind<T>(ctx: Context, target: T): T {
    return bindFunction(this, ctx, target);
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}
