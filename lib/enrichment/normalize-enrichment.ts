import type { NamespaceName } from '../semconv/honeyhive';
import { NAMESPACE_TABLE, NAMESPACES } from '../semconv/honeyhive';

/** The enrichment namespaces, each a nested object. */
export interface EnrichmentNamespaces {
  metadata?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  feedback?: Record<string, unknown>;
  config?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** Kept as its own namespace (`user_properties` accepted too), never merged into metadata. */
  userProperties?: Record<string, unknown>;
}

/** What `enrichSpan` accepts: namespaces, `error`, `eventName`, and any other key (→ metadata). */
export interface SpanEnrichment extends EnrichmentNamespaces {
  /** The error of this operation: a message or an Error. */
  error?: unknown;
  /** Renames the span/event. */
  eventName?: string;
  /** Any other key lands in `metadata`. */
  [key: string]: unknown;
}

/** An enrichment split into its parts. */
export interface NormalizedEnrichment {
  namespaces: Partial<Record<NamespaceName, Record<string, unknown>>>;
  error?: unknown;
  eventName?: string;
}

/** Snake_case spellings accepted too: each namespace's event field (`user_properties`), `event_name`. */
const ALIASES: Readonly<Record<string, NamespaceName | 'error' | 'eventName'>> = {
  ...Object.fromEntries(NAMESPACE_TABLE.filter((n) => n.field !== n.option).map((n) => [n.field, n.option])),
  event_name: 'eventName',
};

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Splits an enrichment into namespaces (snake_case aliases accepted), `error` and `eventName`;
 * keys outside the namespaces go to metadata. Never throws (a hostile object yields nothing).
 */
export function normalizeEnrichment(input: unknown, reserved: readonly string[] = []): NormalizedEnrichment {
  const out: NormalizedEnrichment = { namespaces: {} };
  if (!isPlainRecord(input)) return out;
  let keys: string[];
  try {
    keys = Object.keys(input);
  } catch {
    return out;
  }
  // the caller's objects are kept as they are (capture lists their keys once, within its limits);
  // only a namespace given twice (`userProperties` and `user_properties`) is merged into a copy
  let metadata: Record<string, unknown> | undefined;
  for (const rawKey of keys) {
    if (reserved.includes(rawKey)) continue;
    let value: unknown;
    try {
      value = input[rawKey];
    } catch {
      continue;
    }
    if (value === undefined) continue;
    const key = ALIASES[rawKey] ?? rawKey;
    if (key === 'error') out.error = value;
    else if (key === 'eventName') out.eventName = typeof value === 'string' ? value : String(value);
    else if (key in NAMESPACES && isPlainRecord(value)) {
      const ns = key as NamespaceName;
      const given = out.namespaces[ns];
      out.namespaces[ns] = given === undefined ? value : { ...given, ...value };
    } else {
      metadata ??= {};
      metadata[rawKey] = value;
    }
  }
  if (metadata)
    out.namespaces.metadata = out.namespaces.metadata
      ? { ...out.namespaces.metadata, ...metadata }
      : metadata;
  return out;
}
