// hivetrace viewer. Everything captured is untrusted: it is only ever rendered with textContent
// or attribute setters, never as HTML.
'use strict';

const app = document.getElementById('app');
// the event's fields come from the collector (/api/conventions), never spelled here
let PANELS = [];
// what an OpenTelemetry span carried beyond HoneyHive's fields, shown when present
const OTEL_PANELS = [
  ['Span events', 'span_events'],
  ['Links', 'links'],
  ['Resource', 'resource'],
  ['Raw attributes', 'attributes'],
];
const label = (field) => field.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
const COLORS = ['#d9a300', '#3b6fd8', '#2e9d6a', '#c0569e', '#7b61c9', '#e06c3c'];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children)
    if (c !== null && c !== undefined)
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

async function api(path) {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${res.status} ${path}`);
  return res.json();
}

const fmtTime = (ms) => (ms ? new Date(ms).toLocaleString() : '');
// durations are kept to the microsecond: show what is meaningful at each scale
const fmtDur = (ms) =>
  ms === null || ms === undefined
    ? ''
    : ms < 1
      ? `${Math.round(ms * 1000)} µs`
      : ms < 10
        ? `${ms.toFixed(2)} ms`
        : ms < 1000
          ? `${Math.round(ms)} ms`
          : `${(ms / 1000).toFixed(2)} s`;
const isEmpty = (o) => !o || (typeof o === 'object' && Object.keys(o).length === 0);

function render(...nodes) {
  app.replaceChildren(...nodes);
}

async function sessionsPage(params) {
  const [{ projects }, { sessions }] = await Promise.all([
    api('/api/projects'),
    api(
      `/api/sessions?${new URLSearchParams({ project: params.get('project') || '', q: params.get('q') || '', errors: params.get('errors') || '' })}`,
    ),
  ]);
  const project = el(
    'select',
    { id: 'project-filter' },
    el('option', { value: '' }, 'All projects'),
    ...projects.map((p) => el('option', { value: p }, p)),
  );
  project.value = params.get('project') || '';
  const search = el('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Search sessions, events, inputs…',
  });
  search.value = params.get('q') || '';
  const errors = el('input', { type: 'checkbox', id: 'errors-only' });
  errors.checked = params.get('errors') === '1';
  const apply = () => {
    const q = new URLSearchParams();
    if (project.value) q.set('project', project.value);
    if (search.value) q.set('q', search.value);
    if (errors.checked) q.set('errors', '1');
    location.hash = `#/?${q}`;
  };
  project.addEventListener('change', apply);
  errors.addEventListener('change', apply);
  search.addEventListener('keydown', (e) => e.key === 'Enter' && apply());
  const rows = sessions.map((s) =>
    el(
      'tr',
      {
        className: 'clickable session-row',
        'data-session': s.session_id,
        onclick: () => (location.hash = `#/session/${encodeURIComponent(s.session_id)}`),
      },
      el('td', {}, s.event_name),
      el('td', {}, s.project),
      el('td', {}, s.source),
      el('td', {}, fmtTime(s.start_time)),
      el('td', {}, fmtDur(s.duration)),
      el('td', {}, s.event_count),
      el('td', { className: s.error_count > 0 ? 'err' : 'muted' }, s.error_count),
    ),
  );
  render(
    el('h1', {}, 'Sessions'),
    el('div', { className: 'filters' }, project, search, el('label', {}, errors, ' errors only')),
    el(
      'table',
      { id: 'sessions' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Session', 'Project', 'Source', 'Started', 'Duration', 'Events', 'Errors'].map((h) =>
            el('th', {}, h),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...(rows.length
          ? rows
          : [el('tr', {}, el('td', { colspan: 7, className: 'muted' }, 'No sessions yet.'))]),
      ),
    ),
  );
}

function buildTree(session, events) {
  const byParent = new Map();
  const ids = new Set(events.map((e) => e.event_id));
  for (const e of events) {
    const parent = e.parent_id && ids.has(e.parent_id) ? e.parent_id : session.event_id;
    if (!byParent.has(parent)) byParent.set(parent, []);
    byParent.get(parent).push(e);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.start_time - b.start_time);
  const out = [];
  const walk = (id, depth) => {
    for (const e of byParent.get(id) || []) {
      out.push({ event: e, depth });
      walk(e.event_id, depth + 1);
    }
  };
  out.push({ event: session, depth: 0 });
  walk(session.event_id, 1);
  return out;
}

function detail(event) {
  const panel = ([title, key]) =>
    el(
      'section',
      { className: 'panel', 'data-panel': key },
      el('h3', {}, title),
      el('pre', {}, isEmpty(event[key]) ? '—' : JSON.stringify(event[key], null, 2)),
    );
  const panels = PANELS.map(panel);
  const otel = OTEL_PANELS.filter(([, key]) => !isEmpty(event[key])).map(panel);
  const span = event.span_kind
    ? el(
        'p',
        { className: 'muted', 'data-panel': 'span' },
        `${event.span_kind} · status ${event.status_code} · ${(event.scope && event.scope.name) || 'no scope'}${
          event.scope && event.scope.version ? ` ${event.scope.version}` : ''
        } · trace ${event.trace_id} · span ${event.span_id}`,
      )
    : null;
  return el(
    'div',
    { id: 'detail' },
    el('h2', {}, event.event_name, ' ', el('span', { className: 'type' }, event.event_type)),
    el(
      'p',
      { className: 'muted' },
      `${fmtTime(event.start_time)} · ${fmtDur(event.duration)} · ${event.event_id}`,
    ),
    span,
    event.error
      ? el(
          'section',
          { className: 'panel', 'data-panel': 'error' },
          el('h3', { className: 'err' }, 'Error'),
          el('pre', {}, event.error),
        )
      : null,
    ...panels,
    ...otel,
  );
}

async function sessionPage(id) {
  const { session, events } = await api(`/api/sessions/${encodeURIComponent(id)}`);
  const root = session || {
    event_id: id,
    event_name: 'session',
    event_type: 'session',
    start_time: Math.min(...events.map((e) => e.start_time)),
    duration: 0,
  };
  const start = Math.min(root.start_time || Infinity, ...events.map((e) => e.start_time));
  const end = Math.max(root.end_time || 0, ...events.map((e) => e.end_time || e.start_time));
  const span = Math.max(end - start, 1);
  const detailBox = el('div', {}, detail(root));
  const nodes = buildTree(root, events).map(({ event, depth }) => {
    const bar = el('div', { className: `bar${event.error ? ' error' : ''}` });
    bar.style.left = `${((event.start_time - start) / span) * 100}%`;
    bar.style.width = `${Math.max(((event.duration || 0) / span) * 100, 0.5)}%`;
    const label = el(
      'div',
      { className: 'label' },
      el('span', { className: 'type' }, event.event_type),
      event.event_name,
      event.error ? el('span', { className: 'err' }, ' ✕') : null,
    );
    label.style.paddingLeft = `${depth * 14}px`;
    const node = el(
      'div',
      { className: 'node', 'data-event': event.event_id },
      label,
      el(
        'div',
        {},
        el('span', { className: 'muted' }, fmtDur(event.duration)),
        el('div', { className: 'bar-track' }, bar),
      ),
    );
    node.addEventListener('click', () => {
      document.querySelectorAll('.node.selected').forEach((n) => n.classList.remove('selected'));
      node.classList.add('selected');
      detailBox.replaceChildren(detail(event));
    });
    return node;
  });
  render(
    el('p', {}, el('a', { href: '#/' }, '← Sessions')),
    el(
      'h1',
      {},
      root.event_name,
      ' ',
      el('span', { className: 'muted' }, `${root.project || ''} · ${root.source || ''}`),
    ),
    el('div', { className: 'layout' }, el('div', { className: 'tree', id: 'tree' }, ...nodes), detailBox),
  );
}

function runsChart(runs) {
  const metrics = [...new Set(runs.flatMap((r) => Object.keys((r.result && r.result.metrics) || {})))];
  if (metrics.length === 0 || runs.length === 0)
    return el('p', { className: 'muted' }, 'No metrics to compare yet.');
  const shown = runs.slice(0, COLORS.length);
  const bar = 30;
  const group = shown.length * (bar + 6) + 40;
  const height = 160;
  const chart = svg('svg', {
    width: Math.max(360, 30 + metrics.length * group),
    height: height + 56,
    id: 'runs-chart',
    role: 'img',
  });
  metrics.forEach((m, i) => {
    const x0 = 30 + i * group;
    // each metric on its own scale: runs are compared per metric, not metrics with each other
    const max = Math.max(1e-9, ...shown.map((r) => Math.abs((r.result.metrics[m] || {}).mean || 0)));
    shown.forEach((r, j) => {
      const v = (r.result.metrics[m] || {}).mean || 0;
      const h = (Math.abs(v) / max) * height;
      const x = x0 + j * (bar + 6);
      chart.append(svg('rect', { x, y: height - h + 18, width: bar, height: h, fill: COLORS[j] }));
      chart.append(
        svg(
          'text',
          { x: x + bar / 2, y: height - h + 14, 'text-anchor': 'middle' },
          Number.isInteger(v) ? v : v.toFixed(2),
        ),
      );
    });
    chart.append(svg('text', { x: x0, y: height + 40 }, m));
  });
  const legend = el(
    'div',
    { className: 'legend' },
    ...shown.map((r, j) => {
      const sw = el('span', { className: 'swatch' });
      sw.style.background = COLORS[j];
      return el('span', {}, sw, r.name);
    }),
  );
  return el('div', { className: 'chart' }, chart, legend);
}

async function runsPage() {
  const { runs } = await api('/api/runs');
  const rows = runs.map((r) =>
    el(
      'tr',
      {
        className: 'clickable run-row',
        onclick: () => (location.hash = `#/run/${encodeURIComponent(r.run_id)}`),
      },
      el('td', {}, r.name),
      el('td', {}, r.project),
      el('td', {}, r.status),
      el('td', {}, (r.event_ids || []).length),
      el(
        'td',
        {},
        Object.entries((r.result && r.result.metrics) || {})
          .map(([k, v]) => `${k}: ${v.mean.toFixed(2)}`)
          .join(', '),
      ),
      el('td', {}, fmtTime(r.created_at)),
    ),
  );
  render(
    el('h1', {}, 'Experiments'),
    el('h2', {}, 'Compare runs (mean per metric)'),
    runsChart(runs),
    el('h2', {}, 'Runs'),
    el(
      'table',
      { id: 'runs' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Run', 'Project', 'Status', 'Datapoints', 'Metrics (mean)', 'Created'].map((h) =>
            el('th', {}, h),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...(rows.length
          ? rows
          : [el('tr', {}, el('td', { colspan: 6, className: 'muted' }, 'No runs yet.'))]),
      ),
    ),
  );
}

async function runPage(id) {
  const { run, result } = await api(`/api/runs/${encodeURIComponent(id)}`);
  const metricNames = Object.keys(result.metrics);
  const aggRows = metricNames.map((m) => {
    const a = result.metrics[m];
    return el(
      'tr',
      {},
      el('td', {}, m),
      el('td', {}, a.mean.toFixed(3)),
      el('td', {}, a.min),
      el('td', {}, a.max),
      el('td', {}, a.count),
      el('td', {}, `${Math.round(a.passRate * 100)}%`),
    );
  });
  const dpRows = result.datapoints.map((d) =>
    el(
      'tr',
      {
        className: 'clickable datapoint-row',
        onclick: () => (location.hash = `#/session/${encodeURIComponent(d.session_id)}`),
      },
      el('td', {}, d.datapoint_id || d.session_id),
      el('td', {}, JSON.stringify(d.inputs)),
      el('td', {}, JSON.stringify(d.outputs)),
      ...metricNames.map((m) => el('td', {}, d.metrics[m] === undefined ? '' : String(d.metrics[m]))),
      el('td', { className: d.passed ? '' : 'err' }, d.error || (d.passed ? 'pass' : 'fail')),
    ),
  );
  render(
    el('p', {}, el('a', { href: '#/runs' }, '← Experiments')),
    el('h1', {}, run.name, ' ', el('span', { className: 'muted' }, run.status)),
    el('h2', {}, 'Aggregates'),
    el(
      'table',
      { id: 'aggregates' },
      el(
        'thead',
        {},
        el('tr', {}, ...['Metric', 'Mean', 'Min', 'Max', 'Count', 'Pass rate'].map((h) => el('th', {}, h))),
      ),
      el('tbody', {}, ...aggRows),
    ),
    el('h2', {}, 'Datapoints'),
    el(
      'table',
      { id: 'datapoints' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Datapoint', 'Inputs', 'Outputs', ...metricNames, 'Result'].map((h) => el('th', {}, h)),
        ),
      ),
      el('tbody', {}, ...dpRows),
    ),
  );
}

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  try {
    if (PANELS.length === 0)
      PANELS = (await api('/api/conventions')).namespaces.map((n) => [label(n.field), n.field]);
    if (path.startsWith('/session/')) await sessionPage(decodeURIComponent(path.slice('/session/'.length)));
    else if (path === '/runs') await runsPage();
    else if (path.startsWith('/run/')) await runPage(decodeURIComponent(path.slice('/run/'.length)));
    else await sessionsPage(params);
  } catch (err) {
    render(el('p', { className: 'err' }, `Could not load: ${err.message}`));
  }
}

window.addEventListener('hashchange', route);
route();
