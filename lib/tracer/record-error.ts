import type { Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import { ATTR } from './attribute-names';

function errorType(err: unknown): string {
  try {
    if (err instanceof Error) return err.name || err.constructor?.name || 'Error';
    return typeof err;
  } catch {
    return 'Error';
  }
}

function errorMessage(err: unknown): string {
  try {
    if (err instanceof Error) return String(err.message);
    return String(err);
  } catch {
    return 'unprintable error';
  }
}

/**
 * Records a thrown value on `span`: `recordException`, status ERROR with `Type: message`,
 * `honeyhive_error` and `honeyhive_error_type`. Never throws; never touches the error object.
 */
export function recordError(span: Span, err: unknown): void {
  try {
    const type = errorType(err);
    const message = errorMessage(err).slice(0, 4096);
    if (err instanceof Error) span.recordException(err);
    else span.recordException({ name: type, message });
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${type}: ${message}` });
    span.setAttribute(ATTR.error, `${type}: ${message}`);
    span.setAttribute(ATTR.errorType, type);
  } catch {
    // recording is best effort
  }
}
