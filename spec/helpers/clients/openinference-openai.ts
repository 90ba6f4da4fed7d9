/**
 * OpenInference's OpenAI instrumentation on a hivetrace tracer's provider, with the real `openai`
 * client calling a fake OpenAI-compatible server (argv[3]), plain and streaming, inside a traced
 * method; spans go to a collector (argv[2]). Prints the session id.
 */
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import { traced } from '../../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../../lib/tracer/HoneyHiveTracer';

async function main(): Promise<void> {
  const [collectorUrl, llmUrl] = process.argv.slice(2) as [string, string];
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local-key',
    project: 'oi-openai',
    serverUrl: collectorUrl,
    sessionName: 'openinference chat',
  });
  const instrumentation = new OpenAIInstrumentation({ tracerProvider: tracer.provider });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  instrumentation.manuallyInstrument(require('openai'));
  const client = new OpenAI({ baseURL: llmUrl, apiKey: 'local-key' });
  const answer = traced(
    async () => {
      const plain = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0.3,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'plain question' },
        ],
      });
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'streamed question' }],
      });
      let streamed = '';
      for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? '';
      return { plain: plain.choices[0]?.message.content, streamed };
    },
    { name: 'ask', eventType: 'chain', tracer },
  );
  const result = await answer();
  await tracer.flush();
  console.log(JSON.stringify({ sessionId: tracer.sessionId, ...result }));
  await tracer.close();
}

void main();
