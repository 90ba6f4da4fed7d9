/**
 * Sample 1: init, trace, flush. Runs offline in test mode unless HH_API_KEY is set.
 *   npx ts-node samples/sample1-quickstart/main.ts
 */
import { HoneyHiveTracer } from '../../lib';

async function main(): Promise<void> {
  const tracer = HoneyHiveTracer.init({
    project: 'quickstart',
    source: 'sample',
    testMode: !process.env.HH_API_KEY,
  });

  const answer = tracer.trace(
    'answer',
    { eventType: 'chain', inputs: { question: 'What is 6 x 7?' } },
    (span) => {
      const result = 6 * 7; // your model call goes here
      span.setAttribute('honeyhive_outputs.answer', result);
      return result;
    },
  );

  const delivered = await tracer.flush(5000);
  console.log(`answer=${answer} session=${tracer.sessionId} delivered=${delivered}`);
  await tracer.close();
}

void main();
