import type { EnrichmentNamespaces } from './normalize-enrichment';

/**
 * What a tracer's `enrichSession` accepts (seed 002): namespaces and a target session; other
 * keys land in metadata.
 */
export interface SessionFields extends EnrichmentNamespaces {
  /** The session to enrich (default: the active session). */
  sessionId?: string;
  [key: string]: unknown;
}
