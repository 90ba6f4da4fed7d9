/**
 * Sample 8: a Lambda-style handler. It joins the caller's session (session-id approach) and
 * flushes before returning, so nothing is lost when the runtime freezes.
 *   npx ts-node samples/sample8-lambda/main.ts
 */
import { HoneyHiveTracer } from '../../lib';

interface LambdaEvent {
  session_id?: string;
  question: string;
}

export async function handler(event: LambdaEvent): Promise<{ statusCode: number; body: string }> {
  const tracer = HoneyHiveTracer.init({
    apiKey: process.env.HH_API_KEY,
    project: process.env.HH_PROJECT ?? 'lambda-sample',
    sessionId: event.session_id,
    skipSessionStart: event.session_id !== undefined, // the caller started it
    disableBatch: true, // export each span as it ends: a frozen runtime has no timer
    testMode: !process.env.HH_API_KEY,
  });
  try {
    const body = await tracer.trace(
      'lambda.handle',
      { eventType: 'chain', inputs: { question: event.question } },
      async () => `answer to ${event.question}`,
    );
    return { statusCode: 200, body };
  } finally {
    // bounded: never let a slow backend eat the invocation's time
    const delivered = await tracer.flush(2000);
    if (!delivered) console.warn('traces not fully delivered');
    await tracer.close(500);
  }
}

if (require.main === module) {
  void handler({ session_id: '7d9c2f0e-4b1a-4c3d-9e8f-1a2b3c4d5e6f', question: 'what is my plan?' }).then(
    (r) => console.log(r),
  );
}
