import type { CollectorEvent } from '../store/CollectorEvent';

/** Most events one group transaction takes, so one write never holds the event loop for long. */
export const GROUP_MAX_EVENTS = 2000;

interface Pending {
  events: CollectorEvent[];
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Group commit for ingest: the chunks of every request that arrived in the same turn of the event
 * loop are written in one transaction (up to `GROUP_MAX_EVENTS` events), so concurrent clients
 * share commits. Each request is answered only once its own events committed. If
 * a group fails, its requests are written again one by one, so one bad request fails only itself.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    /** Writes events in one transaction; throws when it rolled back. */
    private readonly write: (events: CollectorEvent[]) => void,
  ) {}

  /** Queues a chunk of events; resolves once they are committed. */
  add(events: CollectorEvent[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    let count = 0;
    let take = 0;
    while (
      take < this.queue.length &&
      (take === 0 || count + this.queue[take]!.events.length <= GROUP_MAX_EVENTS)
    )
      count += this.queue[take++]!.events.length;
    const group = this.queue.splice(0, take);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (group.length === 1) return this.one(group[0]!);
    try {
      this.write(group.flatMap((p) => p.events));
    } catch {
      for (const p of group) this.one(p);
      return;
    }
    for (const p of group) p.resolve();
  }

  private one(p: Pending): void {
    try {
      this.write(p.events);
      p.resolve();
    } catch (err) {
      p.reject(err);
    }
  }
}
