import type { Capturer } from '../capture/Capturer';
import { sanitize } from '../capture/sanitize';
import type { HoneyHiveClient } from '../export/HoneyHiveClient';
import { deepMerge } from '../internal/deep-merge';
import type { NamespaceName } from '../semconv/honeyhive';
import { EVENT_FIELDS } from '../semconv/honeyhive';

/** One session's updates: what waits to be sent (merged) and whether a send is under way. */
interface SessionBacklog {
  pending: Record<string, unknown> | undefined;
  /** A send is under way (waiting for the session start, or delivering). */
  sending: boolean;
  /** That send has taken its update (so `pending` is another one, behind it). */
  taken: boolean;
}

/**
 * Session enrichment of one tracer. `add` returns at once: the values are sanitized (bounded,
 * redacted) and deep-merged in call order into the session's backlog. At most one `PUT /events`
 * per session is under way at a time, after the session start; whatever arrives meanwhile is
 * merged into one pending update, so a long outage costs one merged update per session, not a
 * chain of requests. A send is retried until delivered or the tracer closes. `flush()` on the
 * tracer waits for it.
 */
export class SessionEnrichmentQueue {
  private readonly sessions = new Map<string, SessionBacklog>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly client: HoneyHiveClient,
    private readonly capturer: Capturer,
    private readonly sessionStarted: (sessionId: string) => Promise<unknown> | undefined,
    private readonly stopped: () => boolean,
  ) {}

  /** Queues an update for `sessionId`. */
  add(sessionId: string, namespaces: Partial<Record<NamespaceName, Record<string, unknown>>>): void {
    const delta: Record<string, unknown> = {};
    for (const [ns, value] of Object.entries(namespaces) as [NamespaceName, Record<string, unknown>][]) {
      const { limits, redact, invokeGetters } = this.capturer;
      const safe = sanitize(value, limits, redact, limits.maxBytesPerSpan, invokeGetters);
      if (safe !== undefined && safe !== null && typeof safe === 'object') delta[EVENT_FIELDS[ns]] = safe;
    }
    let backlog = this.sessions.get(sessionId);
    if (!backlog) {
      backlog = { pending: undefined, sending: false, taken: false };
      this.sessions.set(sessionId, backlog);
    }
    backlog.pending = deepMerge(backlog.pending ?? {}, delta);
    this.scheduled ??= setImmediate(() => this.sendPending());
  }

  /** True while any session has an update waiting or under way. */
  hasPending(): boolean {
    return this.sessions.size > 0;
  }

  /** Sessions whose merged update has not been handed to the client yet. */
  get waiting(): number {
    let n = 0;
    for (const b of this.sessions.values()) if (b.pending && (!b.sending || b.taken)) n++;
    return n;
  }

  /**
   * Gives up on every update not yet handed to the client (the tracer closed) and returns how
   * many sessions had one; updates under way end with the client's `abort()`.
   */
  abandon(): number {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    let n = 0;
    for (const b of this.sessions.values()) {
      if (b.pending) n++;
      b.pending = undefined;
    }
    this.sessions.clear();
    return n;
  }

  /** Sends every session's pending update that is not waiting for one under way (called by flush). */
  sendPending(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    for (const [sessionId, backlog] of this.sessions) this.sendNext(sessionId, backlog);
  }

  private sendNext(sessionId: string, backlog: SessionBacklog): void {
    if (backlog.sending) return;
    if (!backlog.pending) {
      this.sessions.delete(sessionId);
      return;
    }
    backlog.sending = true;
    void this.client.track(this.sendWhenStarted(sessionId, backlog)).then(() => {
      backlog.sending = false;
      this.sendNext(sessionId, backlog);
    });
  }

  /**
   * Waits for the session start, then takes the backlog as it is at that moment (so an outage
   * before the session exists ends in one merged update) and delivers it.
   */
  private async sendWhenStarted(sessionId: string, backlog: SessionBacklog): Promise<void> {
    await this.sessionStarted(sessionId)?.catch(() => undefined);
    const update = backlog.pending;
    backlog.pending = undefined;
    if (!update) return;
    backlog.taken = true;
    await this.client.deliver('PUT', '/events', { event_id: sessionId, ...update }, { stop: this.stopped });
  }
}
