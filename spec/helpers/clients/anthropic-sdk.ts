/**
 * The real `@anthropic-ai/sdk` against the fake model server (argv[3]), exporting to a collector
 * (argv[2]). argv[4] picks the tracing: `openinference` (OpenInference's Anthropic
 * instrumentation on the hivetrace tracer's provider) or `builtin` (the SDK's own OpenTelemetry
 * tracing, given `tracer.provider`, with content). A question answered with text and a
 * `tool_use` block, the tool result sent back, the answer, then a request the API rejects.
 * Prints the session id and the answers.
 */
import { AnthropicInstrumentation } from '@arizeai/openinference-instrumentation-anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { traced } from '../../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../../lib/tracer/HoneyHiveTracer';
import { reportSession } from './report-session';

async function main(): Promise<void> {
  const [collectorUrl, llmUrl, mode] = process.argv.slice(2) as [string, string, 'openinference' | 'builtin'];
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local-key',
    project: `anthropic-${mode}`,
    serverUrl: collectorUrl,
    sessionName: `anthropic ${mode}`,
  });
  if (mode === 'openinference') {
    const instrumentation = new AnthropicInstrumentation({ tracerProvider: tracer.provider });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    instrumentation.manuallyInstrument(require('@anthropic-ai/sdk'));
  }
  const client = new Anthropic({
    baseURL: llmUrl,
    apiKey: 'local-key',
    maxRetries: 0,
    openTelemetry:
      mode === 'builtin' ? { tracerProvider: tracer.provider, traces: { contentMode: 'content' } } : false,
  });
  const tools = [
    {
      name: 'get_weather',
      description: 'The weather in a city',
      input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ];
  const run = traced(
    async () => {
      const messages: Anthropic.MessageParam[] = [
        { role: 'user', content: 'What is the weather in Lisbon?' },
      ];
      const base = {
        model: 'claude-sonnet-4-5',
        max_tokens: 256,
        system: 'You answer weather questions.',
        tools,
      };
      const first = await client.messages.create({ ...base, messages });
      const use = first.content.find((b) => b.type === 'tool_use')!;
      messages.push(
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: use.id, content: 'Lisbon: sunny, 24°C' }],
        },
      );
      const second = await client.messages.create({ ...base, messages });
      let failure = '';
      try {
        await client.messages.create({
          model: 'fail',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'x' }],
        });
      } catch (err) {
        failure = (err as Error).message;
      }
      const text = second.content.find((b) => b.type === 'text');
      return { answer: text?.type === 'text' ? text.text : '', failure };
    },
    { name: 'weather agent', eventType: 'chain', tracer },
  );
  await reportSession(tracer, run);
}

void main();
