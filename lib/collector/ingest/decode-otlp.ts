import type { OtlpSpan } from './otlp-span';
import { BadRequestError } from './bad-request';
import { parseJsonBody } from './json-body';
import { readOtlpSpans } from './otlp-span';
import { readProtoSpans } from './read-proto-spans';

/** Events written per transaction when ingesting; the event loop has a turn between chunks. */
export const INGEST_CHUNK = 500;

/**
 * The spans of an OTLP trace request body (JSON or protobuf), every one checked; a body that is
 * not a valid `ExportTraceServiceRequest` is a `BadRequestError` (400).
 */
export function decodeOtlpSpans(body: Uint8Array, isProto: boolean): OtlpSpan[] {
  let request: unknown;
  try {
    if (isProto) return readProtoSpans(body);
    request = parseJsonBody(Buffer.from(body.buffer, body.byteOffset, body.length), Infinity);
  } catch (err) {
    if (err instanceof BadRequestError) throw err;
    throw new BadRequestError(
      `the body is not a valid ${isProto ? 'protobuf' : 'JSON'} ExportTraceServiceRequest`,
    );
  }
  return readOtlpSpans(request);
}
