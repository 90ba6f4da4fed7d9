/**
 * Sample 14: LangChain.js, traced through OpenInference's LangChain instrumentation registered on
 * the hivetrace tracer's provider (one line: `new LangChainInstrumentation({ tracerProvider:
 * tracer.provider }).manuallyInstrument(CallbackManagerModule)`). Runs offline.
 *   npx ts-node samples/sample14-langchain/main.ts
 */
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import { traced } from '../../lib';
import { runFrameworkSample } from '../shared/framework-sample';

// LangChain runs its callbacks in the background by default: a short script could end before they ran
process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';

void runFrameworkSample('langchain', async ({ tracer, llmUrl }) => {
  new LangChainInstrumentation({ tracerProvider: tracer.provider }).manuallyInstrument(CallbackManagerModule);
  const chain = ChatPromptTemplate.fromMessages([
    ['system', 'You are brief.'],
    ['human', '{question}'],
  ]).pipe(
    new ChatOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'sample-key',
      configuration: { baseURL: `${llmUrl}/v1` },
    }),
  );
  const ask = traced(async (question: string) => String((await chain.invoke({ question })).content), {
    name: 'ask',
    eventType: 'chain',
  });
  return ask('Is Lisbon sunny?');
});
