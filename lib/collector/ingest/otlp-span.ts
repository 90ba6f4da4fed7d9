import { BadRequestError } from './bad-request';
import type { OtlpScope, OtlpSpanEvent, OtlpSpanLink } from '../store/otlp-types';

export type { OtlpScope, OtlpSpanEvent, OtlpSpanLink } from '../store/otlp-types';

/** OTLP span kinds by their enum value. */
export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;

/** OTLP status codes by their enum value. */
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

/** A span read from an OTLP request, whatever its encoding. Times are integer microseconds. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  startUs: bigint;
  endUs: bigint;
  kind: (typeof SPAN_KINDS)[number];
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: OtlpScope;
  statusCode: number;
  statusMessage: string | undefined;
  events: OtlpSpanEvent[];
  links: OtlpSpanLink[];
  droppedAttributes: number;
  droppedEvents: number;
  droppedLinks: number;
}

export { BadRequestError };

type Any = Record<string, unknown>;

function hex(id: unknown): string {
  if (id === undefined || id === null || id === '') return '';
  if (typeof id === 'string') {
    if (/^[0-9a-fA-F]*$/.test(id)) return id.toLowerCase();
    return Buffer.from(id, 'base64').toString('hex'); // proto3 JSON mapping encodes bytes as base64
  }
  if (id instanceof Uint8Array) return Buffer.from(id).toString('hex');
  throw new BadRequestError('span ids must be hex strings or bytes');
}

/** Deepest nesting of array and kvlist values accepted; deeper is a client mistake (400). */
export const MAX_VALUE_DEPTH = 64;

/** An int64: a number when exact, else its decimal string (never rounded). */
function int64(v: unknown): number | string {
  if (typeof v === 'number') return v;
  const s = typeof v === 'object' && v !== null ? longToString(v as Any) : String(v);
  if (!/^-?\d+$/.test(s)) throw new BadRequestError(`intValue must be an integer, got ${s.slice(0, 40)}`);
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
}

function longToString(v: Any): string {
  const high = Number(v.high ?? 0);
  const low = Number(v.low ?? 0) >>> 0;
  const n = (BigInt(high) << 32n) | BigInt(low);
  return (v.unsigned ? n : BigInt.asIntN(64, n)).toString();
}

/** A double: a number, or `"NaN"` / `"Infinity"` / `"-Infinity"` (JSON has no such numbers). */
function double(v: unknown): number | string {
  const n = Number(v);
  if (Number.isFinite(n)) return n;
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
}

/** Bytes as base64, the proto3 JSON mapping of `bytes`. */
function base64(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  throw new BadRequestError('bytesValue must be base64 or bytes');
}

function list(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new BadRequestError(`${what} must be an array`);
  return v;
}

function anyValue(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return undefined;
  if (depth > MAX_VALUE_DEPTH)
    throw new BadRequestError(`attribute values nest deeper than ${MAX_VALUE_DEPTH} levels`);
  const o = v as Any;
  if ('stringValue' in o) return o.stringValue;
  if ('boolValue' in o) return o.boolValue;
  if ('intValue' in o) return int64(o.intValue);
  if ('doubleValue' in o) return double(o.doubleValue);
  if ('arrayValue' in o)
    return list((o.arrayValue as Any | undefined)?.values, 'arrayValue.values').map((x) =>
      anyValue(x, depth + 1),
    );
  if ('kvlistValue' in o) return keyValues((o.kvlistValue as Any | undefined)?.values, depth + 1);
  if ('bytesValue' in o) return base64(o.bytesValue);
  return undefined;
}

function keyValues(kvs: unknown, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list(kvs, 'attributes')) {
    const key = (kv as Any | null)?.key;
    if (typeof key !== 'string') continue;
    const value = anyValue((kv as Any).value, depth);
    // keys are data: a "__proto__" key must stay a key, never become a prototype
    if (key === '__proto__')
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

/** Nanoseconds (string, number or protobuf long) as integer microseconds. */
function nanosToUs(v: unknown): bigint {
  if (v === undefined || v === null) return 0n;
  const s = typeof v === 'object' ? longToString({ ...(v as Any), unsigned: true }) : String(v);
  if (!/^\d+$/.test(s)) throw new BadRequestError('timestamps must be unsigned integers (nanoseconds)');
  return BigInt(s) / 1000n;
}

/** Integer microseconds as epoch milliseconds (exact to the microsecond). */
export function usToMs(us: bigint): number {
  return Number(us) / 1000;
}

function scopeOf(v: unknown): OtlpScope {
  const s = (v ?? {}) as Any;
  const scope: OtlpScope = { name: typeof s.name === 'string' ? s.name : '' };
  if (typeof s.version === 'string' && s.version) scope.version = s.version;
  const attributes = keyValues(s.attributes);
  if (Object.keys(attributes).length > 0) scope.attributes = attributes;
  return scope;
}

function kindOf(v: unknown): OtlpSpan['kind'] {
  if (typeof v === 'string') {
    const name = v.replace(/^SPAN_KIND_/, '') as OtlpSpan['kind'];
    return SPAN_KINDS.includes(name) ? name : 'UNSPECIFIED';
  }
  return SPAN_KINDS[Number(v ?? 0)] ?? 'UNSPECIFIED';
}

function statusCodeOf(v: unknown): number {
  if (typeof v === 'string') {
    const i = STATUS_CODES.indexOf(v.replace(/^STATUS_CODE_/, '') as (typeof STATUS_CODES)[number]);
    return i < 0 ? 0 : i;
  }
  const n = Number(v ?? 0);
  return n === 1 || n === 2 ? n : 0;
}

/** Reads the spans of an OTLP/JSON (or decoded protobuf) `ExportTraceServiceRequest`. */
export function readOtlpSpans(request: unknown): OtlpSpan[] {
  if (!request || typeof request !== 'object')
    throw new BadRequestError('the body must be an ExportTraceServiceRequest object');
  const resourceSpans = (request as Any).resourceSpans;
  const out: OtlpSpan[] = [];
  for (const rs of list(resourceSpans, 'resourceSpans') as (Any | null)[]) {
    const resource = keyValues((rs?.resource as Any | undefined)?.attributes);
    for (const ss of list(
      rs?.scopeSpans ?? rs?.instrumentationLibrarySpans,
      'scopeSpans',
    ) as (Any | null)[]) {
      const scope = scopeOf(ss?.scope ?? ss?.instrumentationLibrary);
      for (const s of list(ss?.spans, 'spans') as Any[]) {
        if (!s || typeof s !== 'object') throw new BadRequestError('a span must be an object');
        const traceId = hex(s.traceId);
        const spanId = hex(s.spanId);
        if (traceId.length !== 32 || spanId.length !== 16)
          throw new BadRequestError('a span needs a 16-byte traceId and an 8-byte spanId');
        const status = (s.status as Any | undefined) ?? {};
        out.push({
          traceId,
          spanId,
          parentSpanId: hex(s.parentSpanId) || undefined,
          name: typeof s.name === 'string' ? s.name : 'span',
          startUs: nanosToUs(s.startTimeUnixNano),
          endUs: nanosToUs(s.endTimeUnixNano),
          kind: kindOf(s.kind),
          attributes: keyValues(s.attributes),
          resource,
          scope,
          statusCode: statusCodeOf(status.code),
          statusMessage: typeof status.message === 'string' && status.message ? status.message : undefined,
          events: (list(s.events, 'events') as (Any | null)[]).map((e) => ({
            name: String(e?.name ?? ''),
            time: usToMs(nanosToUs(e?.timeUnixNano)),
            attributes: keyValues(e?.attributes),
          })),
          links: (list(s.links, 'links') as (Any | null)[]).map((l) => {
            const link: OtlpSpanLink = {
              trace_id: hex(l?.traceId),
              span_id: hex(l?.spanId),
              attributes: keyValues(l?.attributes),
            };
            if (typeof l?.traceState === 'string' && l.traceState) link.trace_state = l.traceState;
            return link;
          }),
          droppedAttributes: Number(s.droppedAttributesCount ?? 0),
          droppedEvents: Number(s.droppedEventsCount ?? 0),
          droppedLinks: Number(s.droppedLinksCount ?? 0),
        });
      }
    }
  }
  return out;
}
