import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MemorySpanExporter } from './MemorySpanExporter';
import type { ResolvedConfig } from '../config/resolve-config';
import { clientHeaders } from './client-headers';
import { createProtoTraceExporter } from './otlp/ProtoTraceExporter';

type ExporterOptions = NonNullable<ConstructorParameters<typeof JsonExporter>[0]>;

/** hivetrace's headers with the configured ones over them (matched case-insensitively). */
function otlpHeaders(config: ResolvedConfig): Record<string, string> {
  const out = clientHeaders(config.apiKey, config.source);
  for (const [k, v] of Object.entries(config.otlpHeaders)) {
    for (const existing of Object.keys(out))
      if (existing.toLowerCase() === k.toLowerCase()) delete out[existing];
    out[k] = v;
  }
  return out;
}

/**
 * The exporter of one tracer: in memory in test mode, else OTLP/HTTP to its OTLP endpoint
 * (`{serverUrl}/opentelemetry/v1/traces` unless configured), protobuf (hivetrace's encoder) or
 * JSON, gzip if asked.
 */
export function createSpanExporter(config: ResolvedConfig): SpanExporter {
  if (config.testMode) return new MemorySpanExporter();
  const options: ExporterOptions = {
    url: config.otlpEndpoint,
    headers: otlpHeaders(config),
    timeoutMillis: config.exportTimeoutMs,
    // the exporters' CompressionAlgorithm enum is the strings 'gzip' and 'none'
    compression: config.otlpCompression as ExporterOptions['compression'],
  };
  if (config.otlpProtocol !== 'http/protobuf') return new JsonExporter(options);
  // hivetrace's encoder where Node's HTTP is at hand; OpenTelemetry's own exporter elsewhere
  return createProtoTraceExporter(options) ?? new ProtoExporter(options);
}
