import type { EventStore } from './EventStore';
import { HttpStatusError, parseJsonBody, readBody, sendJson } from './http-utils';
import { decodeTraceRequest } from './otlp-proto';
import { BadRequestError, readOtlpSpans } from './otlp-span';
import type { Router } from './Router';
import { spanToEvent } from './span-to-event';

/** OTLP/HTTP trace ingest, JSON and protobuf, at the HoneyHive path and the standard one. */
export function otlpRoutes(router: Router, events: EventStore, limit: number): void {
  const ingest = async ({ req, res }: Parameters<Parameters<Router['on']>[2]>[0]) => {
    const raw = await readBody(req, limit);
    const type = String(req.headers['content-type'] ?? 'application/json').toLowerCase();
    const isProto = type.includes('protobuf');
    let request: unknown;
    try {
      request = isProto ? decodeTraceRequest(raw) : parseJsonBody(raw);
    } catch (err) {
      if (err instanceof HttpStatusError) throw err;
      if ((err as Error)?.name === 'MissingDependencyError') throw err;
      throw new HttpStatusError(
        400,
        `the body is not a valid ${isProto ? 'protobuf' : 'JSON'} ExportTraceServiceRequest`,
      );
    }
    let spans;
    try {
      spans = readOtlpSpans(request);
    } catch (err) {
      if (err instanceof BadRequestError) throw new HttpStatusError(400, err.message);
      throw err;
    }
    events.ingestSpans(spans.map(spanToEvent));
    if (isProto) {
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
      res.end();
    } else sendJson(res, 200, { partialSuccess: {} });
  };
  router.on('POST', '/opentelemetry/v1/traces', ingest);
  router.on('POST', '/v1/traces', ingest);
}
