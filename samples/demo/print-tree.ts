/** Prints a session's event tree, as stored by the collector. */
import type { CollectorEvent, EventStore } from '../../lib/collector';

export function printSessionTree(
  events: EventStore,
  sessionId: string,
  log: (line: string) => void = console.log,
): CollectorEvent[] {
  const list = events.sessionEvents(sessionId);
  const session = list.find((e) => e.event_id === sessionId);
  const children = new Map<string, CollectorEvent[]>();
  const ids = new Set(list.map((e) => e.event_id));
  for (const e of list) {
    if (e.event_id === sessionId) continue;
    const parent = e.parent_id && ids.has(e.parent_id) ? e.parent_id : sessionId;
    children.set(parent, [...(children.get(parent) ?? []), e]);
  }
  // box-drawing as `tree` draws it: the last child with └─, and no rail below it
  const walk = (id: string, prefix: string): void => {
    const kids = (children.get(id) ?? []).sort((a, b) => a.start_time - b.start_time);
    kids.forEach((e, i) => {
      const last = i === kids.length - 1;
      const err = e.error ? `  ✗ ${e.error}` : '';
      log(
        `${prefix}${last ? '└─' : '├─'} ${e.event_name} [${e.event_type}, ${e.source}] ${Math.round(e.duration)} ms${err}`,
      );
      walk(e.event_id, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  log(
    `● ${session?.event_name ?? sessionId}  user=${JSON.stringify(session?.user_properties ?? {})} feedback=${JSON.stringify(session?.feedback ?? {})}`,
  );
  walk(sessionId, '  ');
  return list;
}
