import type { Context } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { utilTypes as types } from '../internal/util-types';
import type { StreamObserver } from './StreamObserver';

type AnyFn = (...args: unknown[]) => unknown;
type Step = { done?: boolean; value?: unknown };

/** The kinds of returned value whose span stays open until they are consumed. */
export type StreamKind = 'generator' | 'asyncGenerator' | 'readableStream' | 'asyncIterable';

/** Classifies a returned value without touching `then` or any getter of user objects. */
export function streamKind(value: unknown): StreamKind | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  try {
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object Generator]') return 'generator';
    if (tag === '[object AsyncGenerator]') return 'asyncGenerator';
    if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) return 'readableStream';
    if (typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function') {
      return 'asyncIterable';
    }
  } catch {
    // a hostile proxy is just a value
  }
  return undefined;
}

function define(target: object, key: PropertyKey, value: AnyFn): void {
  Object.defineProperty(target, key, { value, configurable: true, writable: true, enumerable: false });
}

function onStep(obs: StreamObserver, step: unknown, method: string): void {
  const s = step as Step | null;
  if (s && typeof s === 'object' && s.done) obs.end(method === 'next' ? 'completed' : 'cancelled');
  else if (s && typeof s === 'object') obs.item(s.value);
}

/**
 * Patches `next`/`return`/`throw` of an iterator in place (the object keeps its identity and
 * prototype), so each step runs in the span's context and is counted. Adds a `return` where the
 * iterator has none, so an early `break` still ends the span.
 */
export function observeIterator(iter: object, ctx: Context, obs: StreamObserver, isAsync: boolean): void {
  const target = iter as Record<string, AnyFn | undefined>;
  for (const method of ['next', 'return', 'throw'] as const) {
    const original = target[method];
    if (typeof original !== 'function') {
      if (method === 'return') {
        define(iter, 'return', (value?: unknown) => {
          obs.end('cancelled');
          const step = { done: true, value };
          return isAsync ? Promise.resolve(step) : step;
        });
      }
      continue;
    }
    define(iter, method, function (this: unknown, ...args: unknown[]) {
      obs.touch();
      let result: unknown;
      try {
        result = context.with(ctx, original, this, ...args);
      } catch (err) {
        obs.end('failed', err);
        throw err;
      }
      if (types.isPromise(result)) {
        result.then(
          (step) => onStep(obs, step, method),
          (err: unknown) => obs.end('failed', err),
        );
      } else {
        onStep(obs, result, method);
      }
      return result;
    });
  }
  obs.watch(iter);
}

/** Patches `[Symbol.asyncIterator]` of an object in place so the iterators it hands out are observed. */
export function observeAsyncIterable(obj: object, ctx: Context, obs: StreamObserver): void {
  const original = (obj as { [Symbol.asyncIterator]: AnyFn })[Symbol.asyncIterator];
  define(obj, Symbol.asyncIterator, function (this: unknown, ...args: unknown[]) {
    obs.touch();
    const iter = original.apply(this, args);
    if (iter !== null && typeof iter === 'object') observeIterator(iter, ctx, obs, true);
    return iter;
  });
  obs.watch(obj);
}

/**
 * Observes a web ReadableStream in place: readers, async iteration, `pipeTo`/`pipeThrough`,
 * `tee` (the first branch is followed) and `cancel`. Nothing is read ahead or buffered, so
 * backpressure is the consumer's, as without tracing.
 */
export function observeReadableStream(rs: ReadableStream, ctx: Context, obs: StreamObserver): void {
  const proto = Object.getPrototypeOf(rs) as Record<string, AnyFn>;
  const call = (name: string, self: unknown, args: unknown[]): unknown => proto[name]!.apply(self, args);

  define(rs, 'getReader', function (this: unknown, ...args: unknown[]) {
    const reader = call('getReader', this, args) as Record<string, AnyFn>;
    obs.touch();
    observeReader(reader, ctx, obs);
    return reader;
  });
  const iterate = function (this: unknown, ...args: unknown[]) {
    const iter = call('values', this, args);
    obs.touch();
    if (iter !== null && typeof iter === 'object') observeIterator(iter, ctx, obs, true);
    return iter;
  };
  define(rs, 'values', iterate);
  define(rs, Symbol.asyncIterator, iterate);
  observePipes(rs, call, obs);
  define(rs, 'tee', function (this: unknown, ...args: unknown[]) {
    const branches = call('tee', this, args) as [ReadableStream, ReadableStream];
    obs.touch();
    observeReadableStream(branches[0], ctx, obs);
    return branches;
  });
  define(rs, 'cancel', function (this: unknown, ...args: unknown[]) {
    obs.end('cancelled');
    return call('cancel', this, args);
  });
  obs.watch(rs);
}

/** A stream reader's `read` (run in the span's context) and `cancel`, observed. */
function observeReader(reader: Record<string, AnyFn>, ctx: Context, obs: StreamObserver): void {
  const read = reader.read!;
  const cancel = reader.cancel!;
  define(reader, 'read', function (this: unknown, ...a: unknown[]) {
    const p = context.with(ctx, read, this, ...a) as Promise<Step>;
    p.then(
      (step) => onStep(obs, step, 'next'),
      (err: unknown) => obs.end('failed', err),
    );
    return p;
  });
  define(reader, 'cancel', function (this: unknown, ...a: unknown[]) {
    obs.end('cancelled');
    return cancel.apply(this, a);
  });
}

/** `pipeTo` ends the span with the pipe; `pipeThrough` goes through the observed `pipeTo`. */
function observePipes(
  rs: ReadableStream,
  call: (name: string, self: unknown, args: unknown[]) => unknown,
  obs: StreamObserver,
): void {
  define(rs, 'pipeTo', function (this: unknown, ...args: unknown[]) {
    obs.touch();
    const p = call('pipeTo', this, args) as Promise<void>;
    p.then(
      () => obs.end('completed'),
      (err: unknown) => obs.end('failed', err),
    );
    return p;
  });
  define(rs, 'pipeThrough', function (this: ReadableStream, ...args: unknown[]) {
    const pair = args[0] as { readable?: unknown; writable?: unknown } | undefined;
    if (
      this.locked ||
      !pair ||
      !(pair.writable instanceof WritableStream) ||
      !(pair.readable instanceof ReadableStream)
    ) {
      return call('pipeThrough', this, args);
    }
    // pipeThrough is defined as pipeTo(writable) with the promise marked handled, then readable.
    this.pipeTo(pair.writable, args[1] as StreamPipeOptions).catch(() => undefined);
    return pair.readable;
  });
}
