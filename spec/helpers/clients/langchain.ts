/**
 * LangChain.js (`@langchain/openai` against the fake model server, argv[3]) through
 * OpenInference's LangChain instrumentation on a hivetrace tracer's provider, exporting to a
 * collector (argv[2]): a prompt piped into a chat model with a bound tool, the tool run, the
 * answer. Prints the session id and the answer.
 */
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { ToolMessage } from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { traced } from '../../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../../lib/tracer/HoneyHiveTracer';
import { reportSession } from './report-session';

async function main(): Promise<void> {
  const [collectorUrl, llmUrl] = process.argv.slice(2) as [string, string];
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local-key',
    project: 'langchain',
    serverUrl: collectorUrl,
    sessionName: 'langchain agent',
  });
  const instrumentation = new LangChainInstrumentation({ tracerProvider: tracer.provider });
  instrumentation.manuallyInstrument(CallbackManagerModule);
  const weather = tool(async ({ city }: { city: string }) => `${city}: sunny, 24°C`, {
    name: 'get_weather',
    description: 'The weather in a city',
    schema: z.object({ city: z.string() }),
  });
  const model = new ChatOpenAI({
    model: 'gpt-4o-mini',
    temperature: 0.2,
    apiKey: 'local-key',
    configuration: { baseURL: `${llmUrl}/v1` },
  }).bindTools([weather]);
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'You answer weather questions.'],
    ['human', '{question}'],
  ]);
  const run = traced(
    async () => {
      const messages = await prompt.formatMessages({ question: 'What is the weather in Lisbon?' });
      const first = await prompt.pipe(model).invoke({ question: 'What is the weather in Lisbon?' });
      const call = first.tool_calls![0]!;
      const result = await weather.invoke(call);
      const answer = await model.invoke([
        ...messages,
        first,
        result instanceof ToolMessage
          ? result
          : new ToolMessage({ content: String(result), tool_call_id: call.id! }),
      ]);
      return String(answer.content);
    },
    { name: 'weather agent', eventType: 'chain', tracer },
  );
  await reportSession(tracer, run);
}

void main();
