import { logger } from '../internal/logger';
import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';

/** A platform's `waitUntil`: keeps the function alive after its response until the promise settles. */
export type WaitUntil = (promise: Promise<unknown>) => void;

/**
 * The `waitUntil` among a handler's extra arguments: Cloudflare Workers' `ctx` (third argument),
 * Next.js middleware's `event`, any object with a `waitUntil` method; else `undefined`.
 */
export function waitUntilIn(args: readonly unknown[]): WaitUntil | undefined {
  for (const a of args) {
    const fn = a !== null && typeof a === 'object' ? (a as { waitUntil?: unknown }).waitUntil : undefined;
    if (typeof fn === 'function') return (p) => fn.call(a, p);
  }
  return undefined;
}

/**
 * Delivers what a request left behind: handed to `waitUntil` when the platform has one (the
 * response leaves at once, the runtime stays up until the flush ends), else awaited, bounded by
 * `timeoutMs`, before the response leaves. Never throws.
 */
export async function flushAfter(
  tracer: HoneyHiveTracer,
  waitUntil: WaitUntil | undefined,
  timeoutMs: number,
): Promise<void> {
  const flushing = tracer.flush(timeoutMs).then(
    (delivered) => {
      if (!delivered) logger.warn('spans of this request were not all delivered (see tracer.stats())');
      return delivered;
    },
    (err: unknown) => logger.error('flush after the request failed', err),
  );
  if (waitUntil) {
    try {
      waitUntil(flushing);
      return;
    } catch (err) {
      logger.warn(`waitUntil refused the flush; flushing before the response (${(err as Error).message})`);
    }
  }
  await flushing;
}
