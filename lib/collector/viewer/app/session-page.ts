import { get, withId } from './api.js';
import { copyable, el } from './dom.js';
import { eventDetail, serviceOf } from './event-detail.js';
import { fmtCost, fmtDur, fmtNum } from './format.js';
import type { ViewerContext } from './state.js';
import type { SessionDetailResponse, ViewerEvent } from '../viewer-api';

/** The session's events in tree order (children by start time), each with its depth. */
function treeOrder(
  root: ViewerEvent,
  events: readonly ViewerEvent[],
): { event: ViewerEvent; depth: number }[] {
  const byParent = new Map<string, ViewerEvent[]>();
  const ids = new Set(events.map((e) => e.event_id));
  for (const e of events) {
    const parent = e.parent_id && ids.has(e.parent_id) ? e.parent_id : root.event_id;
    byParent.set(parent, [...(byParent.get(parent) ?? []), e]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.start_time - b.start_time);
  const out = [{ event: root, depth: 0 }];
  const seen = new Set<string>([root.event_id]);
  const walk = (id: string, depth: number): void => {
    for (const e of byParent.get(id) ?? []) {
      if (seen.has(e.event_id)) continue; // a parent cycle in what a client sent must not hang the page
      seen.add(e.event_id);
      out.push({ event: e, depth });
      walk(e.event_id, depth + 1);
    }
  };
  walk(root.event_id, 1);
  return out;
}

/** A stand-in for a session whose own event never arrived. */
function syntheticRoot(id: string, events: readonly ViewerEvent[]): ViewerEvent {
  const first = events[0]!;
  const start = Math.min(...events.map((e) => e.start_time));
  const end = Math.max(...events.map((e) => e.end_time ?? e.start_time));
  return {
    ...first,
    event_id: id,
    parent_id: null,
    event_name: 'session',
    event_type: 'session',
    start_time: start,
    end_time: end,
    duration: end - start,
    error: null,
    links: [],
    span_events: [],
    tokens: null,
    cost: null,
  };
}

/** The time window of the waterfall. */
interface Window {
  readonly start: number;
  readonly end: number;
  /** Its length, never zero. */
  readonly span: number;
}

function windowOf(root: ViewerEvent, events: readonly ViewerEvent[]): Window {
  const start = Math.min(root.start_time || Infinity, ...events.map((e) => e.start_time));
  const end = Math.max(root.end_time || 0, ...events.map((e) => e.end_time || e.start_time));
  return { start, end, span: Math.max(end - start, 1e-3) };
}

/** The session's name, project, source and user, and its totals. */
function sessionHeader(
  id: string,
  root: ViewerEvent,
  data: SessionDetailResponse,
  w: Window,
  priced: boolean,
): HTMLElement[] {
  const { events } = data;
  const errors = events.filter((e) => e.error).length + (root.error ? 1 : 0);
  const user =
    root.user_properties?.user_id ?? events.find((e) => e.user_properties?.user_id)?.user_properties?.user_id;
  const fact = (term: string, ...value: HTMLElement[]) => [el('dt', {}, term), ...value];
  const tokens = data.tokens.total
    ? `${fmtNum(data.tokens.total)} (${fmtNum(data.tokens.prompt)} prompt, ${fmtNum(data.tokens.completion)} completion)`
    : '—';
  return [
    el('h1', {}, root.event_name, ' ', el('span', { className: 'type' }, 'session')),
    el(
      'p',
      { className: 'muted' },
      [root.project, root.source, user === undefined ? '' : `user ${String(user)}`]
        .filter(Boolean)
        .join(' · '),
    ),
    el(
      'dl',
      { className: 'stats', id: 'session-stats' },
      ...fact('Session id', el('dd', {}, copyable(id, 'session id'))),
      ...fact('Duration', el('dd', {}, fmtDur(w.end - w.start))),
      ...fact('Events', el('dd', {}, fmtNum(events.length))),
      ...fact('Errors', el('dd', { className: errors ? 'err' : '' }, fmtNum(errors))),
      ...fact('Tokens', el('dd', { id: 'session-tokens' }, tokens)),
      ...(priced
        ? fact('Cost', el('dd', { id: 'session-cost' }, data.cost === null ? '—' : fmtCost(data.cost)))
        : []),
    ),
  ];
}

/** Where the arrow keys, Home and End move in the tree from entry `i`. */
function keyTarget<T>(key: string, all: readonly T[], i: number): T | undefined {
  if (key === 'ArrowDown') return all[i + 1];
  if (key === 'ArrowUp') return all[i - 1];
  if (key === 'Home') return all[0];
  if (key === 'End') return all[all.length - 1];
  return undefined;
}

type Entry = { event: ViewerEvent; depth: number };

/** One tree node: the event's type, name, service and its bar in the waterfall. */
function treeNode(
  entry: Entry,
  w: Window,
  onSelect: () => void,
  onKey: (e: KeyboardEvent) => void,
): HTMLElement {
  const { event, depth } = entry;
  const bar = el('span', { className: `bar${event.error ? ' error' : ''}` });
  bar.style.left = `${((event.start_time - w.start) / w.span) * 100}%`;
  bar.style.width = `${Math.max(((event.duration || 0) / w.span) * 100, 0.5)}%`;
  const name = el(
    'span',
    { className: 'label' },
    el('span', { className: 'type' }, event.event_type),
    event.event_name,
    event.error ? el('span', { className: 'err', 'aria-label': 'error' }, ' ✕') : null,
    depth > 0 ? el('span', { className: 'service muted' }, ` ${serviceOf(event)}`) : null,
  );
  name.style.paddingLeft = `${depth * 14}px`;
  return el(
    'button',
    {
      type: 'button',
      className: 'node',
      role: 'treeitem',
      'aria-level': depth + 1,
      'aria-selected': 'false',
      'data-event': event.event_id,
      onclick: onSelect,
      onkeydown: (e) => onKey(e as KeyboardEvent),
    },
    name,
    el(
      'span',
      { className: 'timing' },
      el('span', { className: 'muted' }, fmtDur(event.duration)),
      el('span', { className: 'bar-track' }, bar),
    ),
  );
}

/** Marks the node of `eventId` selected (and focuses it when asked), the others not. */
function markSelected(tree: HTMLElement, eventId: string, focus: boolean): void {
  tree.querySelectorAll('.node').forEach((n) => {
    const on = n.getAttribute('data-event') === eventId;
    n.classList.toggle('selected', on);
    n.setAttribute('aria-selected', String(on));
    if (on && focus) (n as HTMLElement).focus();
  });
}

/** One session: header with totals, the event tree as a waterfall, and the selected event's detail. */
export async function sessionPage(ctx: ViewerContext): Promise<() => Promise<void>> {
  const id = ctx.params.get('id')!;
  let selected = ctx.params.get('event') ?? id;
  const header = el('div', { id: 'session-header' });
  const tree = el('div', { className: 'tree', id: 'tree', role: 'tree', 'aria-label': 'Events' });
  const detailBox = el('div', { className: 'detail-box' });
  let byId = new Map<string, ViewerEvent>();

  const select = (eventId: string, focus: boolean): void => {
    const e = byId.get(eventId);
    if (!e) return;
    selected = eventId;
    markSelected(tree, eventId, focus);
    detailBox.replaceChildren(eventDetail(e, ctx));
    // the URL names the selection, so a link to it opens it, without reloading the page
    const query = eventId === id ? '' : `?event=${encodeURIComponent(eventId)}`;
    history.replaceState(null, '', `#/session/${encodeURIComponent(id)}${query}`);
  };

  const draw = (data: SessionDetailResponse): void => {
    const root = data.session ?? syntheticRoot(id, data.events);
    byId = new Map([root, ...data.events].map((e) => [e.event_id, e]));
    const w = windowOf(root, data.events);
    header.replaceChildren(...sessionHeader(id, root, data, w, ctx.conventions.priced));
    const entries = treeOrder(root, data.events);
    const nodes = entries.map((entry, i) =>
      treeNode(
        entry,
        w,
        () => select(entry.event.event_id, false),
        (e) => {
          const to = keyTarget(e.key, entries, i);
          if (to) {
            e.preventDefault();
            select(to.event.event_id, true);
          }
        },
      ),
    );
    tree.replaceChildren(...nodes);
    select(byId.has(selected) ? selected : root.event_id, false);
  };

  draw(await get('/api/sessions/:id', withId('/api/sessions', id)));
  ctx.root.replaceChildren(
    el('p', {}, el('a', { href: '#/' }, '← Sessions')),
    header,
    el('div', { className: 'layout' }, tree, detailBox),
  );
  return async () => {
    const focused = document.activeElement?.closest('.node')?.getAttribute('data-event');
    draw(await get('/api/sessions/:id', withId('/api/sessions', id)));
    if (focused) tree.querySelector<HTMLElement>(`.node[data-event="${CSS.escape(focused)}"]`)?.focus();
  };
}
