import type { Span, SpanOptions, TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracerOptions } from '../config/TracerOptions';
import type { SpanEnrichment } from '../enrichment/normalize-enrichment';
import type { SessionFields } from '../enrichment/session-types';
import type { TracerStats } from '../export/DeliveryCounters';
import type { Carrier } from '../context/carrier';
import type { EventType } from '../semconv/honeyhive';
import type { SessionOptions } from './session-scope';
import type { EventOptions, LinkToken, TraceOptions } from './tracer-types';
import { installExitFlush, installExitWarning } from './exit-flush';
import { TracerCore } from './TracerCore';
import { registerTracer, unregisterTracer } from './TracerRegistry';

let coreOf: (tracer: HoneyHiveTracer) => TracerCore;
/** Each live core's facade (what `getTracer` and the middleware hand to users). */
const facades = new WeakMap<TracerCore, HoneyHiveTracer>();

/**
 * A HoneyHive tracer: its own OpenTelemetry provider, span processor and exporter, its session,
 * and the operations of the seed API. Several live side by side; the first becomes the default.
 * Its public members are exactly those shared/design/API.md names; everything else lives in a
 * private core that only hivetrace's own modules reach.
 *
 * @example
 * const tracer = HoneyHiveTracer.init({ apiKey: process.env.HH_API_KEY, project: 'support-bot' });
 * const answer = tracer.trace('answer', { eventType: 'chain' }, () => respond(question));
 * await tracer.flush();
 */
export class HoneyHiveTracer {
  readonly #core: TracerCore;

  static {
    coreOf = (tracer) => tracer.#core;
  }

  /** Same as `new HoneyHiveTracer(options)`: synchronous; the session start goes out in the background. */
  static init(options: TracerOptions = {}): HoneyHiveTracer {
    return new HoneyHiveTracer(options);
  }

  /**
   * @param options - explicit options beat `config` / `sessionConfig` / `evaluationConfig`, which
   *   beat `HH_*` environment, which beats defaults.
   * @throws ConfigurationError naming every invalid field.
   */
  constructor(options: TracerOptions = {}) {
    // the facade composes: the core does the work, the registry knows it, the exit flush serves it
    const core = new TracerCore(options, () => unregisterTracer(core));
    this.#core = core;
    facades.set(core, this);
    registerTracer(core);
    if (core.settings.flushOnExit) installExitFlush();
    installExitWarning();
  }

  /** The OpenTelemetry provider, for instrumentors (`instrumentation.setTracerProvider(tracer.provider)`). */
  get provider(): NodeTracerProvider {
    return this.#core.provider;
  }
  /** Project name. */
  get project(): string {
    return this.#core.project;
  }
  /** Source (environment). */
  get source(): string {
    return this.#core.source;
  }
  /** The tracer's own session id (a UUID). */
  get sessionId(): string {
    return this.#core.sessionId;
  }
  /** The tracer's session name. */
  get sessionName(): string {
    return this.#core.sessionName;
  }
  /** Whether nothing goes over the network. */
  get testMode(): boolean {
    return this.#core.testMode;
  }

  /**
   * Runs `fn` in a new span and returns exactly what it returns (sync stays sync; a promise is
   * the same promise; errors are recorded and rethrown unchanged).
   */
  trace<T>(name: string, fn: (span: Span) => T): T;
  trace<T>(name: string, options: TraceOptions, fn: (span: Span) => T): T;
  trace<T>(name: string, optionsOrFn: TraceOptions | ((span: Span) => T), maybeFn?: (span: Span) => T): T {
    return this.#core.trace(name, optionsOrFn as TraceOptions, maybeFn as (span: Span) => T);
  }

  /** Starts a span you end yourself (`span.end()`); it is not made active. */
  startSpan(name: string, options?: SpanOptions & { eventType?: EventType }): Span {
    return this.#core.startSpan(name, options);
  }

  /** Adds namespaces / metadata / error / eventName to the active span. False outside a span. */
  enrichSpan(enrichment: SpanEnrichment): boolean {
    return this.#core.enrichSpan(enrichment);
  }

  /** Same as `enrichSpan`: keys outside the namespaces land in metadata. */
  enrichCurrentSpan(attributes: SpanEnrichment): boolean {
    return this.#core.enrichCurrentSpan(attributes);
  }

  /**
   * Enriches a session (the active one, or `sessionId`): deep-merged and sent with
   * `PUT /events` in the background. Returns at once; `flush()` waits for it.
   */
  enrichSession(enrichment?: SessionFields): void;
  enrichSession(sessionId: string, enrichment?: SessionFields): void;
  enrichSession(a?: string | SessionFields, b?: SessionFields): void {
    this.#core.enrichSession(a as string, b);
  }

  /** Starts a new session (in the background) and returns its id. Use `withSession` to run code in it. */
  startSession(options?: SessionOptions): string {
    return this.#core.startSession(options);
  }

  /**
   * Runs `fn` in a session: a new one, or `options.sessionId` (joined without a start request).
   * Every span inside, across awaits, belongs to it. Returns fn's value unchanged.
   */
  withSession<T>(options: SessionOptions, fn: (sessionId: string) => T): T {
    return this.#core.withSession(options, fn);
  }

  /** Records a completed event and returns its id (`honeyhive_event_id`). */
  createEvent(event: EventOptions): string {
    return this.#core.createEvent(event);
  }

  /** Writes the active trace context and session baggage into `carrier` (headers). */
  inject<C extends Carrier = Record<string, string>>(carrier?: C, setter?: TextMapSetter<C>): C {
    return this.#core.inject(carrier, setter);
  }

  /** Continues the carrier's trace: spans started by this tracer with no parent become its children until `unlink`. */
  link(carrier: Carrier, getter?: TextMapGetter<Carrier>): LinkToken {
    return this.#core.link(carrier, getter);
  }

  /** Ends a `link`. */
  unlink(token: LinkToken): void {
    this.#core.unlink(token);
  }

  /**
   * Delivers everything pending: spans, session starts and enrichments. Resolves true only when
   * every span ended since the previous flush was delivered (a span dropped by a full queue
   * counts as lost) and nothing else failed; false on a loss or once `timeoutMs` passed.
   */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.#core.flush(timeoutMs);
  }

  /**
   * Delivery counters since the tracer was created: spans started, exported, dropped (queue
   * full), failed (export error), still queued; session starts and updates pending and failed.
   */
  stats(): TracerStats {
    return this.#core.stats();
  }

  /**
   * Flushes (bounded by `timeoutMs`, default 10 s), then stops for good: what was not delivered by
   * then is given up and counted as failed in `stats()`, nothing is sent or logged afterwards, and
   * `flush()` answers false. Resolves within `timeoutMs` and a few ms. Idempotent.
   */
  close(timeoutMs?: number): Promise<void> {
    return this.#core.close(timeoutMs);
  }

  /** `await using tracer = HoneyHiveTracer.init(...)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.#core.close();
  }
}

/**
 * The core of a tracer: settings, capturer, REST client, span starting, ownership. For
 * hivetrace's own modules and the test kit; not exported from the package.
 */
export function internalsOf(tracer: HoneyHiveTracer): TracerCore {
  return coreOf(tracer);
}

/** The public tracer a core belongs to. */
export function facadeOf(core: TracerCore): HoneyHiveTracer | undefined {
  return facades.get(core);
}
