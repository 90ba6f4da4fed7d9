import { get } from './api.js';
import type { Child } from './dom.js';
import { el, table } from './dom.js';
import { fmtCost, fmtDur, fmtNum, fmtTime, fromLocalInput, toLocalInput } from './format.js';
import type { ViewerContext } from './state.js';
import { go } from './state.js';
import type { FacetsResponse, SessionListResponse, SessionSortKey } from '../viewer-api';

/** The filters a URL may carry, each a query parameter of `/api/sessions` too. */
const FILTERS = ['project', 'source', 'user', 'event_type', 'errors', 'empty', 'q', 'from', 'to'] as const;

/** Time ranges offered, relative to now when the list is read. */
const RANGES: Record<string, { label: string; ms: number }> = {
  '15m': { label: 'Last 15 minutes', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
};

interface Column {
  key: SessionSortKey | null;
  title: string;
  numeric?: boolean;
}

/** The API query for the view's URL: a relative range becomes `from` now. */
function apiQuery(params: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of [...FILTERS, 'sort', 'dir', 'page', 'limit']) if (params.get(k)) q.set(k, params.get(k)!);
  const range = RANGES[params.get('range') ?? ''];
  if (range) q.set('from', String(Date.now() - range.ms));
  return q;
}

function select(
  id: string,
  label: string,
  all: string,
  values: readonly string[],
  value: string | null,
): HTMLSelectElement {
  const s = el('select', { id, 'aria-label': label });
  fillSelect(s, all, values, value);
  return s;
}

function fillSelect(
  s: HTMLSelectElement,
  all: string,
  values: readonly string[],
  value: string | null,
): void {
  const keep = value ?? s.value;
  const options = [el('option', { value: '' }, all), ...values.map((v) => el('option', { value: v }, v))];
  // a chosen value the data no longer offers is still shown, so the filter stays visible
  if (keep && !values.includes(keep)) options.push(el('option', { value: keep }, keep));
  s.replaceChildren(...options);
  s.value = keep;
}

type Navigate = (changes: Record<string, string | null>, keepPage?: boolean) => void;

/** Goes to the list with `changes` applied to the current URL's parameters (page 1 unless kept). */
function navigator(params: URLSearchParams): Navigate {
  return (changes, keepPage = false) => {
    const next = new URLSearchParams(params);
    next.delete('id');
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage) next.delete('page');
    go(`/?${next}`);
  };
}

/** The facet filters (project, source, user, event type), refilled on live refresh. */
interface FacetSelects {
  project: HTMLSelectElement;
  source: HTMLSelectElement;
  user: HTMLSelectElement;
  type: HTMLSelectElement;
}

function facetSelects(params: URLSearchParams, facets: FacetsResponse, navigate: Navigate): FacetSelects {
  const f: FacetSelects = {
    project: select('project-filter', 'Project', 'All projects', facets.projects, params.get('project')),
    source: select('source-filter', 'Source', 'All sources', facets.sources, params.get('source')),
    user: select('user-filter', 'User', 'All users', facets.users, params.get('user')),
    type: select('type-filter', 'Event type', 'Any event type', facets.event_types, params.get('event_type')),
  };
  f.project.addEventListener('change', () => navigate({ project: f.project.value }));
  f.source.addEventListener('change', () => navigate({ source: f.source.value }));
  f.user.addEventListener('change', () => navigate({ user: f.user.value }));
  f.type.addEventListener('change', () => navigate({ event_type: f.type.value }));
  return f;
}

function refillFacets(f: FacetSelects, facets: FacetsResponse): void {
  fillSelect(f.project, 'All projects', facets.projects, null);
  fillSelect(f.source, 'All sources', facets.sources, null);
  fillSelect(f.user, 'All users', facets.users, null);
  fillSelect(f.type, 'Any event type', facets.event_types, null);
}

/** The time range: relative ranges, or a custom from/to shown when chosen. */
function rangeControls(params: URLSearchParams, navigate: Navigate): Child[] {
  const custom = params.get('from') || params.get('to') ? 'custom' : '';
  const range = el(
    'select',
    { id: 'range', 'aria-label': 'Time range' },
    el('option', { value: '' }, 'Any time'),
    ...Object.entries(RANGES).map(([k, r]) => el('option', { value: k }, r.label)),
    el('option', { value: 'custom' }, 'Custom range'),
  );
  range.value = params.get('range') ?? custom;
  const from = el('input', { type: 'datetime-local', id: 'from', 'aria-label': 'From' });
  const to = el('input', { type: 'datetime-local', id: 'to', 'aria-label': 'To' });
  if (params.get('from')) from.value = toLocalInput(Number(params.get('from')));
  if (params.get('to')) to.value = toLocalInput(Number(params.get('to')));
  const customBox = el('span', { className: 'custom-range' }, from, to);
  customBox.hidden = range.value !== 'custom';
  range.addEventListener('change', () => {
    if (range.value === 'custom') {
      customBox.hidden = false;
      from.focus();
    } else navigate({ range: range.value, from: null, to: null });
  });
  const applyCustom = (): void =>
    navigate({
      range: null,
      from: String(fromLocalInput(from.value) ?? ''),
      to: String(fromLocalInput(to.value) ?? ''),
    });
  from.addEventListener('change', applyCustom);
  to.addEventListener('change', applyCustom);
  return [range, customBox];
}

/** A checkbox filter that is on when its parameter is `1`. */
function toggle(
  id: string,
  label: string,
  param: string,
  params: URLSearchParams,
  navigate: Navigate,
): HTMLElement {
  const box = el('input', { type: 'checkbox', id });
  box.checked = params.get(param) === '1';
  box.addEventListener('change', () => navigate({ [param]: box.checked ? '1' : null }));
  return el('label', {}, box, label);
}

/** The search box, facet filters, time range and toggles, as one search form. */
function filterForm(params: URLSearchParams, facets: FacetSelects, navigate: Navigate): HTMLFormElement {
  const search = el('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Search names, ids, inputs, outputs, errors…',
    'aria-label': 'Search',
  });
  search.value = params.get('q') ?? '';
  return el(
    'form',
    {
      className: 'filters',
      role: 'search',
      onsubmit: (e) => (e.preventDefault(), navigate({ q: search.value.trim() })),
    },
    search,
    el('button', { type: 'submit' }, 'Search'),
    facets.project,
    facets.source,
    facets.user,
    facets.type,
    ...rangeControls(params, navigate),
    toggle('errors-only', ' errors only', 'errors', params, navigate),
    toggle('show-empty', ' show empty sessions', 'empty', params, navigate),
  );
}

function columnsOf(priced: boolean): Column[] {
  return [
    { key: 'event_name', title: 'Session' },
    { key: 'project', title: 'Project' },
    { key: 'source', title: 'Source' },
    { key: 'user_id', title: 'User' },
    { key: 'start_time', title: 'Started' },
    { key: 'duration', title: 'Duration', numeric: true },
    { key: 'event_count', title: 'Events', numeric: true },
    { key: 'error_count', title: 'Errors', numeric: true },
    { key: 'total_tokens', title: 'Tokens', numeric: true },
    ...(priced ? [{ key: null, title: 'Cost', numeric: true }] : []),
    { key: null, title: 'Feedback' },
  ];
}

/** The session's feedback in a few words (`rating 5, helpful true`), its ground truth left out. */
function feedbackText(feedback: Record<string, unknown>): string {
  return Object.entries(feedback)
    .filter(([k, v]) => k !== 'ground_truth' && (typeof v !== 'object' || v === null))
    .slice(0, 3)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? fmtNum(v) : String(v)}`)
    .join(', ');
}

/** The session's name as a link, over a line of what went in and what came out. */
function nameCell(s: SessionListResponse['sessions'][number]): HTMLElement {
  const href = `#/session/${encodeURIComponent(s.session_id)}`;
  const { input, output } = s.preview;
  const preview = [input, output].filter((t) => t !== null).join(' → ');
  return el(
    'div',
    {},
    el('a', { href, className: 'session-link' }, s.event_name || s.session_id),
    preview ? el('div', { className: 'preview muted' }, preview) : null,
  );
}

/** Column headers; a sortable one is a button that sorts by it, or reverses the order. */
function sortHeaders(columns: Column[], params: URLSearchParams, navigate: Navigate): HTMLElement[] {
  const sort = params.get('sort') ?? 'start_time';
  const dir = params.get('dir') ?? (sort === 'start_time' ? 'desc' : 'asc');
  return columns.map((c) => {
    if (!c.key) return el('th', { scope: 'col', className: 'num' }, c.title);
    const active = c.key === sort;
    const key = c.key;
    const nextDir = active && dir === 'asc' ? 'desc' : active ? 'asc' : key === 'start_time' ? 'desc' : 'asc';
    return el(
      'th',
      {
        scope: 'col',
        className: c.numeric ? 'num' : '',
        'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : null,
      },
      el(
        'button',
        {
          type: 'button',
          className: 'sort',
          'data-sort': key,
          onclick: () => navigate({ sort: key, dir: nextDir }),
        },
        c.title,
        active ? (dir === 'asc' ? ' ▲' : ' ▼') : '',
      ),
    );
  });
}

/** One session's row: the whole row is a target for the mouse; the link in it is the keyboard's. */
function sessionRow(
  s: SessionListResponse['sessions'][number],
  columns: Column[],
  priced: boolean,
): HTMLElement {
  const cells: Child[] = [
    nameCell(s),
    s.project,
    s.source,
    s.user_id,
    fmtTime(s.start_time),
    fmtDur(s.duration),
    fmtNum(s.event_count),
    fmtNum(s.error_count),
    s.total_tokens ? fmtNum(s.total_tokens) : '',
    ...(priced ? [fmtCost(s.cost)] : []),
    feedbackText(s.feedback),
  ];
  return el(
    'tr',
    {
      className: 'session-row',
      'data-session': s.session_id,
      onclick: (e) =>
        (e.target as Element).closest('a,button') || go(`/session/${encodeURIComponent(s.session_id)}`),
    },
    ...cells.map((c, i) =>
      el(
        'td',
        { className: `${columns[i]?.numeric ? 'num' : ''}${i === 7 && s.error_count > 0 ? ' err' : ''}` },
        c,
      ),
    ),
  );
}

/** Previous / next, where this page is, and the page size. */
function pager(page: SessionListResponse, navigate: Navigate): HTMLElement {
  const firstRow = page.total === 0 ? 0 : (page.page - 1) * page.limit + 1;
  const lastRow = Math.min(page.page * page.limit, page.total);
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  const size = el(
    'select',
    { id: 'page-size', 'aria-label': 'Sessions per page' },
    ...[25, 50, 100, 200].map((n) => el('option', { value: n }, `${n} per page`)),
  );
  size.value = String(page.limit);
  size.addEventListener('change', () => navigate({ limit: size.value }));
  const step = (id: string, label: string, to: number, disabled: boolean) =>
    el(
      'button',
      { type: 'button', id, disabled, onclick: () => navigate({ page: String(to) }, true) },
      label,
    );
  return el(
    'nav',
    { id: 'pager', 'aria-label': 'Pages' },
    step('prev', '← Previous', page.page - 1, page.page <= 1),
    el(
      'span',
      { id: 'page-info' },
      `${fmtNum(firstRow)}–${fmtNum(lastRow)} of ${fmtNum(page.total)} · page ${page.page} of ${pages}`,
    ),
    step('next', 'Next →', page.page + 1, page.page >= pages),
    size,
  );
}

/** The sessions list: filters, search, sortable columns, pages, live refresh. */
export async function sessionsPage(ctx: ViewerContext): Promise<() => Promise<void>> {
  const { params } = ctx;
  const priced = ctx.conventions.priced;
  const read = (): Promise<[FacetsResponse, SessionListResponse]> =>
    Promise.all([
      get('/api/facets', '/api/facets'),
      get('/api/sessions', `/api/sessions?${apiQuery(params)}`),
    ]);
  const [facets, first] = await read();
  const navigate = navigator(params);
  const selects = facetSelects(params, facets, navigate);
  const columns = columnsOf(priced);
  const headers = sortHeaders(columns, params, navigate);
  const results = el('div', { id: 'results' });
  const draw = (page: SessionListResponse): void => {
    const rows = page.sessions.map((s) => sessionRow(s, columns, priced));
    results.replaceChildren(table('sessions', headers, rows, 'No sessions match.'), pager(page, navigate));
  };
  draw(first);
  ctx.root.replaceChildren(el('h1', {}, 'Sessions'), filterForm(params, selects, navigate), results);
  return async () => {
    const [f, page] = await read();
    refillFacets(selects, f);
    draw(page);
  };
}
