import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import type { SessionFields } from './session-types';

/** What the free `enrichSession` accepts: a tracer's session fields, and which tracer's session. */
export interface SessionEnrichment extends SessionFields {
  /** The tracer whose session is enriched (default: resolved like a decorator's). */
  tracer?: HoneyHiveTracer;
}
