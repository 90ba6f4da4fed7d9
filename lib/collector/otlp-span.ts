/** A span read from an OTLP request, whatever its encoding. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  statusCode: number;
  statusMessage: string | undefined;
  events: { name: string; timeMs: number; attributes: Record<string, unknown> }[];
}

/** Thrown for a request body that is not a valid OTLP trace export. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

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

function anyValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Any;
  if ('stringValue' in o) return o.stringValue;
  if ('boolValue' in o) return o.boolValue;
  if ('intValue' in o) return Number(o.intValue);
  if ('doubleValue' in o) return Number(o.doubleValue);
  if ('arrayValue' in o) return (((o.arrayValue as Any)?.values as unknown[]) ?? []).map(anyValue);
  if ('kvlistValue' in o) return keyValues((o.kvlistValue as Any)?.values);
  if ('bytesValue' in o) return hex(o.bytesValue);
  return undefined;
}

function keyValues(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    if (kv && typeof (kv as Any).key === 'string')
      out[(kv as Any).key as string] = anyValue((kv as Any).value);
  }
  return out;
}

function nanosToMs(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'object' && 'high' in (v as Any)) {
    const { high, low } = v as { high: number; low: number };
    return (high * 2 ** 32 + (low >>> 0)) / 1e6;
  }
  const s = String(v);
  if (!/^\d+$/.test(s)) throw new BadRequestError('timestamps must be unsigned integers (nanoseconds)');
  return Number(BigInt(s) / 1000n) / 1000;
}

/** Reads the spans of an OTLP/JSON (or decoded protobuf) `ExportTraceServiceRequest`. */
export function readOtlpSpans(request: unknown): OtlpSpan[] {
  if (!request || typeof request !== 'object')
    throw new BadRequestError('the body must be an ExportTraceServiceRequest object');
  const resourceSpans = (request as Any).resourceSpans;
  if (resourceSpans !== undefined && !Array.isArray(resourceSpans))
    throw new BadRequestError('resourceSpans must be an array');
  const out: OtlpSpan[] = [];
  for (const rs of (resourceSpans as Any[] | undefined) ?? []) {
    const resource = keyValues((rs?.resource as Any | undefined)?.attributes);
    for (const ss of (rs?.scopeSpans as Any[] | undefined) ?? []) {
      for (const s of (ss?.spans as Any[] | undefined) ?? []) {
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
          startMs: nanosToMs(s.startTimeUnixNano),
          endMs: nanosToMs(s.endTimeUnixNano),
          attributes: keyValues(s.attributes),
          resource,
          statusCode: Number(status.code ?? 0),
          statusMessage: typeof status.message === 'string' ? status.message : undefined,
          events: ((s.events as Any[] | undefined) ?? []).map((e) => ({
            name: String(e?.name ?? ''),
            timeMs: nanosToMs(e?.timeUnixNano),
            attributes: keyValues(e?.attributes),
          })),
        });
      }
    }
  }
  return out;
}
