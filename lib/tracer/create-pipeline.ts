import { resourceFromAttributes } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { ResolvedConfig } from '../config/resolve-config';
import { createSpanExporter } from '../export/create-span-exporter';
import { DeliveryTrackingExporter } from '../export/DeliveryTrackingExporter';
import { MemorySpanExporter } from '../export/MemorySpanExporter';

/** One tracer's own OpenTelemetry pipeline. */
export interface TracerPipeline {
  readonly provider: NodeTracerProvider;
  readonly exporter: DeliveryTrackingExporter;
  /** Test mode's in-memory exporter. */
  readonly memory: MemorySpanExporter | undefined;
}

/**
 * Builds a tracer's provider: `stamping` first (so every span, instrumentors' included, is
 * stamped at start), then the export processor (simple in test mode or with `disableBatch`,
 * batched otherwise) over a delivery-tracking exporter; a ratio sampler when `sampleRate < 1`.
 */
export function createPipeline(s: ResolvedConfig, stamping: SpanProcessor): TracerPipeline {
  const inner = createSpanExporter(s);
  const exporter = new DeliveryTrackingExporter(inner);
  const exportProcessor: SpanProcessor =
    s.disableBatch || s.testMode
      ? new SimpleSpanProcessor(exporter)
      : new BatchSpanProcessor(exporter, {
          scheduledDelayMillis: 1000,
          exportTimeoutMillis: s.exportTimeoutMs,
        });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': s.project, 'hivetrace.source': s.source }),
    sampler:
      s.sampleRate < 1
        ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(s.sampleRate) })
        : undefined,
    spanProcessors: [stamping, exportProcessor],
  });
  return { provider, exporter, memory: inner instanceof MemorySpanExporter ? inner : undefined };
}
