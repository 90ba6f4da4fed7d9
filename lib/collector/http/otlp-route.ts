import { OTLP_TRACES_PATH } from '../../semconv/honeyhive';
import type { EventStore } from '../store/EventStore';
import { readBody, sendJson } from './http-utils';
import type { IngestDecoder } from '../ingest/IngestDecoder';
import type { RouteContext, Router } from './Router';

/**
 * OTLP/HTTP trace ingest, JSON and protobuf, at the HoneyHive path and the standard one. Large
 * bodies are decoded in a worker and written in chunks, each chunk in its own transaction; the
 * request is answered once every chunk is committed. A retry after a failure mid-way is safe:
 * event ids come from trace and span ids, and a span stored twice is merged, not duplicated.
 */
export function otlpRoutes(router: Router, events: EventStore, decoder: IngestDecoder, limit: number): void {
  const ingest = async ({ req, res }: RouteContext) => {
    const raw = await readBody(req, limit);
    const type = String(req.headers['content-type'] ?? 'application/json').toLowerCase();
    const isProto = type.includes('protobuf');
    await decoder.decode(raw, isProto, (list) => events.ingestSpans(list));
    if (isProto) {
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
      res.end();
    } else sendJson(res, 200, { partialSuccess: {} });
  };
  router.on('POST', OTLP_TRACES_PATH, ingest);
  router.on('POST', '/v1/traces', ingest);
}
