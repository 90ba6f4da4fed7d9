import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Keeps finished spans in memory for test mode. Unlike OTel's, spans survive `shutdown()`. */
export class MemorySpanExporter implements SpanExporter {
  private readonly finished: ReadableSpan[] = [];

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.finished.push(...spans);
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Spans finished so far, oldest first. */
  getFinishedSpans(): ReadableSpan[] {
    return [...this.finished];
  }

  /** Forgets every span. */
  reset(): void {
    this.finished.length = 0;
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
