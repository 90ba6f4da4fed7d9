import type { OTLPExporterNodeConfigBase } from '@opentelemetry/otlp-exporter-base';
import { OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import type * as NodeHttp from '@opentelemetry/otlp-exporter-base/build/src/index-node-http';
import type { IExportTraceServiceResponse, ISerializer } from '@opentelemetry/otlp-transformer';
import { ProtobufTraceSerializer, TraceExporterMetricsHelper } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { nodePackage } from '../../internal/node-builtin';
import { SpanEncoder } from './encode-spans';

/** OpenTelemetry's name for this kind of exporter in its self-observability metrics. */
const COMPONENT_TYPE = 'otlp_http_span_exporter';

/** hivetrace's encoder behind OpenTelemetry's serializer interface (responses read by OpenTelemetry's). */
function serializer(): ISerializer<ReadableSpan[], IExportTraceServiceResponse> {
  const encoder = new SpanEncoder();
  return {
    serializeRequest: (spans) => encoder.encode(spans),
    deserializeResponse: (data) => ProtobufTraceSerializer.deserializeResponse(data),
  };
}

/**
 * OTLP/HTTP protobuf export with hivetrace's encoder (`SpanEncoder`) and OpenTelemetry's
 * transport (its HTTP agent, retries of 429/502/503/504 honouring `Retry-After`, timeouts,
 * gzip). Undefined where the runtime has no Node HTTP (an edge bundle): the caller falls back
 * to OpenTelemetry's own protobuf exporter there.
 */
export function createProtoTraceExporter(config: OTLPExporterNodeConfigBase): SpanExporter | undefined {
  const http = nodePackage<typeof NodeHttp>('@opentelemetry/otlp-exporter-base/node-http');
  if (!http) return undefined;
  const options = http.convertLegacyHttpOptions(config, 'TRACES', 'v1/traces', {
    'Content-Type': 'application/x-protobuf',
  });
  const delegate = http.createOtlpHttpExportDelegate(
    options,
    serializer(),
    COMPONENT_TYPE,
    TraceExporterMetricsHelper,
    undefined,
  );
  return new OTLPExporterBase<ReadableSpan[]>(delegate);
}
