import { createHash } from 'node:crypto';

const uuidOf = (h: string): string =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

/**
 * A deterministic UUID-shaped event id for a span, hashed from its whole trace id and span id
 * (48 hex digits do not fit in a UUID's 32 without loss, and folding them collides: trace …01
 * with span …02 against trace …02 with span …01). Two traces that share half their id, as
 * zero-padded 64-bit B3 ids do, stay apart.
 */
export function spanEventId(traceId: string, spanId: string): string {
  return uuidOf(createHash('sha1').update(traceId).update(spanId).digest('hex'));
}

/** The session of a trace that names none: the trace id itself, UUID-shaped. */
export function traceSessionId(traceId: string): string {
  return uuidOf(traceId.padStart(32, '0'));
}
