/**
 * Sample 20: a team's collector. Two collector nodes on one PostgreSQL database, as two
 * `hivetrace serve` processes behind a load balancer would run: a service traces into node A,
 * its session is enriched through node B, and either node reads back the same session.
 *   HH_COLLECTOR_DATABASE_URL=postgres://user:password@localhost:5432/traces \
 *     npx ts-node samples/sample20-team-collector/main.ts
 * (the database may be empty: the first node creates the schema; `npm install pg` first)
 */
import { HoneyHiveTracer, traced } from '../../lib';
import { startCollector } from '../../lib/collector';

async function main(): Promise<void> {
  const database = process.argv[2] ?? process.env.HH_COLLECTOR_DATABASE_URL;
  if (!database?.startsWith('postgres')) {
    console.log('set HH_COLLECTOR_DATABASE_URL=postgres://… (or pass the URL) to run two nodes on it');
    return;
  }
  // two nodes, started together: one migrates the schema, the other waits for it
  const [a, b] = await Promise.all([startCollector({ database }), startCollector({ database })]);
  try {
    const tracer = HoneyHiveTracer.init({ apiKey: 'local', project: 'team', serverUrl: a.url });
    const answer = traced(function answer(question: string) {
      return `${question.length} characters`;
    });
    answer('How do I reset my password?');
    await tracer.flush();

    // the same session, enriched through the other node
    const enrich = await fetch(`${b.url}/v1/events`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: tracer.sessionId, metadata: { reviewed_by: 'node B' } }),
    });
    console.log(`enriched through node B: ${enrich.status}`);
    await tracer.close();

    for (const [name, node] of [['A', a] as const, ['B', b] as const]) {
      const events = node.events.sessionEvents(tracer.sessionId);
      const session = events[0]!;
      console.log(
        `node ${name} (${node.storage}): session ${session.event_name} with ${events.length - 1} event(s), metadata ${JSON.stringify(session.metadata)}`,
      );
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

void main();
