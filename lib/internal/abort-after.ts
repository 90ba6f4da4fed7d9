import { unrefTimer } from './unref-timer';

/** A signal that aborts after `ms` or when `other` aborts, and its release. */
export interface BoundedSignal {
  readonly signal: AbortSignal;
  /** Clears the timer and the listener on `other` (call when the request settled). */
  release(): void;
}

/**
 * `AbortSignal.any([AbortSignal.timeout(ms), other])`, built from an `AbortController` so that it
 * works where the runtime lacks `AbortSignal.any` or `AbortSignal.timeout` (Vercel's Edge
 * runtime), and without leaving a timer behind.
 */
export function abortAfter(ms: number, other: AbortSignal): BoundedSignal {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(other.reason);
  const timer = setTimeout(() => {
    const reason = new Error(`timed out after ${ms} ms`);
    reason.name = 'TimeoutError';
    controller.abort(reason);
  }, ms);
  unrefTimer(timer);
  if (other.aborted) controller.abort(other.reason);
  else other.addEventListener('abort', onAbort);
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      other.removeEventListener('abort', onAbort);
    },
  };
}
