/**
 * One component logger for everything hivetrace reports about itself. Quiet unless a tracer was
 * created with `verbose`, except for warnings, which go to `console.warn` once per message so a
 * misconfiguration is visible without flooding a busy process.
 */
type Level = 'debug' | 'warn' | 'error';

/** A sink for hivetrace's own diagnostics. */
export interface DiagnosticSink {
  (level: Level, message: string): void;
}

const seenWarnings = new Set<string>();
let verboseCount = 0;
let sink: DiagnosticSink | undefined;

function emit(level: Level, message: string): void {
  const line = `[hivetrace] ${message}`;
  if (sink) {
    sink(level, line);
    return;
  }
  if (level === 'debug') {
    if (verboseCount > 0) console.debug(line);
    return;
  }
  if (level === 'warn') {
    if (verboseCount === 0 && seenWarnings.has(message)) return;
    if (seenWarnings.size < 1000) seenWarnings.add(message);
    console.warn(line);
    return;
  }
  if (verboseCount > 0 || !seenWarnings.has(message)) {
    if (seenWarnings.size < 1000) seenWarnings.add(message);
    console.error(line);
  }
}

/** Describes an unknown thrown value without ever throwing itself. */
export function describeError(err: unknown): string {
  try {
    if (err instanceof Error) return `${err.name}: ${err.message}`;
    return String(err);
  } catch {
    return 'unprintable error';
  }
}

export const logger = {
  debug(message: string): void {
    if (verboseCount > 0 || sink) emit('debug', message);
  },
  warn(message: string): void {
    emit('warn', message);
  },
  error(message: string, err?: unknown): void {
    emit('error', err === undefined ? message : `${message}: ${describeError(err)}`);
  },
  /** A verbose tracer turns debug output on for as long as it lives. */
  retainVerbose(): () => void {
    verboseCount++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        verboseCount--;
      }
    };
  },
  /** Redirects diagnostics (tests use this to assert on what was logged). */
  setSink(next: DiagnosticSink | undefined): void {
    sink = next;
    seenWarnings.clear();
  },
};
