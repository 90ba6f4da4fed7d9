import type { AttributeValue, Attributes, HrTime, SpanContext } from '@opentelemetry/api';
import type { Link } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import { ByteWriter } from './ByteWriter';

/** Field numbers and wire types of OTLP's trace.proto, common.proto and resource.proto. */
const LEN = 2;
const VARINT = 0;
const I64 = 1;
const I32 = 5;

/** String values up to this length are cached with their key as one encoded attribute. */
const CACHED_VALUE_LENGTH = 96;
/** Distinct values cached per key before that key's cache starts over. */
const VALUES_PER_KEY = 256;
/** Cached attributes in all before the whole cache starts over (a few MB at most). */
const ENTRIES = 16_384;

const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

function spanFlags(ctx: SpanContext | undefined, traceFlags: number): number {
  return (traceFlags & 0xff) | HAS_IS_REMOTE | (ctx?.isRemote ? IS_REMOTE : 0);
}

/** `hr` as nanoseconds in fixed64, exactly (seconds split so no product passes 2^53). */
function writeTime(w: ByteWriter, hr: HrTime): void {
  const [seconds, nanos] = hr;
  const lowPart = (seconds & 0xffff) * 1e9;
  const highPart = Math.floor(seconds / 0x10000) * 1e9;
  const low = (lowPart % 0x100000000) + (highPart % 0x10000) * 0x10000 + nanos;
  const high =
    Math.floor(lowPart / 0x100000000) + Math.floor(highPart / 0x10000) + Math.floor(low / 0x100000000);
  w.fixed64(low % 0x100000000, high);
}

function writeAnyValue(w: ByteWriter, value: unknown): void {
  switch (typeof value) {
    case 'string':
      w.tag(1, LEN);
      w.string(value);
      return;
    case 'boolean':
      w.tag(2, VARINT);
      w.varint(value ? 1 : 0);
      return;
    case 'number':
      if (Number.isSafeInteger(value)) {
        w.tag(3, VARINT);
        w.int64(value);
      } else {
        w.tag(4, I64);
        w.double(value);
      }
      return;
    default:
      if (value instanceof Uint8Array) {
        w.tag(7, LEN);
        w.bytes(value);
      } else if (Array.isArray(value)) {
        w.tag(5, LEN);
        const at = w.begin();
        for (const item of value) {
          w.tag(1, LEN);
          const i = w.begin();
          if (item !== null && item !== undefined) writeAnyValue(w, item);
          w.end(i);
        }
        w.end(at);
      } else if (value !== null && typeof value === 'object') {
        w.tag(6, LEN);
        const at = w.begin();
        for (const k of Object.keys(value)) writeKeyValue(w, 1, k, (value as Record<string, unknown>)[k]);
        w.end(at);
      }
  }
}

function writeKeyValue(w: ByteWriter, field: number, key: string, value: unknown): void {
  w.tag(field, LEN);
  const at = w.begin();
  w.tag(1, LEN);
  w.string(key);
  w.tag(2, LEN);
  const v = w.begin();
  writeAnyValue(w, value);
  w.end(v);
  w.end(at);
}

/**
 * Encodes spans as an OTLP `ExportTraceServiceRequest` in protobuf, straight from the spans: no
 * object tree per span, no size-estimating pass. What repeats from span to span is encoded once
 * and copied after: resources and scopes, and each attribute whose value is a short string (a
 * session id, a project, an event type), key and value together. The caches are bounded.
 */
export class SpanEncoder {
  private readonly writer = new ByteWriter();
  private readonly resources = new WeakMap<object, Uint8Array>();
  private readonly scopes = new WeakMap<object, Uint8Array>();
  private attributeCache = new Map<string, Map<string, Uint8Array>>();
  private cachedEntries = 0;

  /** The request body for `spans`. */
  encode(spans: readonly ReadableSpan[]): Uint8Array {
    const w = this.writer;
    w.pos = 0;
    for (const [resource, scopes] of group(spans)) {
      w.tag(1, LEN); // resource_spans
      const rs = w.begin();
      w.raw(this.resourceBytes(resource));
      for (const list of scopes.values()) {
        w.tag(2, LEN); // scope_spans
        const ss = w.begin();
        w.raw(this.scopeBytes(list[0]!.instrumentationScope));
        for (const span of list) this.writeSpan(w, span);
        const schemaUrl = list[0]!.instrumentationScope.schemaUrl;
        if (schemaUrl) {
          w.tag(3, LEN);
          w.string(schemaUrl);
        }
        w.end(ss);
      }
      const schemaUrl = resource.schemaUrl;
      if (schemaUrl) {
        w.tag(3, LEN);
        w.string(schemaUrl);
      }
      w.end(rs);
    }
    return w.take();
  }

  private resourceBytes(resource: ReadableSpan['resource']): Uint8Array {
    let b = this.resources.get(resource);
    if (!b) {
      b = ByteWriter.encode((w) => {
        w.tag(1, LEN);
        const at = w.begin();
        writeAttributes(w, 1, resource.attributes);
        w.end(at);
      });
      this.resources.set(resource, b);
    }
    return b;
  }

  private scopeBytes(scope: ReadableSpan['instrumentationScope']): Uint8Array {
    let b = this.scopes.get(scope);
    if (!b) {
      b = ByteWriter.encode((w) => {
        w.tag(1, LEN);
        const at = w.begin();
        w.tag(1, LEN);
        w.string(scope.name);
        if (scope.version) {
          w.tag(2, LEN);
          w.string(scope.version);
        }
        const attrs = (scope as { attributes?: Attributes }).attributes;
        if (attrs) writeAttributes(w, 3, attrs);
        w.end(at);
      });
      this.scopes.set(scope, b);
    }
    return b;
  }

  private writeSpan(w: ByteWriter, span: ReadableSpan): void {
    const ctx = span.spanContext();
    w.tag(2, LEN);
    const at = w.begin();
    w.tag(1, LEN);
    w.hex(ctx.traceId);
    w.tag(2, LEN);
    w.hex(ctx.spanId);
    const state = ctx.traceState?.serialize();
    if (state) {
      w.tag(3, LEN);
      w.string(state);
    }
    const parent = span.parentSpanContext;
    if (parent?.spanId) {
      w.tag(4, LEN);
      w.hex(parent.spanId);
    }
    w.tag(5, LEN);
    w.string(span.name);
    w.tag(6, VARINT);
    w.varint(span.kind + 1);
    w.tag(7, I64);
    writeTime(w, span.startTime);
    w.tag(8, I64);
    writeTime(w, span.endTime);
    this.writeSpanAttributes(w, span.attributes);
    if (span.droppedAttributesCount) {
      w.tag(10, VARINT);
      w.varint(span.droppedAttributesCount);
    }
    for (const e of span.events) writeEvent(w, e);
    if (span.droppedEventsCount) {
      w.tag(12, VARINT);
      w.varint(span.droppedEventsCount);
    }
    for (const l of span.links) writeLink(w, l);
    if (span.droppedLinksCount) {
      w.tag(14, VARINT);
      w.varint(span.droppedLinksCount);
    }
    writeStatus(w, span.status);
    w.tag(16, I32);
    w.fixed32(spanFlags(parent, ctx.traceFlags));
    w.end(at);
  }

  /** Attributes (field 9), a short string value copied from the cache with its key. */
  private writeSpanAttributes(w: ByteWriter, attributes: Attributes): void {
    for (const key in attributes) {
      const value = attributes[key];
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.length > CACHED_VALUE_LENGTH) {
        writeKeyValue(w, 9, key, value);
        continue;
      }
      const bytes = this.cachedAttribute(key, value);
      w.raw(bytes);
    }
  }

  /** The encoded attribute `key` = `value` (field 9), from the cache or encoded into it. */
  private cachedAttribute(key: string, value: string): Uint8Array {
    let values = this.attributeCache.get(key);
    if (!values) {
      values = new Map();
      this.attributeCache.set(key, values);
    }
    let bytes = values.get(value);
    if (bytes) return bytes;
    if (this.cachedEntries >= ENTRIES) {
      this.attributeCache = new Map([[key, (values = new Map())]]);
      this.cachedEntries = 0;
    } else if (values.size >= VALUES_PER_KEY) {
      this.cachedEntries -= values.size;
      values.clear();
    }
    bytes = ByteWriter.encode((x) => writeKeyValue(x, 9, key, value));
    values.set(value, bytes);
    this.cachedEntries++;
    return bytes;
  }
}

function writeAttributes(w: ByteWriter, field: number, attributes: Attributes): void {
  for (const key in attributes) {
    const value: AttributeValue | undefined = attributes[key];
    if (value !== undefined) writeKeyValue(w, field, key, value);
  }
}

function writeEvent(w: ByteWriter, e: TimedEvent): void {
  w.tag(11, LEN);
  const at = w.begin();
  w.tag(1, I64);
  writeTime(w, e.time);
  w.tag(2, LEN);
  w.string(e.name);
  if (e.attributes) writeAttributes(w, 3, e.attributes);
  if (e.droppedAttributesCount) {
    w.tag(4, VARINT);
    w.varint(e.droppedAttributesCount);
  }
  w.end(at);
}

function writeLink(w: ByteWriter, l: Link): void {
  w.tag(13, LEN);
  const at = w.begin();
  w.tag(1, LEN);
  w.hex(l.context.traceId);
  w.tag(2, LEN);
  w.hex(l.context.spanId);
  const state = l.context.traceState?.serialize();
  if (state) {
    w.tag(3, LEN);
    w.string(state);
  }
  if (l.attributes) writeAttributes(w, 4, l.attributes);
  if (l.droppedAttributesCount) {
    w.tag(5, VARINT);
    w.varint(l.droppedAttributesCount);
  }
  w.tag(6, I32);
  w.fixed32(spanFlags(l.context, l.context.traceFlags));
  w.end(at);
}

function writeStatus(w: ByteWriter, status: ReadableSpan['status']): void {
  w.tag(15, LEN);
  const at = w.begin();
  if (status.message) {
    w.tag(2, LEN);
    w.string(status.message);
  }
  w.tag(3, VARINT);
  w.varint(status.code);
  w.end(at);
}

/** Spans by resource, then by instrumentation scope (both by identity), in first-seen order. */
type Resource = ReadableSpan['resource'];

function group(spans: readonly ReadableSpan[]): Map<Resource, Map<object, ReadableSpan[]>> {
  const out = new Map<Resource, Map<object, ReadableSpan[]>>();
  for (const span of spans) {
    let scopes = out.get(span.resource);
    if (!scopes) out.set(span.resource, (scopes = new Map()));
    const list = scopes.get(span.instrumentationScope);
    if (list) list.push(span);
    else scopes.set(span.instrumentationScope, [span]);
  }
  return out;
}
