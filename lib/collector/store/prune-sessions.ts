import type { Database } from './database';

/** Sessions deleted per transaction: small, so ingest waits at most one short batch. */
export const PRUNE_BATCH = 200;

/** What a prune deleted. */
export interface PruneResult {
  sessions: number;
  events: number;
}

/**
 * Deletes up to `batch` whole sessions (the session and every event in it) whose last activity
 * ended before `cutoffMs` (epoch ms), oldest first, in one transaction. A session with any event
 * after the cutoff is kept whole: its session event's time range covers all its events.
 */
export function pruneBatch(db: Database, cutoffMs: number, batch = PRUNE_BATCH): PruneResult {
  return db.transaction(() => {
    const ids = db
      .prepare(
        "SELECT event_id FROM events WHERE event_type = 'session' AND start_time < ? AND end_time < ? ORDER BY start_time LIMIT ?",
      )
      .pluck()
      .all(cutoffMs, cutoffMs, batch) as string[];
    if (ids.length === 0) return { sessions: 0, events: 0 };
    const marks = ids.map(() => '?').join(',');
    const { changes } = db
      .prepare(`DELETE FROM events WHERE session_id IN (${marks}) OR event_id IN (${marks})`)
      .run(...ids, ...ids);
    return { sessions: ids.length, events: changes };
  })();
}

/**
 * Deletes every session older than `cutoffMs` in batches of `batch`, giving the event loop a turn
 * between batches so ingest and reads go on meanwhile.
 */
export async function pruneSessions(
  db: Database,
  cutoffMs: number,
  batch = PRUNE_BATCH,
): Promise<PruneResult> {
  const total: PruneResult = { sessions: 0, events: 0 };
  for (;;) {
    const r = pruneBatch(db, cutoffMs, batch);
    total.sessions += r.sessions;
    total.events += r.events;
    if (r.sessions < batch) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A retention period (`30d`, `12h`, `90m`, `2w`, `45s`) in ms; an error naming the value
 * otherwise.
 */
export function parseRetention(value: string): number {
  const m = /^(\d+)\s*([smhdw])$/i.exec(value.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new Error(
      `a retention period is a whole number and a unit (s, m, h, d, w), like 30d; got ${JSON.stringify(value)}`,
    );
  return ms;
}
