import { logger } from '../internal/logger';
import { flushThenAbandon } from './flush-then-abandon';
import { allTracers } from './TracerRegistry';

/** Options of `registerShutdownHooks`. */
export interface ShutdownHookOptions {
  /** Longest the flush may take before the process goes on exiting, in ms. Default 5000. */
  readonly timeoutMs?: number;
  /** Signals to flush on. Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * Opt-in: on SIGTERM / SIGINT, flushes every live tracer (bounded by `timeoutMs`; what is not
 * delivered by then is given up and counted as failed in `stats()`), then lets the
 * process exit as it would have: when no other listener handles the signal, the hook removes
 * itself and raises the signal again, so the exit code and signal are the usual ones; when the
 * app has listeners of its own, they decide. A second signal during the flush exits at once.
 *
 * @returns a function that removes the hooks
 * @example
 * registerShutdownHooks({ timeoutMs: 3000 });
 */
export function registerShutdownHooks(options: ShutdownHookOptions = {}): () => void {
  // a runtime with no process signals (Workers, edge functions) has nothing to hook
  if (typeof globalThis.process?.on !== 'function') return () => undefined;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const signals = options.signals ?? (['SIGTERM', 'SIGINT'] as const);
  let flushing = false;
  const unregister = (): void => {
    for (const sig of signals) process.off(sig, handler);
  };
  const reraise = (signal: NodeJS.Signals): void => {
    unregister();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  function handler(signal: NodeJS.Signals): void {
    if (flushing) {
      reraise(signal);
      return;
    }
    flushing = true;
    const alone = process.listenerCount(signal) === 1;
    flushThenAbandon(allTracers(), timeoutMs, `on ${signal}`)
      .catch((err: unknown) => logger.error('flush on shutdown failed', err))
      .finally(() => {
        flushing = false;
        if (alone) reraise(signal);
      });
  }
  for (const sig of signals) process.on(sig, handler);
  return unregister;
}
