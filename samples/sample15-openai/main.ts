/**
 * Sample 15: the `openai` client (chat completions and the Responses API), traced through
 * OpenInference's OpenAI instrumentation on the hivetrace tracer's provider (one line:
 * `new OpenAIInstrumentation({ tracerProvider: tracer.provider }).manuallyInstrument(OpenAI)`).
 * Runs offline.
 *   npx ts-node samples/sample15-openai/main.ts
 */
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import { traced } from '../../lib';
import { runFrameworkSample } from '../shared/framework-sample';

void runFrameworkSample('openai', async ({ tracer, llmUrl }) => {
  new OpenAIInstrumentation({ tracerProvider: tracer.provider }).manuallyInstrument(OpenAI);
  const client = new OpenAI({ baseURL: `${llmUrl}/v1`, apiKey: 'sample-key' });
  const ask = traced(
    async (question: string) => {
      const chat = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: question }],
      });
      const response = await client.responses.create({ model: 'gpt-4o-mini', input: question });
      return `${chat.choices[0]?.message.content} / ${response.output_text}`;
    },
    { name: 'ask', eventType: 'chain' },
  );
  return ask('Is Lisbon sunny?');
});
