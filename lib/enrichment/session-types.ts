import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';

/** What `enrichSession` accepts (seed 002): namespaces, a target session and tracer; other keys → metadata. */
export interface SessionEnrichment {
  metadata?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  config?: Record<string, unknown>;
  feedback?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  /** Kept as its own `user_properties` field, not merged into metadata. */
  userProperties?: Record<string, unknown>;
  /** The session to enrich (default: the active session). */
  sessionId?: string;
  /** The tracer whose session is enriched (default: resolved like a decorator's). */
  tracer?: HoneyHiveTracer;
  [key: string]: unknown;
}
