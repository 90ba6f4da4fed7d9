/**
 * Lets a timer not hold the process open, where the runtime's timers can (Node, Bun, Deno give
 * an object with `unref`; Workers and edge runtimes give a number, which needs nothing).
 */
export function unrefTimer(timer: unknown): void {
  (timer as { unref?: () => void } | null)?.unref?.();
}
