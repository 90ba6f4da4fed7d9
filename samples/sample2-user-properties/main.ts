/**
 * Sample 2: user properties on the session and on a span (seed 003), in test mode.
 *   npx ts-node samples/sample2-user-properties/main.ts
 */
import { enrichSpan } from '../../lib';
import { createTestTracer } from '../../lib/testing';

async function main(): Promise<void> {
  const { tracer, spans, sessionUpdates } = createTestTracer({ project: 'user-properties-sample' });

  tracer.enrichSession({
    userProperties: { user_id: 'user_12345', email: 'user@example.com', plan: 'premium', is_beta: true },
  });

  tracer.trace('process_request', { eventType: 'chain' }, () => {
    enrichSpan({ userProperties: { user_id: 'user_12345', last_action: 'search' } });
  });

  await tracer.flush();
  console.log('span user properties:', spans()[0]?.userProperties);
  console.log('session update:', JSON.stringify(sessionUpdates()[0]));
  await tracer.close();
}

void main();
