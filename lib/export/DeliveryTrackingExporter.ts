import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { logger } from '../internal/logger';
import { PendingWork } from '../internal/PendingWork';

/**
 * Wraps the real exporter to know whether what was handed to it was delivered: counts spans
 * that failed since the last check and tracks exports still in flight, so `flush()` can say
 * true only when everything was delivered.
 */
export class DeliveryTrackingExporter implements SpanExporter {
  private readonly pending = new PendingWork();

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const settle = this.pending.begin();
    const finish = (result: ExportResult): void => {
      if (result.code !== ExportResultCode.SUCCESS) {
        this.pending.fail(spans.length);
        logger.error(`export of ${spans.length} span(s) failed`, result.error);
      }
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
  idle(): Promise<void> {
    return this.pending.idle();
  }

  /** Spans lost since the previous call; resets the count. */
  takeFailures(): number {
    return this.pending.takeFailures();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
