import { OTLP_TRACES_PATH } from '../../semconv/honeyhive';
import type { EventStore } from '../store/EventStore';
import { readBody, sendJson } from './http-utils';
import type { IngestDecoder } from '../ingest/IngestDecoder';
import type { IngestGate } from './IngestGate';
import { GroupCommit } from '../ingest/GroupCommit';
import type { RouteContext, Router } from './Router';

/** Seconds a refused ingest request is asked to wait before it retries. */
export const INGEST_RETRY_AFTER_S = 1;

/**
 * OTLP/HTTP trace ingest, JSON and protobuf, at the HoneyHive path and the standard one. Large
 * bodies are decoded in a worker and written in chunks; the chunks of requests that arrive
 * together share a transaction (`GroupCommit`); a request is answered once every chunk of it
 * is committed. A retry after a failure mid-way is safe:
 * event ids come from trace and span ids, and a span stored twice is merged, not duplicated.
 * Past the gate's bound a request is answered 503 with `Retry-After` before its body is read.
 */
export function otlpRoutes(
  router: Router,
  events: EventStore,
  decoder: IngestDecoder,
  limit: number,
  gate: IngestGate,
): void {
  const group = new GroupCommit((list) => gate.write(list.length, () => events.ingestSpans(list)));
  const ingest = async ({ req, res }: RouteContext) => {
    if (!gate.enter()) {
      req.resume();
      res.setHeader('retry-after', String(INGEST_RETRY_AFTER_S));
      sendJson(res, 503, { error: 'the collector is at its ingest bound: retry' });
      return;
    }
    try {
      const raw = await readBody(req, limit);
      const type = String(req.headers['content-type'] ?? 'application/json').toLowerCase();
      const isProto = type.includes('protobuf');
      const commits: Promise<void>[] = [];
      try {
        await decoder.decode(raw, isProto, (list) => commits.push(group.add(list)));
      } finally {
        // a body that failed to decode part-way still waits for what it queued before answering
        await Promise.allSettled(commits);
      }
      await Promise.all(commits);
      answer(res, isProto);
    } finally {
      gate.leave();
    }
  };
  router.on('POST', OTLP_TRACES_PATH, ingest);
  router.on('POST', '/v1/traces', ingest);
}

/** OTLP's success answer in the request's encoding. */
function answer(res: RouteContext['res'], isProto: boolean): void {
  if (isProto) {
    res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
    res.end();
  } else sendJson(res, 200, { partialSuccess: {} });
}
