import { BadRequestError } from './bad-request';
import type { OtlpScope, OtlpSpan, OtlpSpanEvent, OtlpSpanLink } from './otlp-span';
import { MAX_VALUE_DEPTH, SPAN_KINDS, usToMs } from './otlp-span';
import { ProtoReader } from './ProtoReader';

/**
 * Reads the spans of a protobuf `ExportTraceServiceRequest` straight from its bytes into the
 * collector's `OtlpSpan`s: no generic message objects, no second pass over a decoded tree. The
 * result is the same as decoding with protobufjs and reading that as OTLP/JSON
 * (spec/collector/proto-reader.spec.ts holds the two side by side).
 */
export function readProtoSpans(body: Uint8Array): OtlpSpan[] {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.length);
  const r = new ProtoReader(buf);
  const out: OtlpSpan[] = [];
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) resourceSpans(r.sub(r.range()), out);
    else r.skip(tag & 7);
  }
  return out;
}

type Range = [number, number];

function resourceSpans(r: ProtoReader, out: OtlpSpan[]): void {
  let resource: Record<string, unknown> = {};
  const scopes: Range[] = [];
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) resource = resourceOf(r.sub(r.range()));
    else if (tag === ((2 << 3) | 2)) scopes.push(r.range());
    else r.skip(tag & 7);
  }
  for (const range of scopes) scopeSpans(r.sub(range), resource, out);
}

function resourceOf(r: ProtoReader): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) keyValue(r.sub(r.range()), attributes, 0);
    else r.skip(tag & 7);
  }
  return attributes;
}

function scopeSpans(r: ProtoReader, resource: Record<string, unknown>, out: OtlpSpan[]): void {
  let scope: OtlpScope = { name: '' };
  const spans: Range[] = [];
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) scope = scopeOf(r.sub(r.range()));
    else if (tag === ((2 << 3) | 2)) spans.push(r.range());
    else r.skip(tag & 7);
  }
  for (const range of spans) out.push(span(r.sub(range), resource, scope));
}

function scopeOf(r: ProtoReader): OtlpScope {
  const scope: OtlpScope = { name: '' };
  const attributes: Record<string, unknown> = {};
  let any = false;
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) scope.name = r.string();
    else if (tag === ((2 << 3) | 2)) {
      const version = r.string();
      if (version) scope.version = version;
      else delete scope.version;
    } else if (tag === ((3 << 3) | 2)) any = keyValue(r.sub(r.range()), attributes, 0) || any;
    else r.skip(tag & 7);
  }
  if (any && Object.keys(attributes).length > 0) scope.attributes = attributes;
  return scope;
}

/** Nanoseconds in fixed64 as integer microseconds. */
function micros(r: ProtoReader): bigint {
  const [low, high] = r.fixed64();
  return ((BigInt(high) << 32n) | BigInt(low)) / 1000n;
}

function span(r: ProtoReader, resource: Record<string, unknown>, scope: OtlpScope): OtlpSpan {
  const s: OtlpSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: undefined,
    name: '',
    startUs: 0n,
    endUs: 0n,
    kind: 'UNSPECIFIED',
    attributes: {},
    resource,
    scope,
    statusCode: 0,
    statusMessage: undefined,
    events: [],
    links: [],
    droppedAttributes: 0,
    droppedEvents: 0,
    droppedLinks: 0,
  };
  while (r.more()) spanField(r, s);
  if (s.traceId.length !== 32 || s.spanId.length !== 16)
    throw new BadRequestError('a span needs a 16-byte traceId and an 8-byte spanId');
  if (s.name === '') s.name = 'span';
  return s;
}

function spanField(r: ProtoReader, s: OtlpSpan): void {
  const tag = r.varint();
  switch (tag) {
    case (1 << 3) | 2:
      s.traceId = r.bytesAs('hex');
      return;
    case (2 << 3) | 2:
      s.spanId = r.bytesAs('hex');
      return;
    case (4 << 3) | 2:
      s.parentSpanId = r.bytesAs('hex') || undefined;
      return;
    case (5 << 3) | 2:
      s.name = r.string();
      return;
    case (6 << 3) | 0:
      s.kind = SPAN_KINDS[r.varint()] ?? 'UNSPECIFIED';
      return;
    case (7 << 3) | 1:
      s.startUs = micros(r);
      return;
    case (8 << 3) | 1:
      s.endUs = micros(r);
      return;
    case (9 << 3) | 2:
      keyValue(r.sub(r.range()), s.attributes, 0);
      return;
    case (10 << 3) | 0:
      s.droppedAttributes = r.varint();
      return;
    case (11 << 3) | 2:
      s.events.push(event(r.sub(r.range())));
      return;
    case (12 << 3) | 0:
      s.droppedEvents = r.varint();
      return;
    case (13 << 3) | 2:
      s.links.push(link(r.sub(r.range())));
      return;
    case (14 << 3) | 0:
      s.droppedLinks = r.varint();
      return;
    case (15 << 3) | 2:
      status(r.sub(r.range()), s);
      return;
    default:
      r.skip(tag & 7);
  }
}

function status(r: ProtoReader, s: OtlpSpan): void {
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((2 << 3) | 2)) s.statusMessage = r.string() || undefined;
    else if (tag === ((3 << 3) | 0)) {
      const code = r.varint();
      s.statusCode = code === 1 || code === 2 ? code : 0;
    } else r.skip(tag & 7);
  }
}

function event(r: ProtoReader): OtlpSpanEvent {
  const e: OtlpSpanEvent = { name: '', time: 0, attributes: {} };
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 1)) e.time = usToMs(micros(r));
    else if (tag === ((2 << 3) | 2)) e.name = r.string();
    else if (tag === ((3 << 3) | 2)) keyValue(r.sub(r.range()), e.attributes, 0);
    else r.skip(tag & 7);
  }
  return e;
}

function link(r: ProtoReader): OtlpSpanLink {
  const l: OtlpSpanLink = { trace_id: '', span_id: '', attributes: {} };
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) l.trace_id = r.bytesAs('hex');
    else if (tag === ((2 << 3) | 2)) l.span_id = r.bytesAs('hex');
    else if (tag === ((3 << 3) | 2)) {
      const state = r.string();
      if (state) l.trace_state = state;
    } else if (tag === ((4 << 3) | 2)) keyValue(r.sub(r.range()), l.attributes, 0);
    else r.skip(tag & 7);
  }
  return l;
}

/** Reads one KeyValue into `into`; false when it had no key. A `__proto__` key stays a key. */
function keyValue(r: ProtoReader, into: Record<string, unknown>, depth: number): boolean {
  let key = '';
  let value: unknown;
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) key = r.string();
    else if (tag === ((2 << 3) | 2)) value = anyValue(r.sub(r.range()), depth);
    else r.skip(tag & 7);
  }
  if (key === '') return false;
  if (key === '__proto__')
    Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  else into[key] = value;
  return true;
}

/** An int64 from its halves: a number when exact, else its decimal string (never rounded). */
function int64([low, high]: [number, number]): number | string {
  if (high === 0) return low;
  const n = BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low));
  const asNumber = Number(n);
  return Number.isSafeInteger(asNumber) ? asNumber : n.toString();
}

function anyValue(r: ProtoReader, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH)
    throw new BadRequestError(`attribute values nest deeper than ${MAX_VALUE_DEPTH} levels`);
  let value: unknown;
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) value = r.string();
    else if (tag === ((2 << 3) | 0)) value = r.varint() !== 0;
    else if (tag === ((3 << 3) | 0)) value = int64(r.varint64());
    else if (tag === ((4 << 3) | 1)) {
      const n = r.double();
      value = Number.isFinite(n) ? n : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
    } else if (tag === ((5 << 3) | 2)) value = arrayValue(r.sub(r.range()), depth + 1);
    else if (tag === ((6 << 3) | 2)) value = kvlistValue(r.sub(r.range()), depth + 1);
    else if (tag === ((7 << 3) | 2)) value = r.bytesAs('base64');
    else r.skip(tag & 7);
  }
  return value;
}

function arrayValue(r: ProtoReader, depth: number): unknown[] {
  const out: unknown[] = [];
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) out.push(anyValue(r.sub(r.range()), depth));
    else r.skip(tag & 7);
  }
  return out;
}

function kvlistValue(r: ProtoReader, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (r.more()) {
    const tag = r.varint();
    if (tag === ((1 << 3) | 2)) keyValue(r.sub(r.range()), out, depth);
    else r.skip(tag & 7);
  }
  return out;
}
