import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import type { EnrichmentNamespaces } from './normalize-enrichment';

/** What `enrichSession` accepts (seed 002): namespaces, a target session and tracer; other keys → metadata. */
export interface SessionEnrichment extends EnrichmentNamespaces {
  /** The session to enrich (default: the active session). */
  sessionId?: string;
  /** The tracer whose session is enriched (default: resolved like a decorator's). */
  tracer?: HoneyHiveTracer;
  [key: string]: unknown;
}
