import { logger } from '../internal/logger';

/** What the process-level flushes need of a tracer. */
export interface Abandoning {
  flush(timeoutMs: number): Promise<boolean>;
  abandonQueued(): number;
}

/**
 * The last flush of a process that is going away (at exit, on a signal): each tracer flushes,
 * bounded by `timeoutMs`; what is still queued or in flight then is given up and counted as
 * failed (a dead backend must not keep the process alive, export timeout after export timeout,
 * nor leave `stats()` saying the spans are still on their way), and said in one warning.
 *
 * @returns true when everything was delivered
 */
export async function flushThenAbandon(
  tracers: readonly Abandoning[],
  timeoutMs: number,
  when: string,
): Promise<boolean> {
  const delivered = await Promise.all(tracers.map((t) => t.flush(timeoutMs)));
  let lost = 0;
  for (const t of tracers) lost += t.abandonQueued();
  if (lost > 0)
    logger.warn(`${lost} span(s) not delivered ${when}: the backend did not answer within ${timeoutMs} ms`);
  else if (delivered.includes(false)) logger.warn(`the flush ${when} did not deliver everything`);
  return !delivered.includes(false) && lost === 0;
}
