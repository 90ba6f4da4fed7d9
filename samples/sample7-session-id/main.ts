/**
 * Sample 7: the session-id approach (seed 004). Service A passes its session id in the request
 * body; service B initialises a tracer with it. Both land in one session, as siblings.
 *   npx ts-node samples/sample7-session-id/main.ts
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestTracerKit } from '../../lib/testing';
import { createTestTracer } from '../../lib/testing';

async function main(): Promise<void> {
  const serviceA = createTestTracer({ project: 'support', source: 'service-a' });
  let serviceB: TestTracerKit | undefined;

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { session_id, query } = JSON.parse(body) as { session_id: string; query: string };
      // In production: HoneyHiveTracer.init({ apiKey, project, sessionId: session_id })
      serviceB = createTestTracer({
        project: 'support',
        source: 'service-b',
        sessionId: session_id,
        skipSessionStart: true,
      });
      const answer = serviceB.tracer.trace(
        'service-b.handle',
        { inputs: { query } },
        () => `handled ${query}`,
      );
      res.end(JSON.stringify({ answer }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await serviceA.tracer.trace('service-a.request', async () => {
    const res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ session_id: serviceA.tracer.sessionId, query: 'hello' }),
    });
    return res.text();
  });

  const [a] = serviceA.spans();
  const [b] = serviceB!.spans();
  console.log(`same session: ${a!.sessionId === b!.sessionId}; same trace: ${a!.traceId === b!.traceId}`);
  server.close();
  await Promise.all([serviceA.tracer.close(), serviceB!.tracer.close()]);
}

void main();
