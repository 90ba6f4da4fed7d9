/**
 * Sample 6: distributed tracing with trace context. A gateway calls an agent service over HTTP
 * (both on 127.0.0.1); the agent's spans join the gateway's trace, as children, in its session.
 *   npx ts-node samples/sample6-distributed/main.ts
 */
import express from 'express';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hivetraceExpress, injectContextIntoCarrier } from '../../lib';
import { createTestTracer } from '../../lib/testing';

async function main(): Promise<void> {
  const gateway = createTestTracer({ project: 'support', source: 'gateway' });
  const agent = createTestTracer({ project: 'support', source: 'agent' });

  const app = express();
  app.use(hivetraceExpress({ tracer: agent.tracer }));
  app.get('/answer', async (_req, res) => {
    const text = await agent.tracer.trace(
      'agent.answer',
      { eventType: 'chain' },
      async () => 'Reset it from Settings.',
    );
    res.json({ text });
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const reply = await gateway.tracer.trace('gateway.ask', { eventType: 'tool' }, async () => {
    const res = await fetch(`${url}/answer`, { headers: injectContextIntoCarrier({}, gateway.tracer) });
    return ((await res.json()) as { text: string }).text;
  });
  await new Promise((r) => setImmediate(r));

  console.log('reply:', reply);
  for (const s of [...gateway.spans(), ...agent.spans()]) {
    console.log(
      `${String(s.attributes['honeyhive.source']).padEnd(8)} ${s.name.padEnd(14)} trace=${s.traceId.slice(0, 8)} parent=${(s.parentSpanId ?? '-').slice(0, 8)} session=${s.sessionId?.slice(0, 8)}`,
    );
  }
  server.close();
  await Promise.all([gateway.tracer.close(), agent.tracer.close()]);
}

void main();
