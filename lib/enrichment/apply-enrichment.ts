import type { Span } from '@opentelemetry/api';
import type { Capturer } from '../capture/Capturer';
import { truncateString } from '../capture/sanitize';
import type { NamespaceName } from '../semconv/honeyhive';
import { ATTR, NAMESPACES } from '../semconv/honeyhive';
import type { NormalizedEnrichment } from './normalize-enrichment';

/**
 * Writes a normalized enrichment onto a span: each namespace flattened (bounded, redacted) under
 * `honeyhive_<namespace>`, so repeated calls merge at leaf level; `error` as `honeyhive_error`;
 * `eventName` renames the span.
 */
export function applyEnrichment(span: Span, capturer: Capturer, e: NormalizedEnrichment): void {
  for (const [ns, value] of Object.entries(e.namespaces) as [NamespaceName, Record<string, unknown>][]) {
    capturer.capture(span, NAMESPACES[ns], value);
  }
  if (e.error !== undefined && e.error !== null) {
    const isError = e.error instanceof Error;
    const message = isError ? `${(e.error as Error).name}: ${(e.error as Error).message}` : String(e.error);
    const bounded = truncateString(message, capturer.limits.maxStringLength);
    span.setAttribute(ATTR.error, capturer.redact ? capturer.redact.value(bounded) : bounded);
    if (isError) span.setAttribute(ATTR.errorType, (e.error as Error).name);
  }
  if (e.eventName) {
    const name = truncateString(String(e.eventName), capturer.limits.maxStringLength);
    span.updateName(name);
    span.setAttribute(ATTR.eventName, name);
  }
}
