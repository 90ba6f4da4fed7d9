import type { Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import { truncateString } from '../capture/sanitize';
import { ATTR } from '../semconv/honeyhive';

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

function errorStack(err: unknown): string | undefined {
  try {
    return err instanceof Error && typeof err.stack === 'string' ? err.stack : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records a thrown value on `span`: an `exception` event, status ERROR with `Type: message`,
 * `honeyhive_error` and `honeyhive_error_type`. Type, message and stack are cut to `maxLength`
 * (the capture string limit), so one huge error never makes its export batch too large, and
 * `scrub` (the value redaction rules) masks secrets in message and stack. Never
 * throws; never touches the error object beyond reading name, message and stack once.
 */
export function recordError(
  span: Span,
  err: unknown,
  maxLength = 4096,
  scrub: (s: string) => string = (s) => s,
): void {
  try {
    const type = truncateString(errorType(err), 256);
    const message = scrub(truncateString(errorMessage(err), maxLength));
    const stack = errorStack(err);
    span.recordException({
      name: type,
      message,
      stack: stack === undefined ? undefined : scrub(truncateString(stack, maxLength)),
    });
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${type}: ${message}` });
    span.setAttribute(ATTR.error, `${type}: ${message}`);
    span.setAttribute(ATTR.errorType, type);
  } catch {
    // recording is best effort
  }
}
