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
    tree.querySelectorAll('.node').forEach((n) => {
      const on = n.getAttribute('data-event') === eventId;
      n.classList.toggle('selected', on);
      n.setAttribute('aria-selected', String(on));
      if (on && focus) (n as HTMLElement).focus();
    });
    detailBox.replaceChildren(eventDetail(e, ctx));
    // the URL names the selection, so a link to it opens it, without reloading the page
    history.replaceState(
      null,
      '',
      `#/session/${encodeURIComponent(id)}${eventId === id ? '' : `?event=${encodeURIComponent(eventId)}`}`,
    );
  };

  const draw = (data: SessionDetailResponse): void => {
    const { events } = data;
    const root = data.session ?? syntheticRoot(id, events);
    byId = new Map([root, ...events].map((e) => [e.event_id, e]));
    const start = Math.min(root.start_time || Infinity, ...events.map((e) => e.start_time));
    const end = Math.max(root.end_time || 0, ...events.map((e) => e.end_time || e.start_time));
    const span = Math.max(end - start, 1e-3);
    const errors = events.filter((e) => e.error).length + (root.error ? 1 : 0);
    const user =
      root.user_properties?.user_id ??
      events.find((e) => e.user_properties?.user_id)?.user_properties?.user_id;
    header.replaceChildren(
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
        el('dt', {}, 'Session id'),
        el('dd', {}, copyable(id, 'session id')),
        el('dt', {}, 'Duration'),
        el('dd', {}, fmtDur(end - start)),
        el('dt', {}, 'Events'),
        el('dd', {}, fmtNum(events.length)),
        el('dt', {}, 'Errors'),
        el('dd', { className: errors ? 'err' : '' }, fmtNum(errors)),
        el('dt', {}, 'Tokens'),
        el(
          'dd',
          { id: 'session-tokens' },
          data.tokens.total
            ? `${fmtNum(data.tokens.total)} (${fmtNum(data.tokens.prompt)} prompt, ${fmtNum(data.tokens.completion)} completion)`
            : '—',
        ),
        ...(ctx.conventions.priced
          ? [
              el('dt', {}, 'Cost'),
              el('dd', { id: 'session-cost' }, data.cost === null ? '—' : fmtCost(data.cost)),
            ]
          : []),
      ),
    );
    const nodes = treeOrder(root, events).map(({ event, depth }, i, all) => {
      const bar = el('span', { className: `bar${event.error ? ' error' : ''}` });
      bar.style.left = `${((event.start_time - start) / span) * 100}%`;
      bar.style.width = `${Math.max(((event.duration || 0) / span) * 100, 0.5)}%`;
      const name = el(
        'span',
        { className: 'label' },
        el('span', { className: 'type' }, event.event_type),
        event.event_name,
        event.error ? el('span', { className: 'err', 'aria-label': 'error' }, ' ✕') : null,
        depth > 0 ? el('span', { className: 'service muted' }, ` ${serviceOf(event)}`) : null,
      );
      name.style.paddingLeft = `${depth * 14}px`;
      const node = el(
        'button',
        {
          type: 'button',
          className: 'node',
          role: 'treeitem',
          'aria-level': depth + 1,
          'aria-selected': 'false',
          'data-event': event.event_id,
          onclick: () => select(event.event_id, false),
          onkeydown: (e) => {
            const k = (e as KeyboardEvent).key;
            const to =
              k === 'ArrowDown'
                ? all[i + 1]
                : k === 'ArrowUp'
                  ? all[i - 1]
                  : k === 'Home'
                    ? all[0]
                    : k === 'End'
                      ? all[all.length - 1]
                      : undefined;
            if (to) {
              e.preventDefault();
              select(to.event.event_id, true);
            }
          },
        },
        name,
        el(
          'span',
          { className: 'timing' },
          el('span', { className: 'muted' }, fmtDur(event.duration)),
          el('span', { className: 'bar-track' }, bar),
        ),
      );
      return node;
    });
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
    if (focused)
      (tree.querySelector(`.node[data-event="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
  };
}
