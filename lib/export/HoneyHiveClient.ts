import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { abortAfter } from '../internal/abort-after';
import { describeError, logger } from '../internal/logger';
import { PendingWork } from '../internal/PendingWork';
import { unrefTimer } from '../internal/unref-timer';
import { clientHeaders } from './client-headers';

/** A request the client sent, or in test mode recorded instead of sending. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** Settings of a client. */
export interface HoneyHiveClientOptions {
  readonly serverUrl: string;
  readonly apiKey: string | undefined;
  readonly source: string;
  readonly timeoutMs: number;
  readonly testMode: boolean;
  /** Attempts for a retryable failure (network, 429, 5xx). Default 4. */
  readonly attempts?: number;
  /** First backoff in ms, doubled per attempt. Default 200. */
  readonly backoffMs?: number;
}

/** A non-2xx answer from the backend. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    body: string,
    /** What the backend's `Retry-After` header asked for, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status} from ${path}: ${body.slice(0, 200)}`);
    this.name = 'HttpError';
  }
}

/** The longest wait between two attempts of a delivery that retries until it succeeds. */
export const MAX_BACKOFF_MS = 30_000;

function retryable(err: unknown): boolean {
  if (err instanceof HttpError) return err.status === 408 || err.status === 429 || err.status >= 500;
  return true;
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms, capped; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 5 * MAX_BACKOFF_MS) : undefined;
}

/** Waits `ms`, or less when `signal` aborts first. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((r) => {
    if (signal.aborted) return r();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      r();
    };
    const timer = setTimeout(done, ms);
    unrefTimer(timer);
    signal.addEventListener('abort', done);
  });

/** Jittered exponential backoff for attempt `n` (1-based), or the server's `Retry-After`. */
function backoff(err: unknown, attempt: number, baseMs: number): number {
  if (err instanceof HttpError && err.retryAfterMs !== undefined) return err.retryAfterMs;
  const base = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * The REST side of the wire contract (session start, event updates, runs, datasets). Background
 * sends are tracked so `flush()` can wait for them; retryable failures are retried with
 * exponential backoff and then logged, never thrown into the caller. In test mode nothing is
 * sent: requests are recorded.
 */
export class HoneyHiveClient {
  private readonly pending = new PendingWork();
  private readonly recordedRequests: RecordedRequest[] = [];
  private sent = 0;
  /** Aborted by `abort()`: every request and wait of this client ends at once. */
  private readonly stopper = new AbortController();

  constructor(private readonly options: HoneyHiveClientOptions) {}

  /** Requests recorded in test mode. */
  get recorded(): readonly RecordedRequest[] {
    return this.recordedRequests;
  }

  /** Clears the test-mode record. */
  clearRecorded(): void {
    this.recordedRequests.length = 0;
  }

  /**
   * Sends in the background; never rejects. `after` delays the send (e.g. until the session
   * exists). Returns a promise of the answer (undefined on failure) that `flush()` also waits for.
   */
  send(method: string, path: string, body: unknown, after?: Promise<unknown>): Promise<unknown> {
    return this.background(method, path, body, after, undefined);
  }

  /** Tracks background work of the caller's (so `drain()` waits for it); never rejects. */
  track(work: Promise<unknown>): Promise<unknown> {
    return this.pending.track(work.catch((err: unknown) => logger.error('background send failed', err)));
  }

  /** Background sends started since the client was created. */
  get sentCount(): number {
    return this.sent;
  }

  /** Background sends not yet settled. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Background sends given up on since the client was created. */
  get failedCount(): number {
    return this.pending.failedTotal;
  }

  /**
   * Like `send`, but retries a retryable failure (network, 408, 429, 5xx) until it is delivered
   * or `stop()` says stop, waiting as `Retry-After` asks or with capped exponential backoff.
   */
  deliver(
    method: string,
    path: string,
    body: unknown,
    options: { readonly stop: () => boolean; readonly after?: Promise<unknown> },
  ): Promise<unknown> {
    return this.background(method, path, body, options.after, options.stop);
  }

  private background(
    method: string,
    path: string,
    body: unknown,
    after: Promise<unknown> | undefined,
    stop: (() => boolean) | undefined,
  ): Promise<unknown> {
    this.sent++;
    const p = (async () => {
      if (after) await after.catch(() => undefined);
      return this.request(method, path, body, stop);
    })().catch((err: unknown) => {
      this.pending.fail();
      // given up on by abort() (the tracer closed): counted, and said once by close()
      if (!this.stopper.signal.aborted)
        logger.error(`${method} ${this.options.serverUrl}${path} failed`, err);
      return undefined;
    });
    return this.pending.track(p);
  }

  /**
   * Sends now and returns the parsed answer; retries retryable failures (a fixed number of
   * attempts, or until `stop()` is true when it is given); rejects on failure.
   */
  async request(method: string, path: string, body?: unknown, stop?: () => boolean): Promise<unknown> {
    if (this.options.testMode) {
      this.recordedRequests.push({
        method,
        path,
        body: body === undefined ? undefined : structuredClone(body),
      });
      return { success: true };
    }
    const attempts = stop ? Infinity : (this.options.attempts ?? 4);
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        await sleep(backoff(lastError, attempt, this.options.backoffMs ?? 200), this.stopper.signal);
        if (stop?.() || this.stopper.signal.aborted) break;
      }
      if (this.stopper.signal.aborted) throw this.stopper.signal.reason;
      try {
        return await this.once(method, path, body);
      } catch (err) {
        lastError = err;
        if (!retryable(err)) break;
        logger.debug(
          `${method} ${this.options.serverUrl}${path} attempt ${attempt + 1} failed: ${describeError(err)}`,
        );
      }
    }
    throw lastError;
  }

  private async once(method: string, path: string, body: unknown): Promise<unknown> {
    // hivetrace's own calls are never traced (HTTP tracing would record them as spans)
    const bound = abortAfter(this.options.timeoutMs, this.stopper.signal);
    try {
      return await this.fetchOnce(method, path, body, bound.signal);
    } finally {
      bound.release();
    }
  }

  private async fetchOnce(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<unknown> {
    const res = await context.with(suppressTracing(context.active()), () =>
      fetch(`${this.options.serverUrl}${path}`, {
        method,
        headers: {
          ...clientHeaders(this.options.apiKey, this.options.source),
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      }),
    );
    const text = await res.text();
    logger.debug(`${method} ${this.options.serverUrl}${path} → ${res.status}`);
    if (!res.ok) throw new HttpError(res.status, path, text, parseRetryAfter(res.headers.get('retry-after')));
    if (text === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { raw: text };
    }
  }

  /**
   * Ends every request and retry of this client at once (the tracer closed): what was not
   * delivered settles as failed without a log line each; later sends fail at once.
   *
   * @param abandoned - updates the caller gave up on before handing them over, counted as failed
   */
  abort(abandoned = 0): void {
    this.stopper.abort(new Error('the tracer was closed'));
    if (abandoned > 0) this.pending.fail(abandoned);
  }

  /** Resolves when every background send started so far (and any started meanwhile) settled. */
  drain(): Promise<void> {
    return this.pending.idle();
  }

  /** Background sends that failed since the previous call; resets the count. */
  takeFailures(): number {
    return this.pending.takeFailures();
  }
}
