import type { Child } from './dom.js';
import { copyable, el, isEmpty, jsonBlock, panel } from './dom.js';
import { fmtCost, fmtDur, fmtNum, fmtTime, label } from './format.js';
import { conversation } from './messages.js';
import type { ViewerContext } from './state.js';
import type { ViewerEvent } from '../viewer-api';

/** Model parameters: the event's `config` but for the model and provider shown on their own. */
function parameters(e: ViewerEvent): Record<string, unknown> {
  const { model: _m, provider: _p, ...rest } = e.config ?? {};
  return rest;
}

/** Where a span came from: its service (resource `service.name`), else the event's source. */
export function serviceOf(e: ViewerEvent): string {
  // a hivetrace tracer names its project as service.name; the service is its source
  if (e.resource?.['hivetrace.source'] !== undefined) return e.source;
  const service = e.resource?.['service.name'];
  return typeof service === 'string' && service ? service : e.source;
}

function facts(rows: [string, Child][]): HTMLElement {
  return el('dl', { className: 'facts' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function modelPanel(e: ViewerEvent): HTMLElement {
  const t = e.tokens;
  const params = parameters(e);
  return panel(
    'Model call',
    'model',
    facts([
      ['Model', String(e.config?.model ?? e.metadata?.response_model ?? '—')],
      ['Provider', String(e.config?.provider ?? '—')],
      ['Latency', fmtDur(e.duration)],
      ...(typeof e.metrics?.time_to_first_token_ms === 'number'
        ? ([['First token', fmtDur(e.metrics.time_to_first_token_ms)]] as [string, Child][])
        : []),
      [
        'Tokens',
        t
          ? `${fmtNum(t.prompt)} prompt · ${fmtNum(t.completion)} completion · ${fmtNum(t.total)} total`
          : '—',
      ],
      ...(e.cost !== null ? ([['Cost', fmtCost(e.cost)]] as [string, Child][]) : []),
      [
        'Parameters',
        isEmpty(params)
          ? '—'
          : Object.entries(params)
              .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
              .join(' · '),
      ],
    ]),
  );
}

function spanEvents(e: ViewerEvent): HTMLElement | null {
  if (!e.span_events?.length) return null;
  return panel(
    'Span events',
    'span_events',
    ...e.span_events.map((s) => {
      const a = s.attributes ?? {};
      const at = `+${fmtDur(Math.max(0, s.time - e.start_time))}`;
      if (s.name === 'exception')
        return el(
          'div',
          { className: 'span-event exception' },
          el(
            'div',
            { className: 'err' },
            `${String(a['exception.type'] ?? 'Error')}: ${String(a['exception.message'] ?? '')}`,
            el('span', { className: 'muted' }, ` ${at}`),
          ),
          a['exception.stacktrace']
            ? el('pre', { className: 'stack' }, String(a['exception.stacktrace']))
            : null,
        );
      return el(
        'div',
        { className: 'span-event' },
        el('div', {}, s.name, el('span', { className: 'muted' }, ` ${at}`)),
        isEmpty(a) ? null : jsonBlock(a),
      );
    }),
  );
}

function links(e: ViewerEvent): HTMLElement | null {
  if (!e.links?.length) return null;
  return panel(
    'Links',
    'links',
    ...e.links.map((l) =>
      el(
        'div',
        { className: 'link' },
        l.target
          ? el(
              'a',
              {
                href: `#/session/${encodeURIComponent(l.target.session_id)}?event=${encodeURIComponent(l.target.event_id)}`,
                className: 'link-target',
              },
              'Open linked span',
            )
          : el('span', { className: 'muted' }, 'Linked span (not stored here)'),
        facts([
          ['Trace', copyable(l.trace_id, 'linked trace id')],
          ['Span', copyable(l.span_id, 'linked span id')],
        ]),
        isEmpty(l.attributes) ? null : jsonBlock(l.attributes),
      ),
    ),
  );
}

/** Everything about one event: ids, the model call and its messages, errors, span events, links, fields. */
export function eventDetail(e: ViewerEvent, ctx: ViewerContext): HTMLElement {
  const isSession = e.event_type === 'session';
  const scope =
    e.scope && 'name' in e.scope ? `${e.scope.name}${e.scope.version ? ` ${e.scope.version}` : ''}` : '';
  return el(
    'div',
    { id: 'detail', tabindex: -1 },
    el('h2', {}, e.event_name, ' ', el('span', { className: 'type' }, e.event_type)),
    el(
      'p',
      { className: 'muted' },
      [fmtTime(e.start_time), fmtDur(e.duration), serviceOf(e)].filter(Boolean).join(' · '),
    ),
    facts([
      [isSession ? 'Session id' : 'Event id', copyable(e.event_id, isSession ? 'session id' : 'event id')],
      ...(isSession ? [] : ([['Session id', copyable(e.session_id, 'session id')]] as [string, Child][])),
      ...(e.trace_id
        ? ([
            ['Trace id', copyable(e.trace_id, 'trace id')],
            ['Span id', copyable(e.span_id, 'span id')],
          ] as [string, Child][])
        : []),
      ...(e.span_kind
        ? ([
            [
              'Span',
              el(
                'span',
                { 'data-panel': 'span' },
                `${e.span_kind} · status ${e.status_code ?? 'UNSET'}${scope ? ` · ${scope}` : ''}`,
              ),
            ],
          ] as [string, Child][])
        : []),
    ]),
    e.error ? panel('Error', 'error', el('pre', { className: 'err' }, e.error)) : null,
    e.event_type === 'model' ? modelPanel(e) : null,
    e.event_type === 'model' ? ((c) => (c ? panel('Messages', 'messages', c) : null))(conversation(e)) : null,
    spanEvents(e),
    links(e),
    ...ctx.conventions.namespaces.map((n) =>
      panel(label(n.field), n.field, jsonBlock(e[n.field as keyof ViewerEvent])),
    ),
    isEmpty(e.resource) ? null : panel('Resource', 'resource', jsonBlock(e.resource)),
    isEmpty(e.attributes) ? null : panel('Raw attributes', 'attributes', jsonBlock(e.attributes)),
  );
}
