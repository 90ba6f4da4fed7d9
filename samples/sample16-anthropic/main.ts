/**
 * Sample 16: the Anthropic SDK with its own OpenTelemetry tracing, pointed at the hivetrace
 * tracer's provider (one option: `openTelemetry: { tracerProvider: tracer.provider }`; without
 * it the SDK uses the global provider, which hivetrace leaves alone). Runs offline.
 *   npx ts-node samples/sample16-anthropic/main.ts
 */
import Anthropic from '@anthropic-ai/sdk';
import { traced } from '../../lib';
import { runFrameworkSample } from '../shared/framework-sample';

void runFrameworkSample('anthropic', async ({ tracer, llmUrl }) => {
  const client = new Anthropic({
    baseURL: llmUrl,
    apiKey: 'sample-key',
    openTelemetry: { tracerProvider: tracer.provider, traces: { contentMode: 'content' } },
  });
  const ask = traced(
    async (question: string) => {
      const message = await client.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 256,
        messages: [{ role: 'user', content: question }],
      });
      const text = message.content.find((b) => b.type === 'text');
      return text?.type === 'text' ? text.text : '';
    },
    { name: 'ask', eventType: 'chain' },
  );
  return ask('Is Lisbon sunny?');
});
