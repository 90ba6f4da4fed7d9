import { HttpStatusError, parseJsonBody } from './http-utils';
import { MissingDependencyError } from './load-optional';
import { decodeTraceRequest } from './otlp-proto';
import type { OtlpSpan } from './otlp-span';
import { BadRequestError, readOtlpSpans } from './otlp-span';

/** Events written per transaction when ingesting; the event loop has a turn between chunks. */
export const INGEST_CHUNK = 500;

/**
 * The spans of an OTLP trace request body (JSON or protobuf), every one checked; a body that is
 * not a valid `ExportTraceServiceRequest` is an `HttpStatusError` 400.
 */
export function decodeOtlpSpans(body: Uint8Array, isProto: boolean): OtlpSpan[] {
  let request: unknown;
  try {
    request = isProto
      ? decodeTraceRequest(body)
      : parseJsonBody(Buffer.from(body.buffer, body.byteOffset, body.length), Infinity);
  } catch (err) {
    if (err instanceof HttpStatusError || err instanceof MissingDependencyError) throw err;
    throw new HttpStatusError(
      400,
      `the body is not a valid ${isProto ? 'protobuf' : 'JSON'} ExportTraceServiceRequest`,
    );
  }
  try {
    return readOtlpSpans(request);
  } catch (err) {
    if (err instanceof BadRequestError) throw new HttpStatusError(400, err.message);
    throw err;
  }
}
