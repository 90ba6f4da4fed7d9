/**
 * Sample 3: one tracer, a session per request, enriched as it goes (seed 002), in test mode.
 *   npx ts-node samples/sample3-sessions/main.ts
 */
import { createTestTracer } from '../../lib/testing';

async function main(): Promise<void> {
  const { tracer, spans, sessionUpdates } = createTestTracer({ project: 'sessions-sample' });

  const handleRequest = (userId: string, message: string) =>
    tracer.withSession(
      { sessionName: `chat-${userId}`, userProperties: { user_id: userId } },
      async (sessionId) => {
        tracer.enrichSession({ metadata: { status: 'started' } });
        const reply = await tracer.trace(
          'answer',
          { eventType: 'chain', inputs: { message } },
          async () => `echo: ${message}`,
        );
        tracer.enrichSession({
          metadata: { status: 'completed' },
          outputs: { reply },
          metrics: { success: true },
        });
        return sessionId;
      },
    );

  const ids = await Promise.all([handleRequest('alice', 'hi'), handleRequest('bob', 'hello')]);
  await tracer.flush();
  for (const s of spans()) console.log(`${s.name} → session ${s.sessionId === ids[0] ? 'alice' : 'bob'}`);
  console.log(
    'session updates:',
    sessionUpdates().map((u) => JSON.stringify(u)),
  );
  await tracer.close();
}

void main();
