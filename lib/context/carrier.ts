import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';

/** Header containers hivetrace accepts: plain objects (any case, string or string[] values) and fetch `Headers`. */
export type Carrier = Record<string, unknown> | Headers;

function isHeaders(c: unknown): c is Headers {
  return typeof Headers !== 'undefined' && c instanceof Headers;
}

function first(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(',') : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

/** Reads headers case-insensitively from plain objects, Node's incoming headers and `Headers`. */
export const carrierGetter: TextMapGetter<Carrier> = {
  keys(carrier) {
    if (isHeaders(carrier)) return [...carrier.keys()];
    return Object.keys(carrier);
  },
  get(carrier, key) {
    if (isHeaders(carrier)) return carrier.get(key) ?? undefined;
    const direct = carrier[key];
    if (direct !== undefined) return first(direct);
    const lower = key.toLowerCase();
    for (const k of Object.keys(carrier)) if (k.toLowerCase() === lower) return first(carrier[k]);
    return undefined;
  },
};

/** Writes headers into plain objects and `Headers`. */
export const carrierSetter: TextMapSetter<Carrier> = {
  set(carrier, key, value) {
    if (isHeaders(carrier)) carrier.set(key, value);
    else carrier[key] = value;
  },
};
