import { resourceFromAttributes } from '@opentelemetry/resources';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  BasicTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { nodePackage } from '../internal/node-builtin';
import { spanLimitsFor } from '../capture/span-limits';
import type { ResolvedConfig } from '../config/resolve-config';
import { createSpanExporter } from '../export/create-span-exporter';
import { DEFAULT_DELIVERY, DeliveryProcessor } from '../export/DeliveryProcessor';
import { MemorySpanExporter } from '../export/MemorySpanExporter';

/** One tracer's own OpenTelemetry pipeline. */
export interface TracerPipeline {
  readonly provider: NodeTracerProvider;
  readonly delivery: DeliveryProcessor;
  /** Test mode's in-memory exporter. */
  readonly memory: MemorySpanExporter | undefined;
}

/** What the pipeline is built from besides the resolved settings. */
export interface PipelineParts {
  /** Stamps every span at start; runs first. */
  readonly stamping: SpanProcessor;
  /** Replaces the OTLP exporter. */
  readonly exporter?: SpanExporter;
  /** The user's processors, after ours. */
  readonly extra?: readonly SpanProcessor[];
}

/**
 * The provider class: OpenTelemetry's `NodeTracerProvider` where it loads (Node, Bun, Deno), else
 * the `BasicTracerProvider` it extends (an edge bundle: the same provider without `register()`).
 */
const Provider: typeof NodeTracerProvider =
  nodePackage<{ NodeTracerProvider: typeof NodeTracerProvider }>('@opentelemetry/sdk-trace-node')
    ?.NodeTracerProvider ?? (BasicTracerProvider as unknown as typeof NodeTracerProvider);

/**
 * Builds a tracer's provider: `stamping` first (so every span, instrumentors' included, is
 * stamped at start), then hivetrace's delivery processor (a bounded, counted queue; immediate in
 * test mode or with `disableBatch`), then the user's processors; span limits sized to the capture
 * limits; a ratio sampler when `sampleRate < 1`.
 */
export function createPipeline(s: ResolvedConfig, parts: PipelineParts): TracerPipeline {
  const exporter = parts.exporter ?? createSpanExporter(s);
  const delivery = new DeliveryProcessor(exporter, {
    ...DEFAULT_DELIVERY,
    maxQueueSize: s.maxQueueSize,
    exportTimeoutMs: s.exportTimeoutMs,
    immediate: s.disableBatch || s.testMode,
    target: parts.exporter || s.testMode ? undefined : s.otlpEndpoint,
  });
  const provider = new Provider({
    resource: resourceFromAttributes({ 'service.name': s.project, 'hivetrace.source': s.source }),
    sampler:
      s.sampleRate < 1
        ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(s.sampleRate) })
        : undefined,
    spanLimits: spanLimitsFor(s.limits),
    spanProcessors: [parts.stamping, delivery, ...(parts.extra ?? [])],
  });
  return { provider, delivery, memory: exporter instanceof MemorySpanExporter ? exporter : undefined };
}
