/**
 * Sample 9: delivery you can see. Spans go to a local collector started in-process; `stats()`
 * counts what happened to them, `flush()` says whether everything arrived, and a backend that is
 * down shows up as dropped spans instead of silence.
 *   npx ts-node samples/sample9-delivery/main.ts
 */
import { HoneyHiveTracer, registerShutdownHooks, traced } from '../../lib';
import { startCollector } from '../../lib/collector';

async function main(): Promise<void> {
  // Ctrl-C or SIGTERM while this runs: flush every tracer first, then exit as usual.
  const removeHooks = registerShutdownHooks({ timeoutMs: 3000 });
  const collector = await startCollector({ port: 0, dbPath: ':memory:' });

  const tracer = HoneyHiveTracer.init({ apiKey: 'local', project: 'delivery', serverUrl: collector.url });
  const handle = traced(function handle(requestId: number) {
    return { status: 200, requestId };
  });
  for (let i = 0; i < 5000; i++) handle(i); // a tight loop: the queue holds all of it
  const delivered = await tracer.flush();
  const s = tracer.stats();
  console.log(
    `healthy: delivered=${delivered} started=${s.started} exported=${s.exported} dropped=${s.dropped}`,
  );
  await tracer.close();

  // The backend goes away and the app keeps going: a small queue fills, the rest is counted.
  await collector.close();
  const offline = HoneyHiveTracer.init({
    apiKey: 'local',
    project: 'delivery',
    serverUrl: collector.url,
    maxQueueSize: 100,
    exportTimeoutMs: 1000,
    skipSessionStart: true,
  });
  const handleOffline = traced(function handle(requestId: number) {
    return { status: 200, requestId };
  });
  for (let i = 0; i < 500; i++) handleOffline(i);
  const deliveredOffline = await offline.flush(3000);
  const o = offline.stats();
  console.log(
    `backend down: delivered=${deliveredOffline} started=${o.started} dropped=${o.dropped} failed=${o.failed}`,
  );
  await offline.close(1000);
  removeHooks();
}

void main();
