import type { Context } from '@opentelemetry/api';
import { context, TraceFlags } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { logger } from '../internal/logger';
import { unrefTimer } from '../internal/unref-timer';
import { capturedChars } from '../internal/captured-size';
import { DeliveryCounters } from './DeliveryCounters';

/** How a tracer's export queue behaves. */
export interface DeliveryOptions {
  /** Spans held at most while waiting for export; past it new spans are dropped and counted. */
  readonly maxQueueSize: number;
  /** Spans per export request. */
  readonly maxBatchSize: number;
  /**
   * Captured characters per export request: a batch of large spans is sent sooner, so large
   * payloads neither pile up in memory nor outlive the young generation. Default 1 Mi.
   */
  readonly maxBatchChars?: number;
  /** How long a partial batch waits before it is sent, in ms. */
  readonly scheduledDelayMs: number;
  /** Export requests in flight at once. */
  readonly maxConcurrentExports: number;
  /** An export that has not answered after this many ms counts as failed. */
  readonly exportTimeoutMs: number;
  /** Export each span at once (no batching delay), as `disableBatch` asks. */
  readonly immediate: boolean;
  /** Where spans go, for messages (the OTLP URL). */
  readonly target?: string;
}

/** Defaults sized so a tight loop of tens of thousands of calls loses nothing (see docs/performance.md). */
export const DEFAULT_DELIVERY: Omit<DeliveryOptions, 'exportTimeoutMs' | 'immediate'> = Object.freeze({
  maxQueueSize: 32_768,
  maxBatchSize: 1024,
  maxBatchChars: 1 << 20,
  scheduledDelayMs: 500,
  maxConcurrentExports: 2,
});

/** True when the backend refused the request for its size (HTTP 413). */
function tooLarge(result: ExportResult): boolean {
  return (result.error as { code?: unknown } | undefined)?.code === 413;
}

/** Drop warnings are logged at most once per this many ms. */
const WARN_INTERVAL_MS = 10_000;

/**
 * hivetrace's export processor: a bounded queue of ended spans, cut into batches that go to the
 * exporter with a few requests in flight, and counters of everything that happened to each span
 * (started, exported, dropped by a full queue, failed in export). Unlike OpenTelemetry's
 * `BatchSpanProcessor` it never drops in silence: every loss is counted, warned about (once per
 * interval) and reported by the tracer's next `flush()`.
 */
export class DeliveryProcessor implements SpanProcessor {
  /** What happened to this tracer's spans; read by `tracer.stats()` and `flush()`. */
  readonly counters = new DeliveryCounters();
  private current: ReadableSpan[] = [];
  /** Characters captured onto the spans of `current`. */
  private currentChars = 0;
  private readonly sealed: ReadableSpan[][] = [];
  /** Spans ended and not yet settled (queued or in flight). */
  private held = 0;
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiters: (() => void)[] = [];
  private lastWarn = -Infinity;
  private droppedSinceWarn = 0;
  private stopped = false;
  /** Each export in flight, by the function that gives up on it (counted as failed, not logged). */
  private readonly flying = new Set<() => void>();

  constructor(
    private readonly exporter: SpanExporter,
    private readonly options: DeliveryOptions,
  ) {}

  onStart(_span: Span, _parentContext: Context): void {
    this.counters.started++;
  }

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.stopped) {
      // a span that outlived its tracer (a stream consumed after close): counted, not sent
      this.counters.dropped++;
      logger.debug(`span ${span.name} ended after its tracer was closed; not exported`);
      return;
    }
    if (this.held >= this.options.maxQueueSize) {
      this.drop(1);
      return;
    }
    this.held++;
    const batch = this.current;
    batch.push(span);
    this.currentChars += capturedChars(span);
    if (
      batch.length >= this.options.maxBatchSize ||
      this.currentChars >= (this.options.maxBatchChars ?? Infinity) ||
      this.options.immediate
    ) {
      this.seal();
      this.pump();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.seal();
        this.pump();
      }, this.options.scheduledDelayMs);
      unrefTimer(this.timer);
    }
  }

  /** Spans ended and not yet delivered or lost. */
  get pending(): number {
    return this.held;
  }

  /** Sends everything queued and resolves once every export started so far has settled. */
  forceFlush(): Promise<void> {
    this.seal();
    this.pump();
    if (this.held === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Gives up on what has not been delivered yet (the process is exiting and the bounded flush did
   * not get it out): queued spans are not sent and exports in flight are no longer waited for,
   * all counted as failed (a late answer changes nothing), so a dead backend cannot keep the
   * process alive batch after batch and `stats()` says what was lost. The processor still
   * accepts new spans. Returns the number given up on.
   */
  abandonQueued(): number {
    const before = this.counters.failed;
    this.giveUp();
    const n = this.counters.failed - before;
    this.pump();
    return n;
  }

  /**
   * Stops for good, at once: what is queued and what is in flight counts as failed (an answer
   * that comes later changes nothing and logs nothing), new spans count as dropped, and waiting
   * flushes are released. The exporter is shut down in the background (it may wait for its own
   * requests). Returns the number of spans given up on.
   */
  stop(): number {
    if (this.stopped) return 0;
    this.stopped = true;
    const before = this.counters.failed;
    this.giveUp();
    this.pump();
    void Promise.resolve()
      .then(() => this.exporter.shutdown())
      .catch((err: unknown) => logger.debug(`exporter shutdown failed: ${String(err)}`));
    return this.counters.failed - before;
  }

  /** Counts what is queued and what is in flight as failed; later answers are ignored. */
  private giveUp(): void {
    this.seal();
    for (const batch of this.sealed.splice(0)) {
      this.held -= batch.length;
      this.counters.failed += batch.length;
    }
    for (const abandon of [...this.flying]) abandon();
  }

  /** Flushes, then stops (the provider's shutdown; `close()` bounds it and stops first). */
  async shutdown(): Promise<void> {
    if (!this.stopped) await this.forceFlush();
    this.stop();
  }

  private drop(n: number): void {
    this.counters.dropped += n;
    this.droppedSinceWarn += n;
    const now = performance.now();
    if (now - this.lastWarn >= WARN_INTERVAL_MS) {
      this.lastWarn = now;
      logger.warn(
        `the export queue is full (maxQueueSize ${this.options.maxQueueSize}): new spans are being dropped ` +
          `(${this.counters.dropped} so far, ${this.droppedSinceWarn} since the last warning; tracer.stats() counts them). ` +
          'The backend is slower than the app or unreachable; raise maxQueueSize (HH_MAX_QUEUE_SIZE) to buffer more.',
      );
      this.droppedSinceWarn = 0;
    }
  }

  private seal(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.current.length === 0) return;
    this.sealed.push(this.current);
    this.current = [];
    this.currentChars = 0;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxConcurrentExports && this.sealed.length > 0) {
      this.send(this.sealed.shift()!);
    }
    if (this.held === 0 && this.waiters.length > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  private send(batch: ReadableSpan[]): void {
    this.inFlight++;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      this.flying.delete(abandon);
      clearTimeout(guard);
      this.inFlight--;
      this.held -= batch.length;
      return true;
    };
    // given up on (close, or exit): failed, whatever answer comes later
    const abandon = (): void => {
      if (settle()) this.counters.failed += batch.length;
    };
    const done = (result: ExportResult): void => {
      if (!settle()) return;
      if (result.code === ExportResultCode.SUCCESS) {
        this.counters.exported += batch.length;
        logger.debug(
          `exported ${batch.length} span(s)${this.options.target ? ` to ${this.options.target}` : ''}`,
        );
      } else if (tooLarge(result) && batch.length > 1) {
        // One oversized span must not take its batch down: halve until the rest goes through.
        const half = batch.length >> 1;
        this.held += batch.length;
        this.sealed.unshift(batch.slice(0, half), batch.slice(half));
      } else {
        this.counters.failed += batch.length;
        const to = this.options.target ? ` to ${this.options.target}` : '';
        logger.error(`export of ${batch.length} span(s)${to} failed`, result.error);
      }
      this.pump();
    };
    this.flying.add(abandon);
    // declared after the callbacks that clear it: each runs only once the export is under way
    const guard = setTimeout(
      () => done({ code: ExportResultCode.FAILED, error: new Error('export timed out') }),
      this.options.exportTimeoutMs + 1000,
    );
    unrefTimer(guard);
    try {
      // the export's own HTTP request is never traced (HTTP tracing would record it as a span)
      context.with(suppressTracing(context.active()), () => this.exporter.export(batch, done));
    } catch (err) {
      done({ code: ExportResultCode.FAILED, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }
}
