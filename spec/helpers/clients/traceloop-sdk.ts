/**
 * The Traceloop SDK (@traceloop/node-server-sdk), unmodified, sending to a collector (argv[2]):
 * a workflow with association properties (session, user, the evaluation ids, a custom key), a
 * task, a tool, and an `openai` chat call (Traceloop's OpenAI instrumentation, GenAI attributes)
 * against a fake server (argv[3]). Prints the ids it used.
 */
import * as traceloop from '@traceloop/node-server-sdk';
import OpenAI from 'openai';

async function main(): Promise<void> {
  const [url, llmUrl] = process.argv.slice(2) as [string, string];
  traceloop.initialize({
    baseUrl: url,
    apiKey: 'local-key',
    appName: 'tl-app',
    disableBatch: true,
    silenceInitializationMessage: true,
    traceloopSyncEnabled: false,
    logLevel: 'error',
    instrumentModules: { openAI: OpenAI },
  });
  const client = new OpenAI({ baseURL: llmUrl, apiKey: 'local-key' });
  const associationProperties = {
    session_id: 'tl-session-1',
    user_id: 'user-42',
    run_id: 'run-9',
    dataset_id: 'ds-3',
    datapoint_id: 'dp-5',
    tenant: 'acme',
  };
  const result = await traceloop.withWorkflow({ name: 'plan_trip', associationProperties }, async () => {
    const city = await traceloop.withTask({ name: 'pick_city' }, async () => 'Lisbon');
    const weather = await traceloop.withTool({ name: 'weather' }, async () => `${city}: sunny`);
    const reply = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      temperature: 0.5,
      max_tokens: 50,
      messages: [
        { role: 'system', content: 'You plan trips.' },
        { role: 'user', content: `Plan a day in ${weather}` },
      ],
    });
    return reply.choices[0]?.message.content;
  });
  await traceloop.forceFlush();
  console.log(JSON.stringify({ result, ...associationProperties }));
  process.exit(0);
}

void main();
