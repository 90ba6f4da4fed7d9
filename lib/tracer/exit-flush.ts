import { globalSlot } from '../internal/global-state';
import { logger } from '../internal/logger';
import { flushThenAbandon } from './flush-then-abandon';
import { allTracers } from './TracerRegistry';

/** How long the flush at exit may take, in ms. */
export const EXIT_FLUSH_TIMEOUT_MS = 5_000;

interface ExitFlushState {
  installed: boolean;
  /** The work count at the last exit flush: no new work, no second flush. */
  lastMark: number;
}

const state = (): ExitFlushState =>
  globalSlot<ExitFlushState>('exitFlush', () => ({ installed: false, lastMark: -1 }));

/**
 * Installs, once per process, the `beforeExit` listener that delivers what tracers with
 * `flushOnExit` still hold when the app runs out of work: a bounded flush, kept alive by a timer
 * of its own (the exporter's timers are unref'd), done again only if new work appeared since.
 */
export function installExitFlush(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  process.on('beforeExit', () => {
    void flushAtExit(s);
  });
}

async function flushAtExit(s: ExitFlushState): Promise<void> {
  try {
    const tracers = allTracers().filter((t) => {
      if (!t.settings.flushOnExit) return false;
      const s = t.stats();
      return s.queued > 0 || s.sessionUpdatesPending > 0;
    });
    if (tracers.length === 0) return;
    const mark = tracers.reduce((n, t) => n + t.stats().started + t.client.sentCount, 0);
    if (mark === s.lastMark) return;
    s.lastMark = mark;
    const keepAlive = setTimeout(() => undefined, EXIT_FLUSH_TIMEOUT_MS + 100);
    try {
      await flushThenAbandon(tracers, EXIT_FLUSH_TIMEOUT_MS, 'at exit');
    } finally {
      clearTimeout(keepAlive);
    }
  } catch (err) {
    logger.error('flush at exit failed', err);
  }
}
