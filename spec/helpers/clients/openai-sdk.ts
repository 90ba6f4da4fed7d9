/**
 * The real `openai` client through OpenInference's OpenAI instrumentation on a hivetrace
 * tracer's provider, against the fake model server (argv[3]), exporting to a collector
 * (argv[2]): chat completions with a tool call and its answer, then the Responses API plain,
 * streamed, through the `stream()` helper and with a tool. Prints the
 * session id and the answers.
 */
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import { traced } from '../../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../../lib/tracer/HoneyHiveTracer';
import { reportSession } from './report-session';

const FN = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const TOOL = { type: 'function' as const, ...FN, strict: false };

async function chat(client: OpenAI): Promise<string> {
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You answer weather questions.' },
    { role: 'user', content: 'What is the weather in Lisbon?' },
  ];
  const tools = [{ type: 'function' as const, function: FN }];
  const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
  const call = first.choices[0]!.message.tool_calls![0]!;
  messages.push(first.choices[0]!.message, {
    role: 'tool',
    tool_call_id: call.id,
    content: 'Lisbon: sunny, 24°C',
  });
  const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
  return second.choices[0]!.message.content ?? '';
}

async function responses(client: OpenAI): Promise<Record<string, string>> {
  const plain = await client.responses.create({
    model: 'gpt-4o-mini',
    instructions: 'Be brief.',
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'plain question' }] }],
  });
  let streamed = '';
  const stream = await client.responses.create({
    model: 'gpt-4o-mini',
    input: 'streamed question',
    stream: true,
  });
  for await (const e of stream) if (e.type === 'response.output_text.delta') streamed += e.delta;
  const helper = await client.responses
    .stream({ model: 'gpt-4o-mini', input: 'helper question' })
    .finalResponse();
  const first = await client.responses.create({
    model: 'gpt-4o-mini',
    input: 'Weather in Lisbon?',
    tools: [TOOL],
  });
  const call = first.output.find((o) => o.type === 'function_call')!;
  const tooled = await client.responses.create({
    model: 'gpt-4o-mini',
    tools: [TOOL],
    input: [
      { role: 'user', content: 'Weather in Lisbon?' },
      call,
      { type: 'function_call_output', call_id: call.call_id, output: 'Lisbon: sunny, 24°C' },
    ],
  });
  return { plain: plain.output_text, streamed, helper: helper.output_text, tooled: tooled.output_text };
}

async function main(): Promise<void> {
  const [collectorUrl, llmUrl] = process.argv.slice(2) as [string, string];
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local-key',
    project: 'openai-sdk',
    serverUrl: collectorUrl,
    sessionName: 'openai sdk',
  });
  const instrumentation = new OpenAIInstrumentation({ tracerProvider: tracer.provider });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  instrumentation.manuallyInstrument(require('openai'));
  const client = new OpenAI({ baseURL: `${llmUrl}/v1`, apiKey: 'local-key', maxRetries: 0 });
  const run = traced(
    async () => {
      const chatAnswer = await chat(client);
      const r = await responses(client);

      return { chat: chatAnswer, ...r };
    },
    { name: 'weather agent', eventType: 'chain', tracer },
  );
  await reportSession(tracer, run);
}

void main();
