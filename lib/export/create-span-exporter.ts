import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MemorySpanExporter } from './MemorySpanExporter';
import type { ResolvedConfig } from '../config/resolve-config';
import { clientHeaders } from './client-headers';

/** The OTLP path on a HoneyHive-compatible backend. */
export const OTLP_TRACES_PATH = '/opentelemetry/v1/traces';

/**
 * The exporter of one tracer: in memory in test mode, else OTLP/HTTP to
 * `{serverUrl}/opentelemetry/v1/traces`, JSON or protobuf.
 */
export function createSpanExporter(config: ResolvedConfig): SpanExporter {
  if (config.testMode) return new MemorySpanExporter();
  const options = {
    url: `${config.serverUrl}${OTLP_TRACES_PATH}`,
    headers: clientHeaders(config.apiKey, config.source),
    timeoutMillis: config.exportTimeoutMs,
  };
  return config.otlpProtocol === 'http/protobuf' ? new ProtoExporter(options) : new JsonExporter(options);
}
