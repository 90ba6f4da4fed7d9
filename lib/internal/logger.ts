import { diag } from '@opentelemetry/api';

/**
 * One component logger for everything hivetrace reports about itself. Quiet unless a tracer was
 * created with `verbose`, except for warnings, which go to `console.warn` once per message so a
 * misconfiguration is visible without flooding a busy process. Everything it says also goes to
 * OpenTelemetry's `diag` API as the `hivetrace` component, so a diag logger the application
 * installed (`diag.setLogger`) receives it at its own level. Nothing it says ever holds the API key.
 */
type Level = 'debug' | 'warn' | 'error';

const component = diag.createComponentLogger({ namespace: 'hivetrace' });

/** A sink for hivetrace's own diagnostics. */
export interface DiagnosticSink {
  (level: Level, message: string): void;
}

const seenWarnings = new Set<string>();
let verboseCount = 0;
let sink: DiagnosticSink | undefined;

function emit(level: Level, message: string): void {
  const line = `[hivetrace] ${message}`;
  try {
    component[level](message);
  } catch {
    // a throwing diag logger is the application's problem, never the traced code's
  }
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
    if (!(err instanceof Error)) return String(err);
    // fetch says only "fetch failed": what happened (ECONNREFUSED 127.0.0.1:4318) is its cause
    let out = `${err.name}: ${err.message}`;
    let cause: unknown = err.cause;
    for (let depth = 0; depth < 3 && cause instanceof Error; depth++) {
      const inner: Error =
        cause instanceof AggregateError && cause.errors[0] instanceof Error ? cause.errors[0] : cause;
      out += ` (cause: ${inner.message || inner.name})`;
      cause = inner.cause;
    }
    return out;
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
