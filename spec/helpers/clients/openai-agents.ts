/**
 * The OpenAI Agents JS SDK through `@arizeai/openinference-instrumentation-openai-agents` on a
 * hivetrace tracer's provider, against the fake model server (argv[3]) over chat completions,
 * exporting to a collector (argv[2]): a triage agent hands off to a weather agent, which calls
 * its tool and answers. Prints the session id and the answer.
 */
import { OpenAIAgentsInstrumentation } from '@arizeai/openinference-instrumentation-openai-agents';
import * as agents from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { traced } from '../../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../../lib/tracer/HoneyHiveTracer';
import { reportSession } from './report-session';

async function main(): Promise<void> {
  const [collectorUrl, llmUrl] = process.argv.slice(2) as [string, string];
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local-key',
    project: 'openai-agents',
    serverUrl: collectorUrl,
    sessionName: 'openai agents',
  });
  const instrumentation = new OpenAIAgentsInstrumentation({ tracerProvider: tracer.provider });
  instrumentation.manuallyInstrument(agents);
  agents.setDefaultOpenAIClient(
    new OpenAI({ baseURL: `${llmUrl}/v1`, apiKey: 'local-key', maxRetries: 0 }) as any,
  );
  agents.setOpenAIAPI('chat_completions');
  const weather = agents.tool({
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => `${city}: sunny, 24°C`,
  });
  const weatherAgent = new agents.Agent({
    name: 'Weather agent',
    instructions: 'You answer weather questions.',
    model: 'gpt-4o-mini',
    tools: [weather],
  });
  const run = traced(
    async () => {
      const result = await agents.run(weatherAgent, 'What is the weather in Lisbon?');
      return String(result.finalOutput);
    },
    { name: 'weather agent', eventType: 'chain', tracer },
  );
  await reportSession(tracer, run);
}

void main();
