/**
 * The real Vercel AI SDK against the fake model server (argv[3]), traced into a collector
 * (argv[2]) through `hivetrace/ai`. argv[4] picks the generation: `v7` (AI SDK 7, its default
 * GenAI integration), `v7-legacy` (AI SDK 7's `LegacyOpenTelemetry`: `ai.*` spans) or `v6`
 * (AI SDK 6: `ai.*` spans through `experimental_telemetry`). Inside one traced method, under
 * `withAttributes` (user and metadata): generateText with a tool (two steps), streamText,
 * generateObject and a call the server rejects. Prints the session id and the answers.
 */
import { LegacyOpenTelemetry, OpenTelemetry } from '@ai-sdk/otel';
import { createOpenAI } from '@ai-sdk/openai';
import * as ai7 from 'ai';
import * as ai6 from 'ai-v6';
import { createOpenAI as createOpenAI3 } from 'ai-sdk-openai-v3';
import { z } from 'zod';
import { aiTelemetry } from '../../../lib/ai';
import { traced } from '../../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../../lib/tracer/HoneyHiveTracer';
import { reportSession } from './report-session';

type Generation = 'v7' | 'v7-legacy' | 'v6';

function sdkFor(generation: Generation, llmUrl: string) {
  if (generation === 'v6') {
    const provider = createOpenAI3({ baseURL: `${llmUrl}/v1`, apiKey: 'local-key' });
    return {
      ai: ai6 as unknown as typeof ai7,
      model: (id: string) => provider.chat(id) as any,
      telemetry: (functionId: string) => ({
        experimental_telemetry: aiTelemetry({
          functionId,
          metadata: { feature: 'weather', userId: 'meta-user' },
        }),
      }),
    };
  }
  const provider = createOpenAI({ baseURL: `${llmUrl}/v1`, apiKey: 'local-key' });
  return {
    ai: ai7,
    model: (id: string) => provider.chat(id),
    telemetry: (functionId: string) => ({
      telemetry:
        generation === 'v7'
          ? aiTelemetry({ functionId, integration: OpenTelemetry })
          : aiTelemetry({ functionId, integration: LegacyOpenTelemetry }),
    }),
  };
}

async function main(): Promise<void> {
  const [collectorUrl, llmUrl, generation] = process.argv.slice(2) as [string, string, Generation];
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local-key',
    project: `ai-sdk-${generation}`,
    serverUrl: collectorUrl,
    sessionName: `ai sdk ${generation}`,
  });
  const { ai, model, telemetry } = sdkFor(generation, llmUrl);
  const weather = ai.tool({
    description: 'The weather in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }: { city: string }) => `${city}: sunny, 24°C`,
  });
  const run = traced(
    async () => {
      const withTool = await ai.generateText({
        model: model('gpt-4o-mini'),
        system: 'You answer weather questions.',
        prompt: 'What is the weather in Lisbon?',
        tools: { get_weather: weather },
        stopWhen: ai.stepCountIs(3),
        temperature: 0.2,
        ...telemetry('weather-answer'),
      } as any);
      const stream = ai.streamText({
        model: model('gpt-4o-mini'),
        prompt: 'Say hello',
        ...telemetry('greeting'),
      } as any);
      let streamed = '';
      for await (const delta of stream.textStream) streamed += delta;
      const object = await ai.generateObject({
        model: model('gpt-4o-mini'),
        schema: z.object({ city: z.string(), sunny: z.boolean() }),
        prompt: 'Weather as JSON',
        ...telemetry('weather-object'),
      } as any);
      let failure = '';
      try {
        await ai.generateText({
          model: model('fail'),
          prompt: 'will fail',
          maxRetries: 0,
          ...telemetry('failing'),
        } as any);
      } catch (err) {
        failure = (err as Error).message;
      }
      return { text: withTool.text, streamed, object: object.object, failure };
    },
    { name: 'weather agent', eventType: 'chain', tracer },
  );
  await reportSession(tracer, run);
}

void main();
