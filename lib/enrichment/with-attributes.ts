import { context } from '@opentelemetry/api';
import { logger } from '../internal/logger';
import type { ContextAttributes } from '../tracer/context-attributes';
import { mergeContextAttributes } from '../tracer/context-attributes';

/**
 * Runs `fn` with attributes that every span started inside receives, third-party
 * instrumentors' spans included (like OpenInference's `using_attributes`). Nested calls merge.
 * Returns fn's value unchanged (sync stays sync).
 *
 * @example
 * await withAttributes({ userId: 'u-42', metadata: { feature: 'chat' } }, () => client.chat.completions.create(req));
 */
export function withAttributes<T>(attributes: ContextAttributes, fn: () => T): T {
  let ctx;
  try {
    ctx = mergeContextAttributes(context.active(), attributes ?? {});
  } catch (err) {
    logger.error('withAttributes failed; running without attributes', err);
    return fn();
  }
  return context.with(ctx, fn);
}
