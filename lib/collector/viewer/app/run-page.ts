import { get, withId } from './api.js';
import { el, table } from './dom.js';
import { fmtNum, fmtPct, runLabel } from './format.js';
import type { ViewerContext } from './state.js';
import type { ViewerRoutes } from '../viewer-api';

/** A value in a table cell: text as is, anything else as compact JSON. */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'number' ? fmtNum(v) : JSON.stringify(v);
}

/** A table cell for a long value: its text, scrolling inside a bounded box. */
export function clipCell(v: unknown): HTMLElement {
  return el('td', {}, el('div', { className: 'clip' }, cellText(v)));
}

type RunResult = ViewerRoutes['/api/runs/:id']['result'];

/** Mean, min, max, count and pass rate of each metric. */
function aggregatesTable(result: RunResult, metricNames: string[]): HTMLElement {
  return table(
    'aggregates',
    ['Metric', 'Mean', 'Min', 'Max', 'Count', 'Pass rate'],
    metricNames.map((m) => {
      const a = result.metrics[m]!;
      const cells = [m, fmtNum(a.mean), fmtNum(a.min), fmtNum(a.max), fmtNum(a.count), fmtPct(a.passRate)];
      return el('tr', {}, ...cells.map((c) => el('td', {}, c)));
    }),
    'No metrics.',
  );
}

/** Each datapoint: a link to its session, inputs, ground truth, output, scores and whether it passed. */
function datapointsTable(result: RunResult, metricNames: string[]): HTMLElement {
  return table(
    'datapoints',
    ['Datapoint', 'Inputs', 'Ground truth', 'Output', ...metricNames, 'Result'],
    result.datapoints.map((d) =>
      el(
        'tr',
        { className: 'datapoint-row' },
        el(
          'td',
          {},
          el('a', { href: `#/session/${encodeURIComponent(d.session_id)}` }, d.datapoint_id ?? d.session_id),
        ),
        clipCell(d.inputs),
        clipCell(d.ground_truth),
        clipCell(d.outputs),
        ...metricNames.map((m) => el('td', { className: 'num' }, cellText(d.metrics[m]))),
        el('td', { className: d.passed ? '' : 'err' }, d.error ?? (d.passed ? 'pass' : 'fail')),
      ),
    ),
    'No datapoints.',
  );
}

/** One run: aggregates per metric and each datapoint with inputs, ground truth, output and scores. */
export async function runPage(ctx: ViewerContext): Promise<() => Promise<void>> {
  const id = ctx.params.get('id')!;
  const body = el('div', {});
  const draw = async (): Promise<void> => {
    const { run, result } = await get('/api/runs/:id', withId('/api/runs', id));
    const metricNames = Object.keys(result.metrics);
    body.replaceChildren(
      el('h1', {}, runLabel(run), ' ', el('span', { className: 'type' }, run.status)),
      el('h2', {}, 'Aggregates'),
      aggregatesTable(result, metricNames),
      el('h2', {}, 'Datapoints'),
      datapointsTable(result, metricNames),
    );
  };
  await draw();
  ctx.root.replaceChildren(el('p', {}, el('a', { href: '#/runs' }, '← Experiments')), body);
  return draw;
}
