/**
 * Sample 10: the local collector as the backend of a client hivetrace did not write. A plain
 * OpenTelemetry tracer provider (any OTLP exporter would do) records an LLM call with the
 * OpenTelemetry GenAI conventions and an exception; the collector maps the call into the event's
 * inputs, outputs, config and metrics, and keeps the span's kind, events and raw attributes.
 *   npx ts-node samples/sample10-any-client/main.ts
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startCollector } from '../../lib/collector';

async function main(): Promise<void> {
  const collector = await startCollector({ port: 0, dbPath: ':memory:' });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'travel-agent' }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${collector.url}/v1/traces` }))],
  });
  const tracer = provider.getTracer('travel-agent');

  const call = tracer.startSpan('chat gpt-4o-mini', {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'A day in Lisbon?' }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: 'Belém in the morning, Alfama at dusk.' }] },
      ]),
      'gen_ai.usage.input_tokens': 6,
      'gen_ai.usage.output_tokens': 9,
    },
  });
  call.recordException(new Error('retrying once: rate limited'));
  call.setStatus({ code: SpanStatusCode.OK });
  call.end();
  await provider.forceFlush();

  const { events } = collector.events.export({ project: 'travel-agent' });
  const e = events.find((x) => x.event_type === 'model')!;
  console.log(`${e.event_name} [${e.event_type}, ${e.span_kind}, ${e.status_code}]`);
  console.log(`  chat_history: ${JSON.stringify(e.inputs.chat_history)}`);
  console.log(`  outputs:      ${JSON.stringify(e.outputs)}`);
  console.log(`  config:       ${JSON.stringify(e.config)}`);
  console.log(`  metrics:      ${JSON.stringify(e.metrics)}`);
  console.log(
    `  span events:  ${e.span_events!.map((x) => `${x.name}: ${String(x.attributes['exception.message'])}`).join('; ')}`,
  );
  console.log(`  raw:          ${Object.keys(e.attributes!).length} attributes kept`);
  await provider.shutdown();
  await collector.close();
}

void main();
