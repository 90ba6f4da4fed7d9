/**
 * Sample 13: the Vercel AI SDK, traced with one line: `experimental_telemetry: aiTelemetry(…)`
 * (AI SDK 4–6) or `telemetry: aiTelemetry({ …, integration: OpenTelemetry })` (AI SDK 7). The
 * call nests under the caller's traced span, in its session, with withAttributes' user. Runs
 * offline: a local collector and a fake model server start here.
 *   npx ts-node samples/sample13-ai-sdk/main.ts
 */
import { OpenTelemetry } from '@ai-sdk/otel';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, tool } from 'ai';
import { z } from 'zod';
import { traced, withAttributes } from '../../lib';
import { aiTelemetry } from '../../lib/ai';
import { runFrameworkSample } from '../shared/framework-sample';

void runFrameworkSample('ai sdk', async ({ llmUrl }) => {
  const openai = createOpenAI({ baseURL: `${llmUrl}/v1`, apiKey: 'sample-key' });
  const answer = traced(
    async (question: string) => {
      const { text } = await generateText({
        model: openai.chat('gpt-4o-mini'),
        system: 'You answer weather questions.',
        prompt: question,
        tools: {
          get_weather: tool({
            description: 'The weather in a city',
            inputSchema: z.object({ city: z.string() }),
            execute: async ({ city }) => `${city}: sunny, 24°C`,
          }),
        },
        stopWhen: stepCountIs(3),
        telemetry: aiTelemetry({ functionId: 'weather-answer', integration: OpenTelemetry }),
      });
      return text;
    },
    { name: 'answer', eventType: 'chain' },
  );
  return withAttributes({ userId: 'user-7' }, () => answer('What is the weather in Lisbon?'));
});
