import { unrefTimer } from './unref-timer';

/**
 * Resolves with `work`'s value, or with `fallback` once `ms` have passed, whichever is first.
 * The timer is cleared when `work` wins. It is unref'd (it never holds the process open) unless
 * `keepAlive`: then the process waits for the answer (at most `ms`), as it must when user code is
 * awaiting it and nothing else (an export stuck without a socket, say) keeps the process running.
 */
export function raceTimeout<T>(work: Promise<T>, ms: number, fallback: T, keepAlive = false): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), Math.max(0, ms));
    if (!keepAlive) unrefTimer(timer);
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}
