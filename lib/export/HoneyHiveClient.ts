import { logger } from '../internal/logger';
import { PendingWork } from '../internal/PendingWork';
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
  ) {
    super(`HTTP ${status} from ${path}: ${body.slice(0, 200)}`);
    this.name = 'HttpError';
  }
}

function retryable(err: unknown): boolean {
  if (err instanceof HttpError) return err.status === 429 || err.status >= 500;
  return true;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => {
    setTimeout(r, ms).unref();
  });

/**
 * The REST side of the wire contract (session start, event updates, runs, datasets). Background
 * sends are tracked so `flush()` can wait for them; retryable failures are retried with
 * exponential backoff and then logged, never thrown into the caller. In test mode nothing is
 * sent: requests are recorded.
 */
export class HoneyHiveClient {
  private readonly pending = new PendingWork();
  private readonly recordedRequests: RecordedRequest[] = [];

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
    const p = (async () => {
      if (after) await after.catch(() => undefined);
      return this.request(method, path, body);
    })().catch((err: unknown) => {
      this.pending.fail();
      logger.error(`${method} ${path} failed`, err);
      return undefined;
    });
    return this.pending.track(p);
  }

  /** Sends now and returns the parsed answer; retries retryable failures; rejects on failure. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    if (this.options.testMode) {
      this.recordedRequests.push({
        method,
        path,
        body: body === undefined ? undefined : structuredClone(body),
      });
      return { success: true };
    }
    const attempts = this.options.attempts ?? 4;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const base = (this.options.backoffMs ?? 200) * 2 ** (attempt - 1);
        await sleep(base / 2 + Math.random() * base);
      }
      try {
        return await this.once(method, path, body);
      } catch (err) {
        lastError = err;
        if (!retryable(err)) break;
        logger.debug(`${method} ${path} attempt ${attempt + 1} failed: ${String(err)}`);
      }
    }
    throw lastError;
  }

  private async once(method: string, path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.options.serverUrl}${path}`, {
      method,
      headers: {
        ...clientHeaders(this.options.apiKey, this.options.source),
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new HttpError(res.status, path, text);
    if (text === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { raw: text };
    }
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
