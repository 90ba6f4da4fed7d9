import { trace } from '@opentelemetry/api';
import { Capturer } from '../capture/Capturer';
import { DEFAULT_CAPTURE_LIMITS } from '../capture/CaptureOptions';
import { logger } from '../internal/logger';
import { resolveTracer } from '../tracer/resolve-tracer';
import { applyEnrichment } from './apply-enrichment';
import type { SpanEnrichment } from './normalize-enrichment';
import { normalizeEnrichment } from './normalize-enrichment';
import type { SessionEnrichment } from './SessionEnrichment';

let fallbackCapturer: Capturer | undefined;

/**
 * Enriches the active span: namespaces (`metadata`, `metrics`, `feedback`, `config`, `inputs`,
 * `outputs`, `userProperties` / `user_properties`), `error`, `eventName`; any other key lands in
 * metadata. Repeated calls merge at leaf level.
 *
 * @returns false (doing nothing) outside a recording span
 * @example
 * enrichSpan({ metadata: { user_id: 'u1' }, metrics: { score: 0.95 }, feature: 'chat' });
 */
export function enrichSpan(enrichment: SpanEnrichment): boolean {
  const span = trace.getActiveSpan();
  if (!span || !span.isRecording()) return false;
  try {
    const capturer =
      resolveTracer()?.capturer ??
      (fallbackCapturer ??= new Capturer(DEFAULT_CAPTURE_LIMITS, { enabled: true }));
    applyEnrichment(span, capturer, normalizeEnrichment(enrichment));
    return true;
  } catch (err) {
    logger.error('enrichSpan failed', err);
    return false;
  }
}

/** Alias of `enrichSpan` (seed name). */
export function enrichCurrentSpan(attributes: SpanEnrichment): boolean {
  return enrichSpan(attributes);
}

/**
 * Enriches a session: the active one, `enrichment.sessionId`, or the legacy positional id. The
 * tracer is `enrichment.tracer`, else the one in context, else the default. Returns at once;
 * the update is deep-merged and sent in the background (`PUT /events`).
 *
 * @example
 * enrichSession({ userProperties: { plan: 'premium' }, feedback: { rating: 5 } });
 * enrichSession('3f1c…', { metadata: { completed: true } });
 */
export function enrichSession(enrichment?: SessionEnrichment): void;
export function enrichSession(sessionId: string, enrichment?: SessionEnrichment): void;
export function enrichSession(a?: string | SessionEnrichment, b?: SessionEnrichment): void {
  try {
    const enrichment = (typeof a === 'string' ? b : a) ?? {};
    const raw = enrichment as Record<string, unknown>;
    const explicit = (enrichment.tracer ?? raw.tracerInstance ?? raw.tracer_instance) as Parameters<
      typeof resolveTracer
    >[0];
    const tracer = resolveTracer(explicit);
    if (!tracer) {
      logger.warn('enrichSession: no tracer is initialised; nothing recorded');
      return;
    }
    const sessionId =
      typeof a === 'string' ? a : (enrichment.sessionId ?? (raw.session_id as string | undefined));
    if (sessionId !== undefined) tracer.enrichSession(sessionId, enrichment);
    else tracer.enrichSession(enrichment);
  } catch (err) {
    logger.error('enrichSession failed', err);
  }
}
