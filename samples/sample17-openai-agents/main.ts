/**
 * Sample 17: the OpenAI Agents JS SDK, traced through its OpenInference bridge on the hivetrace
 * tracer's provider (one line: `new OpenAIAgentsInstrumentation({ tracerProvider:
 * tracer.provider }).manuallyInstrument(agents)`): agent, turns, model calls and tools nest under
 * the caller's span. Runs offline.
 *   npx ts-node samples/sample17-openai-agents/main.ts
 */
import { OpenAIAgentsInstrumentation } from '@arizeai/openinference-instrumentation-openai-agents';
import * as agents from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { traced } from '../../lib';
import { runFrameworkSample } from '../shared/framework-sample';

void runFrameworkSample('openai agents', async ({ tracer, llmUrl }) => {
  new OpenAIAgentsInstrumentation({ tracerProvider: tracer.provider }).manuallyInstrument(agents);
  agents.setDefaultOpenAIClient(new OpenAI({ baseURL: `${llmUrl}/v1`, apiKey: 'sample-key' }) as never);
  agents.setOpenAIAPI('chat_completions');
  const agent = new agents.Agent({
    name: 'Weather agent',
    instructions: 'You answer weather questions.',
    model: 'gpt-4o-mini',
    tools: [
      agents.tool({
        name: 'get_weather',
        description: 'The weather in a city',
        parameters: z.object({ city: z.string() }),
        execute: async ({ city }) => `${city}: sunny, 24°C`,
      }),
    ],
  });
  const ask = traced(async (question: string) => String((await agents.run(agent, question)).finalOutput), {
    name: 'ask',
    eventType: 'chain',
  });
  return ask('What is the weather in Lisbon?');
});
