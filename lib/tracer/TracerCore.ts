import type {
  Attributes,
  Context,
  Span,
  SpanOptions,
  TextMapGetter,
  TextMapSetter,
} from '@opentelemetry/api';
import { context, INVALID_SPAN_CONTEXT, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { randomUUID } from '../internal/util-types';
import { Capturer } from '../capture/Capturer';
import { truncateString } from '../capture/sanitize';
import type { ResolvedConfig } from '../config/resolve-config';
import { resolveConfig } from '../config/resolve-config';
import type { TracerOptions } from '../config/TracerOptions';
import { applyEnrichment } from '../enrichment/apply-enrichment';
import type { SpanEnrichment } from '../enrichment/normalize-enrichment';
import { normalizeEnrichment } from '../enrichment/normalize-enrichment';
import { SessionEnrichmentQueue } from '../enrichment/SessionEnrichmentQueue';
import type { SessionFields } from '../enrichment/session-types';
import type { TracerStats } from '../export/DeliveryCounters';
import type { DeliveryProcessor } from '../export/DeliveryProcessor';
import { HoneyHiveClient } from '../export/HoneyHiveClient';
import type { MemorySpanExporter } from '../export/MemorySpanExporter';
import { installContextManager } from '../internal/context-manager';
import { logger } from '../internal/logger';
import { enableHttpTracing } from './http-tracing';
import { raceTimeout } from '../internal/race-timeout';
import type { Carrier } from '../context/carrier';
import { carrierGetter, carrierSetter } from '../context/carrier';
import { propagator } from '../context/propagator';
import { VERSION } from '../version';
import type { ExperimentTags } from '../config/TracerConfig';
import type { EventType } from '../semconv/honeyhive';
import { ATTR, eventAttributes } from '../semconv/honeyhive';
import { createPipeline } from './create-pipeline';
import type { EventOptions, LinkToken, TraceOptions } from './tracer-types';
import { HoneyHiveSpanProcessor } from './HoneyHiveSpanProcessor';
import { parentFor } from './parent-rule';
import type { SessionOptions } from './session-scope';
import { sessionContext, sessionStartBody } from './session-scope';
import type { SpanHost } from './with-span';
import { invokeInSpan } from './with-span';

/**
 * Everything a `HoneyHiveTracer` is and does: its own OpenTelemetry provider, span processor and
 * exporter, its session, and the operations of the seed API. Internal: users hold the
 * `HoneyHiveTracer` facade, whose public members are the ones API.md names; hivetrace's own
 * modules reach this through `internalsOf(tracer)`.
 */
export class TracerCore implements SpanHost {
  /** The OpenTelemetry provider, for instrumentors (`instrumentation.setTracerProvider(tracer.provider)`). */
  readonly provider: NodeTracerProvider;
  /** Settings after precedence and defaults. The API key is not logged anywhere. */
  readonly settings: ResolvedConfig;
  /** Capture limits and redaction of this tracer. */
  readonly capturer: Capturer;
  private readonly processor: HoneyHiveSpanProcessor;
  private readonly delivery: DeliveryProcessor;
  /** Test mode's in-memory exporter (read by `hivetrace/testing`). */
  readonly memory: MemorySpanExporter | undefined;
  private readonly otel: ReturnType<NodeTracerProvider['getTracer']>;
  /** The REST client (session start, enrichment, runs). */
  readonly client: HoneyHiveClient;
  private readonly sessionQueue: SessionEnrichmentQueue;
  private readonly sessionStarts = new Map<string, Promise<unknown>>();
  private readonly links: LinkToken[] = [];
  private readonly releaseVerbose: (() => void) | undefined;
  /** Turns this tracer's HTTP tracing off again (`disableHttpTracing: false`). */
  private releaseHttpTracing: (() => void) | undefined;
  private readonly defaultSessionId: string;
  private closing: Promise<void> | undefined;
  private readonly ownsFn = (span: object): boolean => this.processor.owns(span);

  /**
   * @param options - explicit options beat `config` / `sessionConfig` / `evaluationConfig`, which
   *   beat `HH_*` environment, which beats defaults.
   * @param onClose - called once when `close()` starts
   * @throws ConfigurationError naming every invalid field.
   */
  constructor(
    options: TracerOptions,
    /** Called once when `close()` starts (the facade takes the tracer out of the registry). */
    private readonly onClose: () => void = () => undefined,
  ) {
    this.settings = resolveConfig(options);
    const s = this.settings;
    this.releaseVerbose = s.verbose ? logger.retainVerbose() : undefined;
    this.defaultSessionId = s.sessionId ?? randomUUID();
    this.capturer = new Capturer(s.limits, s.redaction, s.invokeGetters);
    installContextManager();

    this.processor = new HoneyHiveSpanProcessor(this);
    ({
      provider: this.provider,
      delivery: this.delivery,
      memory: this.memory,
    } = createPipeline(s, {
      stamping: this.processor,
      exporter: options.exporter,
      extra: options.spanProcessors,
    }));
    this.otel = this.provider.getTracer('hivetrace', VERSION);
    this.client = new HoneyHiveClient({
      serverUrl: s.serverUrl,
      apiKey: s.apiKey,
      source: s.source,
      timeoutMs: s.apiTimeoutMs,
      testMode: s.testMode,
    });
    this.sessionQueue = new SessionEnrichmentQueue(
      this.client,
      this.capturer,
      (id) => this.sessionStarts.get(id),
      () => this.closed,
    );
    if (s.linkCarrier) this.link(s.linkCarrier);
    if (!s.skipSessionStart)
      this.sendSessionStart(this.defaultSessionId, {
        sessionName: s.sessionName,
        inputs: s.inputs,
        metadata: s.metadata,
        userProperties: s.userProperties,
      });
    if (!s.disableHttpTracing) this.releaseHttpTracing = enableHttpTracing(this);
    logger.debug(
      `tracer ready: project=${s.project} source=${s.source} session=${this.defaultSessionId} test=${s.testMode}`,
    );
  }

  /** Project name. */
  get project(): string {
    return this.settings.project;
  }
  /** Source (environment). */
  get source(): string {
    return this.settings.source;
  }
  /** The tracer's own session id (a UUID). */
  get sessionId(): string {
    return this.defaultSessionId;
  }
  /** The tracer's session name. */
  get sessionName(): string {
    return this.settings.sessionName;
  }
  /** Whether nothing goes over the network. */
  get testMode(): boolean {
    return this.settings.testMode;
  }
  /** How long a returned stream may stay unconsumed before its span ends as abandoned. */
  get streamTimeoutMs(): number {
    return this.settings.streamTimeoutMs;
  }
  /** Evaluation ids stamped on every span, when this is an evaluation tracer. */
  get evaluation(): Readonly<Record<string, string>> | undefined {
    const s = this.settings;
    if (!s.isEvaluation) return undefined;
    const ids: Record<string, string> = {};
    if (s.runId) ids.run_id = s.runId;
    if (s.datasetId) ids.dataset_id = s.datasetId;
    if (s.datapointId) ids.datapoint_id = s.datapointId;
    return ids;
  }
  /** The online experiment every span and session is tagged with (`experiment`, `HH_EXPERIMENT_*`). */
  get experiment(): Readonly<ExperimentTags> | undefined {
    return this.settings.experiment;
  }
  /** Whether an incoming baggage key is copied onto spans (see `baggageAttributes`). */
  get baggageAllowed(): (key: string) => boolean {
    return this.settings.baggageAllowed;
  }
  /** True once `close()` was called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** True when `span` was started through this tracer's provider. */
  ownsSpan(span: Span): boolean {
    return this.processor.owns(span);
  }

  /** The session that spans started in `ctx` (default: the active context) belong to. */
  currentSessionId(ctx: Context = context.active()): string {
    return this.processor.sessionIdIn(ctx);
  }

  /**
   * Starts a span under `parent`. A local span of another tracer is never adopted as parent:
   * the new span starts a new trace with a link to it. While `link()`ed, spans with no parent
   * of their own continue the carrier's trace.
   */
  startSpanIn(
    name: string,
    attributes: Attributes | undefined,
    parent: Context,
    extra?: Pick<SpanOptions, 'kind' | 'startTime'>,
  ): Span {
    const { context: ctx, links } = parentFor(parent, this.ownsFn, this.links.at(-1)?.context);
    const bounded = truncateString(name, this.capturer.limits.maxStringLength);
    const options: SpanOptions = { kind: extra?.kind, startTime: extra?.startTime, links };
    const span = this.otel.startSpan(bounded, options, ctx);
    // set here rather than as start attributes, which the SDK copies and validates twice over
    if (attributes) for (const key in attributes) span.setAttribute(key, attributes[key]!);
    return span;
  }

  /**
   * Runs `fn` in a new span and returns exactly what it returns (sync stays sync; a promise is
   * the same promise; errors are recorded and rethrown unchanged).
   */
  trace<T>(name: string, fn: (span: Span) => T): T;
  trace<T>(name: string, options: TraceOptions, fn: (span: Span) => T): T;
  trace<T>(name: string, optionsOrFn: TraceOptions | ((span: Span) => T), maybeFn?: (span: Span) => T): T {
    const fn = (typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn) as (span: Span) => T;
    const options = typeof optionsOrFn === 'function' ? {} : (optionsOrFn ?? {});
    if (this.closed) return fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
    const { eventType, ...rest } = options;
    const enrichment = normalizeEnrichment(rest);
    return invokeInSpan(
      this,
      {
        name,
        attributes: eventAttributes(eventType ?? 'tool', name),
        onStart: (span) => applyEnrichment(span, this.capturer, enrichment),
      },
      () => fn(trace.getActiveSpan() as Span),
      undefined,
      [],
    );
  }

  /** Starts a span you end yourself (`span.end()`); it is not made active. */
  startSpan(name: string, options: SpanOptions & { eventType?: EventType } = {}): Span {
    try {
      const { eventType, ...rest } = options;
      const attributes = { ...rest.attributes, ...eventAttributes(eventType ?? 'tool', name) };
      return this.startSpanIn(name, attributes, context.active(), rest);
    } catch (err) {
      logger.error(`startSpan ${name} failed`, err);
      return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    }
  }

  /** Adds namespaces / metadata / error / eventName to the active span. False outside a span. */
  enrichSpan(enrichment: SpanEnrichment): boolean {
    const span = trace.getActiveSpan();
    if (!span || !span.isRecording()) return false;
    try {
      applyEnrichment(span, this.capturer, normalizeEnrichment(enrichment));
      return true;
    } catch (err) {
      logger.error('enrichSpan failed', err);
      return false;
    }
  }

  /** Same as `enrichSpan`: keys outside the namespaces land in metadata. */
  enrichCurrentSpan(attributes: SpanEnrichment): boolean {
    return this.enrichSpan(attributes);
  }

  /**
   * Enriches a session (the active one, or `sessionId`): deep-merged and sent with
   * `PUT /events` in the background. Returns at once; `flush()` waits for it.
   */
  enrichSession(enrichment?: SessionFields): void;
  enrichSession(sessionId: string, enrichment?: SessionFields): void;
  enrichSession(a?: string | SessionFields, b?: SessionFields): void {
    try {
      const enrichment = (typeof a === 'string' ? b : a) ?? {};
      const sessionId =
        (typeof a === 'string' ? a : undefined) ?? enrichment.sessionId ?? this.currentSessionId();
      const { namespaces } = normalizeEnrichment(enrichment, [
        'sessionId',
        'session_id',
        'tracer',
        'tracerInstance',
        'tracer_instance',
      ]);
      this.sessionQueue.add(sessionId, namespaces);
    } catch (err) {
      logger.error('enrichSession failed', err);
    }
  }

  /** Starts a new session (in the background) and returns its id. Use `withSession` to run code in it. */
  startSession(options: SessionOptions = {}): string {
    const id = options.sessionId ?? randomUUID();
    this.sendSessionStart(id, options);
    return id;
  }

  /**
   * Runs `fn` in a session: a new one, or `options.sessionId` (joined without a start request).
   * Every span inside, across awaits, belongs to it. Returns fn's value unchanged.
   */
  withSession<T>(options: SessionOptions, fn: (sessionId: string) => T): T {
    let ctx: Context;
    let id: string;
    try {
      id = options.sessionId ?? this.startSession(options);
      ctx = sessionContext(this, context.active(), id);
    } catch (err) {
      logger.error('withSession failed; running without a session', err);
      return fn(this.sessionId);
    }
    return context.with(ctx, fn, undefined, id);
  }

  /** Records a completed event and returns its id (`honeyhive_event_id`). */
  createEvent(event: EventOptions): string {
    const id = randomUUID();
    try {
      const { eventName, eventType, startTime, durationMs, ...rest } = event;
      const start = startTime ?? Date.now();
      const startMs = start instanceof Date ? start.getTime() : start;
      const attributes = { [ATTR.eventId]: id, ...eventAttributes(eventType ?? 'tool', eventName) };
      const span = this.startSpanIn(eventName, attributes, context.active(), { startTime: startMs });
      applyEnrichment(span, this.capturer, normalizeEnrichment(rest));
      span.end(startMs + (durationMs ?? 0));
    } catch (err) {
      logger.error('createEvent failed', err);
    }
    return id;
  }

  /** Writes the active trace context and session baggage into `carrier` (headers). */
  inject<C extends Carrier = Record<string, string>>(carrier?: C, setter?: TextMapSetter<C>): C {
    const target = (carrier ?? {}) as C;
    try {
      const ctx = sessionContext(this, context.active(), this.currentSessionId());
      propagator.inject(ctx, target, setter ?? carrierSetter);
    } catch (err) {
      logger.error('inject failed', err);
    }
    return target;
  }

  /** Continues the carrier's trace: spans started by this tracer with no parent become its children until `unlink`. */
  link(carrier: Carrier, getter?: TextMapGetter<Carrier>): LinkToken {
    let linked = ROOT_CONTEXT;
    try {
      linked = propagator.extract(ROOT_CONTEXT, carrier ?? {}, getter ?? carrierGetter);
    } catch (err) {
      logger.error('link: the carrier could not be read; nothing linked', err);
    }
    const token: LinkToken = { context: linked };
    this.links.push(token);
    return token;
  }

  /** Ends a `link`. */
  unlink(token: LinkToken): void {
    const i = this.links.lastIndexOf(token);
    if (i >= 0) this.links.splice(i, 1);
  }

  /**
   * Delivers everything pending: spans, session starts and enrichments. Resolves true only when
   * all of it was delivered and nothing failed since the previous flush; false on failure or
   * once `timeoutMs` passed (it never waits longer).
   */
  flush(timeoutMs = 10_000): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return this.deliverPending(timeoutMs);
  }

  private deliverPending(timeoutMs: number): Promise<boolean> {
    const work = (async () => {
      this.sessionQueue.sendPending();
      await this.provider.forceFlush();
      await this.client.drain();
      // an update that arrived while its session's previous one was under way goes out now
      while (this.sessionQueue.hasPending()) {
        this.sessionQueue.sendPending();
        await this.client.drain();
      }
      const lost = this.delivery.counters.takeLost() + this.client.takeFailures();
      return lost === 0;
    })();
    // kept alive: whoever awaits flush() gets an answer before the process may exit
    return raceTimeout(work, timeoutMs, false, true);
  }

  /**
   * Gives up on spans queued or in flight (at exit, after the bounded flush): counted as failed.
   * Returns how many.
   */
  abandonQueued(): number {
    return this.delivery.abandonQueued();
  }

  /**
   * Delivery counters since the tracer was created: spans started, exported, dropped (queue
   * full), failed (export error), still queued; session starts and updates pending and failed.
   *
   * @example
   * const { dropped, failed } = tracer.stats();
   */
  stats(): TracerStats {
    const c = this.delivery.counters;
    return Object.freeze({
      started: c.started,
      exported: c.exported,
      dropped: c.dropped,
      failed: c.failed,
      queued: this.delivery.pending,
      sessionUpdatesPending: this.client.pendingCount + this.sessionQueue.waiting,
      sessionUpdatesFailed: this.client.failedCount,
    });
  }

  /**
   * Flushes (bounded by `timeoutMs`), then stops for good: whatever was not delivered by then
   * (spans queued or in flight, session starts and updates) is given up, counted in `stats()` as
   * failed, and said once; no export or retry goes on afterwards and `flush()` answers false.
   * Resolves within `timeoutMs` (plus a few ms). Idempotent.
   */
  close(timeoutMs = 10_000): Promise<void> {
    this.closing ??= this.shutDown(timeoutMs).catch((err: unknown) => logger.error('close failed', err));
    return this.closing;
  }

  private async shutDown(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + Math.max(0, timeoutMs);
    try {
      this.onClose();
      this.releaseHttpTracing?.();
      await this.deliverPending(timeoutMs);
      const spans = this.delivery.stop();
      const updates = this.sessionQueue.abandon();
      this.client.abort(updates);
      // every request ends at once on abort; the bound is for a processor of the user's
      const left = (): number => Math.max(0, deadline - performance.now());
      await raceTimeout(this.client.drain(), Math.max(left(), 100), undefined);
      await raceTimeout(this.provider.shutdown(), left(), undefined);
      if (spans > 0 || updates > 0)
        logger.warn(
          `closed with ${spans} span(s) and ${updates} session update(s) not delivered within ${timeoutMs} ms ` +
            '(counted as failed in tracer.stats())',
        );
    } finally {
      this.releaseVerbose?.();
    }
  }

  private sendSessionStart(sessionId: string, options: SessionOptions): void {
    const started = this.client.deliver(
      'POST',
      '/session/start',
      sessionStartBody(this, sessionId, options),
      {
        stop: () => this.closed,
      },
    );
    this.sessionStarts.set(sessionId, started);
    void started.finally(() => this.sessionStarts.delete(sessionId));
  }
}
