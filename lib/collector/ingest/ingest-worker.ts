// Runs in a worker thread: decodes large OTLP bodies into events off the collector's event loop
// and hands them back one chunk at a time, the next only when the collector has written the last
// (acknowledged), so one 30 MiB request never keeps /health or other clients waiting.
import { parentPort } from 'node:worker_threads';
import { decodeOtlpSpans, INGEST_CHUNK } from './decode-otlp';
import { describeFailure } from './ingest-failure';
import type { OtlpSpan } from './otlp-span';
import { spanToEvent } from './span-to-event';

const jobs = new Map<number, { spans: OtlpSpan[]; next: number }>();

function sendNext(id: number): void {
  const job = jobs.get(id);
  if (!job) return;
  if (job.next >= job.spans.length) {
    jobs.delete(id);
    parentPort!.postMessage({ id, done: true });
    return;
  }
  const chunk = job.spans.slice(job.next, job.next + INGEST_CHUNK);
  job.next += INGEST_CHUNK;
  parentPort!.postMessage({ id, events: chunk.map(spanToEvent) });
}

parentPort?.on('message', (m: { id: number; ack?: true; body?: Uint8Array; isProto?: boolean }) => {
  if (m.ack) return sendNext(m.id);
  try {
    jobs.set(m.id, { spans: decodeOtlpSpans(m.body!, m.isProto === true), next: 0 });
    sendNext(m.id);
  } catch (err) {
    parentPort!.postMessage({
      id: m.id,
      error: describeFailure(err),
    });
  }
});
