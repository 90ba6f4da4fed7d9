/**
 * An unmodified OpenTelemetry NodeSDK with a stock OTLP exporter (argv[3]: `json` or `proto`;
 * argv[4] `gzip` to compress) sending to argv[2]/v1/traces: span kinds, every attribute type,
 * span events, an exception, a link, resource attributes, OK and ERROR status.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';

async function main(): Promise<void> {
  const [url, protocol, compression] = process.argv.slice(2) as [string, string, string | undefined];
  const Exporter = protocol === 'proto' ? ProtoExporter : JsonExporter;
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      'service.name': 'fidelity-svc',
      'deployment.environment': 'test',
      team: 'llm',
    }),
    traceExporter: new Exporter({
      url: `${url}/v1/traces`,
      compression: compression === 'gzip' ? ('gzip' as never) : undefined,
    }),
  });
  sdk.start();
  const tracer = trace.getTracer('fidelity-scope', '1.2.3');
  const other = tracer.startSpan('elsewhere');
  const linked = other.spanContext();
  other.end();
  const ids: Record<string, string> = { linkedTraceId: linked.traceId, linkedSpanId: linked.spanId };
  tracer.startActiveSpan('handle request', { kind: SpanKind.SERVER }, (root) => {
    ids.traceId = root.spanContext().traceId;
    ids.rootSpanId = root.spanContext().spanId;
    root.setAttributes({
      's.text': 'hello',
      'b.flag': true,
      'i.count': 42,
      'i.negative': -7,
      'd.ratio': 0.25,
      'a.strings': ['x', 'y'],
      'a.numbers': [1, 2.5],
      'a.bools': [true, false],
    });
    root.addEvent('cache.miss', { key: 'user:1', 'attempt.n': 2 });
    tracer.startActiveSpan(
      'call model',
      { kind: SpanKind.CLIENT, links: [{ context: linked, attributes: { reason: 'retry-of' } }] },
      (child) => {
        ids.childSpanId = child.spanContext().spanId;
        child.recordException(new TypeError('bad input'));
        child.setStatus({ code: SpanStatusCode.ERROR, message: 'model call failed' });
        child.end();
      },
    );
    tracer.startActiveSpan('consume', { kind: SpanKind.CONSUMER }, (c) => c.end());
    root.setStatus({ code: SpanStatusCode.OK });
    root.end();
  });
  await sdk.shutdown();
  console.log(JSON.stringify(ids));
}

void main();
