/**
 * Resolves with `work`'s value, or with `fallback` once `ms` have passed, whichever is first.
 * The timer is unref'd and cleared, so it never holds the process open.
 */
export function raceTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), Math.max(0, ms));
    timer.unref();
  });
  return Promise.race([work.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}
