import { withAttributes } from '../../../lib/enrichment/with-attributes';
import type { HoneyHiveTracer } from '../../../lib/tracer/HoneyHiveTracer';

/**
 * What every framework client ends with: `run` under `withAttributes` (user `user-7`, metadata
 * `tenant: acme`, which the spec checks on every event), a flush, one JSON line with the session
 * id, whether everything was delivered and what `run` answered, then the tracer closed.
 */
export async function reportSession(tracer: HoneyHiveTracer, run: () => Promise<unknown>): Promise<void> {
  const result = await withAttributes({ userId: 'user-7', metadata: { tenant: 'acme' } }, run);
  const delivered = await tracer.flush();
  const fields = result !== null && typeof result === 'object' ? result : { answer: result };
  console.log(JSON.stringify({ sessionId: tracer.sessionId, delivered, ...fields }));
  await tracer.close();
}
