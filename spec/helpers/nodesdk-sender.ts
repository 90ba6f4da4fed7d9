/**
 * Run as its own process: an unmodified OpenTelemetry NodeSDK with the stock OTLP protobuf
 * exporter, pointed at the collector's standard /v1/traces. Prints the trace id it sent.
 */
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';

async function main(): Promise<void> {
  const url = process.argv[2]!;
  const sdk = new NodeSDK({
    serviceName: 'plain-otel-service',
    traceExporter: new OTLPTraceExporter({ url: `${url}/v1/traces` }),
  });
  sdk.start();
  const tracer = trace.getTracer('plain');
  let traceId = '';
  tracer.startActiveSpan('otel-parent', (parent) => {
    traceId = parent.spanContext().traceId;
    parent.setAttribute('gen_ai.request.model', 'local-model');
    tracer.startActiveSpan('otel-child', (child) => {
      child.setAttribute('answer', 42);
      child.end();
    });
    parent.end();
  });
  await sdk.shutdown();
  console.log(traceId);
}

void main();
