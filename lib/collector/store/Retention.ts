import { logger } from '../../internal/logger';
import { unrefTimer } from '../../internal/unref-timer';
import type { Database } from './database';
import type { PruneResult } from './prune-sessions';
import { parseRetention, pruneSessions } from './prune-sessions';

/** A retention period as ms: a positive number as it is, a string like `30d` parsed; an error otherwise. */
export function periodMs(period: string | number): number {
  if (typeof period === 'number') {
    if (!Number.isFinite(period) || period <= 0)
      throw new Error(`retention must be a positive number of ms, got ${period}`);
    return period;
  }
  return parseRetention(period);
}

/**
 * A collector's retention: with a period, prunes sessions older than it at start and then every
 * `intervalMs` (the timer never keeps the process alive), one prune at a time; `prune()` runs one
 * on demand. Failures are logged, never thrown into the server.
 */
export class Retention {
  private readonly periodMs: number | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private first: ReturnType<typeof setImmediate> | undefined;
  private running: Promise<PruneResult> | undefined;

  constructor(
    private readonly db: Database,
    period: string | number | undefined,
    intervalMs = 3_600_000,
  ) {
    this.periodMs = period === undefined ? undefined : periodMs(period);
    if (this.periodMs === undefined) return;
    const run = () =>
      void this.prune().catch((err: unknown) => logger.error('collector: retention failed', err));
    this.first = setImmediate(run);
    this.timer = setInterval(run, intervalMs);
    unrefTimer(this.timer);
  }

  /** Prunes sessions older than `olderThan` (default the configured period) now. */
  prune(olderThan?: string | number): Promise<PruneResult> {
    const ms = olderThan === undefined ? this.periodMs : periodMs(olderThan);
    if (ms === undefined) return Promise.resolve({ sessions: 0, events: 0 });
    // one prune at a time: a second call waits for the first, then runs its own
    const next = (this.running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => pruneSessions(this.db, Date.now() - ms));
    const tracked: Promise<PruneResult> = next.finally(() => {
      if (this.running === tracked) this.running = undefined;
    });
    tracked.catch(() => undefined);
    this.running = tracked;
    return next;
  }

  /** Stops the timer and waits for a prune under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearImmediate(this.first);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
