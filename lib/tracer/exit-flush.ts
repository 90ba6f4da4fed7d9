import { runtimeProcess } from '../internal/node-builtin';
import { globalSlot } from '../internal/global-state';
import { logger } from '../internal/logger';
import { flushThenAbandon } from './flush-then-abandon';
import { allTracers } from './TracerRegistry';

/** How long the flush at exit may take, in ms. */
export const EXIT_FLUSH_TIMEOUT_MS = 5_000;

interface ExitFlushState {
  installed: boolean;
  /** The exit warning is installed. */
  warning: boolean;
  /** The work count at the last exit flush: no new work, no second flush. */
  lastMark: number;
}

const state = (): ExitFlushState =>
  globalSlot<ExitFlushState>('exitFlush', () => ({ installed: false, warning: false, lastMark: -1 }));

/**
 * Installs, once per process, the `beforeExit` listener that delivers what tracers with
 * `flushOnExit` still hold when the app runs out of work: a bounded flush, kept alive by a timer
 * of its own (the exporter's timers are unref'd), done again only if new work appeared since.
 */
export function installExitFlush(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  // Workers and edge functions have no process to exit: there, `waitUntil(tracer.flush())` (see
  // docs/runtimes.md) delivers what a request leaves behind
  const proc = runtimeProcess();
  if (typeof proc?.on !== 'function') return;
  proc.on('beforeExit', () => {
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

/**
 * Installs, once per process, an `exit` listener that says what was lost when the process ends
 * with spans or session updates not delivered: `process.exit()` after an un-awaited `flush()`,
 * or a signal without `registerShutdownHooks()`. Only then, and only once: nothing is said when
 * everything went out.
 */
export function installExitWarning(): void {
  const s = state();
  if (s.warning || typeof process === 'undefined' || typeof process.on !== 'function') return;
  s.warning = true;
  process.on('exit', warnUndelivered);
}

function warnUndelivered(): void {
  try {
    let spans = 0;
    let updates = 0;
    for (const t of allTracers()) {
      const st = t.stats();
      spans += st.queued;
      updates += st.sessionUpdatesPending;
    }
    if (spans + updates === 0) return;
    logger.warn(
      `the process exited with ${spans} span(s) and ${updates} session start(s) or update(s) not delivered: ` +
        'await tracer.flush() before process.exit(), and call registerShutdownHooks() if the process ends on a signal',
    );
  } catch {
    // at exit nothing more can be done
  }
}
