import type { Capturer } from '../capture/Capturer';
import { sanitize } from '../capture/sanitize';
import type { HoneyHiveClient } from '../export/HoneyHiveClient';
import { deepMerge } from '../internal/deep-merge';
import type { NamespaceName } from '../tracer/attribute-names';

/** Wire names of the session namespaces in `PUT /events`. */
const WIRE: Readonly<Record<NamespaceName, string>> = {
  inputs: 'inputs',
  outputs: 'outputs',
  metadata: 'metadata',
  metrics: 'metrics',
  feedback: 'feedback',
  config: 'config',
  userProperties: 'user_properties',
};

/**
 * Session enrichment of one tracer. `add` returns at once: the values are sanitized (bounded,
 * redacted), deep-merged in call order into the session's pending update, and sent as one
 * `PUT /events` in the background; a session's updates go out one after another, after its
 * session start. `flush()` on the tracer waits for them.
 */
export class SessionEnrichmentQueue {
  private readonly pending = new Map<string, Record<string, unknown>>();
  private readonly lastSend = new Map<string, Promise<unknown>>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly client: HoneyHiveClient,
    private readonly capturer: Capturer,
    private readonly sessionStarted: (sessionId: string) => Promise<unknown> | undefined,
  ) {}

  /** Queues an update for `sessionId`. */
  add(sessionId: string, namespaces: Partial<Record<NamespaceName, Record<string, unknown>>>): void {
    const delta: Record<string, unknown> = {};
    for (const [ns, value] of Object.entries(namespaces) as [NamespaceName, Record<string, unknown>][]) {
      const safe = sanitize(value, this.capturer.limits, this.capturer.redact);
      if (safe !== undefined && safe !== null && typeof safe === 'object') delta[WIRE[ns]] = safe;
    }
    const current = this.pending.get(sessionId) ?? {};
    this.pending.set(sessionId, deepMerge(current, delta));
    this.scheduled ??= setImmediate(() => this.sendPending());
  }

  /** Sends everything queued now (called by flush). */
  sendPending(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    for (const [sessionId, update] of this.pending) {
      const after = Promise.all([this.lastSend.get(sessionId), this.sessionStarted(sessionId)]);
      const sent = this.client.send('PUT', '/events', { event_id: sessionId, ...update }, after);
      this.lastSend.set(sessionId, sent);
      void sent.finally(() => {
        if (this.lastSend.get(sessionId) === sent) this.lastSend.delete(sessionId);
      });
    }
    this.pending.clear();
  }
}
