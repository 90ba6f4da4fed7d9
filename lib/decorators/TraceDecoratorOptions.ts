import type { EventType } from '../semconv/honeyhive';
import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';

/** Maps what is recorded as inputs: gets the arguments by parameter name, returns what to record. */
export type InputMapper = (args: Record<string, unknown>, self: unknown) => unknown;
/** Maps what is recorded as output: gets the result, returns what to record. */
export type OutputMapper = (result: unknown) => unknown;

/** Options of `@Trace` (on a method, a class, or `traced`). */
export interface TraceDecoratorOptions {
  /** Span / event name. Default `Class.method` (or the function's name). Not inherited from the class. */
  name?: string | undefined;
  /** Event type. Method > class > `tool`. */
  eventType?: EventType | undefined;
  /** The tracer: an instance or a project name. Default: resolved at call time. */
  tracer?: HoneyHiveTracer | string | undefined;
  /** Static metadata recorded at span start. */
  metadata?: Record<string, unknown> | undefined;
  /** Static config recorded at span start. */
  config?: Record<string, unknown> | undefined;
  /** `false` records no inputs; a function maps what is recorded. Default: the tracer's `capture.captureInputs`. */
  captureInputs?: boolean | InputMapper | undefined;
  /** `false` records no output; a function maps what is recorded. Default: the tracer's `capture.captureOutputs`. */
  captureOutputs?: boolean | OutputMapper | undefined;
  /** On a class: `'all'` (default) traces every public method; `'decorated'` only sets defaults. */
  methods?: 'all' | 'decorated' | undefined;
}

/** What an `@EnrichWith` function receives at the end of the call. */
export interface EnrichContext<TSelf = unknown, TResult = unknown> {
  readonly args: readonly unknown[];
  readonly result: TResult | undefined;
  readonly error: unknown;
  readonly self: TSelf;
  readonly durationMs: number;
}
