/**
 * What encoding and reading OTLP cost per span, and whether a worker thread would help.
 *   npx ts-node --transpile-only bench/handoff.ts
 *
 * On a typical hivetrace batch (1,024 spans of 13 attributes): hivetrace's SpanEncoder against
 * OpenTelemetry's protobuf serializer; what the application thread pays just to hand the spans
 * to a worker (a structured clone, as postMessage makes); the compat attributes' share of the
 * encoding and of the bytes; and the collector reading the batch as protobuf (its own reader, and
 * protobufjs as before) and as OTLP/JSON. Figures in docs/performance.md.
 */
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { MessageChannel } from 'node:worker_threads';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { decodeOtlpSpans } from '../lib/collector/ingest/decode-otlp';
import { readOtlpSpans } from '../lib/collector/ingest/otlp-span';
import { SpanEncoder } from '../lib/export/otlp/encode-spans';
import { decodeTraceRequest } from '../spec/helpers/otlp-proto';

const SESSION = '7fa23f18-334d-4a28-96af-fb0018ce35c9';

function batch(compat: boolean) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  for (let i = 0; i < 1024; i++) {
    const attributes: Record<string, string | number> = {
      'honeyhive.session_id': SESSION,
      'honeyhive.project': 'p',
      'honeyhive.source': 'dev',
      honeyhive_event_type: 'tool',
      honeyhive_event_name: 'add',
      'honeyhive_inputs.a': 1,
      'honeyhive_inputs.b': 2,
      'honeyhive_outputs.result': 3,
      honeyhive_duration_ms: 1.87,
    };
    if (compat)
      Object.assign(attributes, {
        'traceloop.association.properties.session_id': SESSION,
        'traceloop.association.properties.project': 'p',
        'traceloop.association.properties.source': 'dev',
        honeyhive_session_name: 'chat',
      });
    provider.getTracer('bench').startSpan('add', { attributes }).end();
  }
  return exporter.getFinishedSpans();
}

function perSpan(name: string, fn: () => unknown): void {
  for (let i = 0; i < 50; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) fn();
  console.log(`${name.padEnd(48)} ${(Number(process.hrtime.bigint() - t0) / 200 / 1024).toFixed(0)} ns/span`);
}

const spans = batch(true);
const lean = batch(false);
const encoder = new SpanEncoder();
const plain = () =>
  spans.map((s) => ({
    name: s.name,
    context: s.spanContext(),
    parent: s.parentSpanContext?.spanId,
    start: s.startTime,
    end: s.endTime,
    kind: s.kind,
    status: s.status,
    attributes: s.attributes,
    events: s.events,
    links: s.links,
  }));
const { port1, port2 } = new MessageChannel();
port2.on('message', () => undefined);

perSpan('encode the batch here (SpanEncoder)', () => encoder.encode(spans));
perSpan("encode with OpenTelemetry's protobuf serializer", () =>
  ProtobufTraceSerializer.serializeRequest(spans),
);
perSpan('hand the spans to a worker (postMessage)', () => port1.postMessage(plain()));
perSpan('encode without the 4 compat attributes', () => encoder.encode(lean));
console.log(
  `bytes per span: ${(encoder.encode(spans).length / 1024).toFixed(0)} with the compat attributes, ${(encoder.encode(lean).length / 1024).toFixed(0)} without`,
);
const proto = encoder.encode(spans);
const json = JsonTraceSerializer.serializeRequest(spans)!;
perSpan('collector reads protobuf (readProtoSpans)', () => decodeOtlpSpans(proto, true));
perSpan('collector reads protobuf through protobufjs', () => readOtlpSpans(decodeTraceRequest(proto)));
perSpan('collector reads the same spans as OTLP/JSON', () => decodeOtlpSpans(json, false));
port1.close();
