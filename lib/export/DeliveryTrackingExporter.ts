import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { logger } from '../internal/logger';

/**
 * Wraps the real exporter to know whether what was handed to it was delivered: counts spans
 * that failed since the last check and tracks exports still in flight, so `flush()` can say
 * true only when everything was delivered.
 */
export class DeliveryTrackingExporter implements SpanExporter {
  private failed = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let settle!: () => void;
    const done = new Promise<void>((r) => (settle = r));
    this.inFlight.add(done);
    const finish = (result: ExportResult): void => {
      if (result.code !== ExportResultCode.SUCCESS) {
        this.failed += spans.length;
        logger.error(`export of ${spans.length} span(s) failed`, result.error);
      }
      this.inFlight.delete(done);
      settle();
      try {
        resultCallback(result);
      } catch {
        // the processor's callback is not ours to break
      }
    };
    try {
      this.inner.export(spans, finish);
    } catch (err) {
      finish({ code: ExportResultCode.FAILED, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }

  /** Resolves once every export started so far has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Spans lost since the previous call; resets the count. */
  takeFailures(): number {
    const n = this.failed;
    this.failed = 0;
    return n;
  }

  /** Counts spans the processor dropped before export (queue full). */
  recordDropped(n: number): void {
    this.failed += n;
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
