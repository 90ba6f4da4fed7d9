import { get, withId } from './api.js';
import { el, table } from './dom.js';
import { COLORS, legend, runsChart } from './chart.js';
import { fmtDelta, fmtNum, runLabel } from './format.js';
import { cellText, clipCell } from './run-page.js';
import type { ViewerContext } from './state.js';
import type { RunResponse } from '../viewer-api';
import type { RunResultDatapoint } from '../../store/store-types';

/** The key datapoints are matched by across runs: the datapoint id, else the position. */
const keyOf = (d: RunResultDatapoint, i: number): string => d.datapoint_id ?? `#${i + 1}`;

/** A metric cell: the value, and for every run but the first its difference, highlighted. */
function metricCell(value: unknown, base: unknown, isBase: boolean): HTMLElement {
  const cell = el('td', { className: 'num' }, cellText(value));
  if (isBase || value === undefined) return cell;
  if (typeof value === 'number' && typeof base === 'number') {
    const d = value - base;
    // rounded as shown: a difference only in the 16th digit is no difference to a reader
    if (fmtDelta(d) && fmtNum(value) !== fmtNum(base)) {
      cell.classList.add('diff', d > 0 ? 'up' : 'down');
      cell.append(el('span', { className: 'delta' }, ` ${fmtDelta(d)}`));
    }
  } else if (JSON.stringify(value) !== JSON.stringify(base)) cell.classList.add('diff');
  return cell;
}

/** Every datapoint key in first-seen order, and each run's datapoints (all repetitions) by key. */
function matchDatapoints(runs: RunResponse[]): {
  keys: string[];
  byRun: Map<string, RunResultDatapoint[]>[];
} {
  const keys: string[] = [];
  const byRun = runs.map((r) => {
    const m = new Map<string, RunResultDatapoint[]>();
    r.result.datapoints.forEach((d, i) => {
      const k = keyOf(d, i);
      if (!keys.includes(k)) keys.push(k);
      m.set(k, [...(m.get(k) ?? []), d]);
    });
    return m;
  });
  return { keys, byRun };
}

/** A metric over a datapoint's repetitions: the mean, and min, max and count when it ran more than once. */
interface Spread {
  mean: number | undefined;
  min: number;
  max: number;
  n: number;
}

function spreadOf(points: readonly RunResultDatapoint[] | undefined, metric: string): Spread | undefined {
  const values = (points ?? [])
    .map((p) => p.metrics[metric])
    .filter((v): v is number | boolean => typeof v === 'number' || typeof v === 'boolean')
    .map(Number);
  if (values.length === 0) return undefined;
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
  };
}

/** A datapoint regressed when, in a later run, a metric's mean fell below the first run's. */
function regressed(byRun: Map<string, RunResultDatapoint[]>[], key: string, metrics: string[]): boolean {
  return metrics.some((m) => {
    const base = spreadOf(byRun[0]!.get(key), m)?.mean;
    return (
      base !== undefined && byRun.slice(1).some((r) => (spreadOf(r.get(key), m)?.mean ?? base) < base - 1e-9)
    );
  });
}

/** A metric cell over repetitions: the mean (differences against the first run), the spread when it ran more than once. */
function spreadCell(s: Spread | undefined, base: Spread | undefined, isBase: boolean): HTMLElement {
  const cell = metricCell(s?.mean, base?.mean, isBase);
  if (s && s.n > 1)
    cell.append(
      el(
        'span',
        { className: 'spread muted', title: `${s.n} repetitions` },
        ` (${fmtNum(s.min)}–${fmtNum(s.max)}, ×${s.n})`,
      ),
    );
  return cell;
}

/** A column head for run `j`, with its colour swatch. */
function runHead(runs: RunResponse[], title: string, j: number): HTMLElement {
  const sw = el('span', { className: 'swatch', 'aria-hidden': 'true' });
  sw.style.background = COLORS[j % COLORS.length]!;
  return el('th', { scope: 'col', title: runLabel(runs[j]!.run) }, sw, `${title} · #${j + 1}`);
}

/** The mean of each metric per run, differences against the first run highlighted. */
function aggregatesTable(runs: RunResponse[], metrics: string[]): HTMLElement {
  const rows = metrics.map((m) => {
    const base = runs[0]!.result.metrics[m]?.mean;
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, m),
      ...runs.map((r, j) => metricCell(r.result.metrics[m]?.mean, base, j === 0)),
    );
  });
  return el(
    'table',
    { id: 'compare-aggregates' },
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col' }, 'Metric'), ...runs.map((_, j) => runHead(runs, 'mean', j))),
    ),
    el('tbody', {}, ...rows),
  );
}

/**
 * Each datapoint across the runs: inputs, ground truth, every run's output and scores (means over
 * repetitions, with their spread); the datapoints that regressed first.
 */
function datapointsTable(runs: RunResponse[], metrics: string[]): HTMLElement {
  const { keys, byRun } = matchDatapoints(runs);
  // the datapoints that regressed come first, marked
  const worse = new Set(keys.filter((k) => regressed(byRun, k, metrics)));
  const ordered = [...keys.filter((k) => worse.has(k)), ...keys.filter((k) => !worse.has(k))];
  const rows = ordered.map((k) => {
    const groups = byRun.map((m) => m.get(k));
    const points = groups.map((g) => g?.[0]);
    const any = points.find(Boolean)!;
    const baseOut = points[0]?.outputs;
    return el(
      'tr',
      { className: `compare-row${worse.has(k) ? ' regressed' : ''}`, 'data-datapoint': k },
      el(
        'th',
        { scope: 'row' },
        k,
        worse.has(k) ? el('span', { className: 'badge regressed' }, ' regressed') : '',
      ),
      clipCell(any.inputs),
      clipCell(any.ground_truth),
      ...points.map((p, j) => {
        const cell = clipCell(p ? p.outputs : '—');
        if (j > 0 && p && JSON.stringify(p.outputs) !== JSON.stringify(baseOut)) cell.classList.add('diff');
        return cell;
      }),
      ...metrics.flatMap((m) =>
        groups.map((g, j) => spreadCell(spreadOf(g, m), spreadOf(groups[0], m), j === 0)),
      ),
    );
  });
  const heads = [
    'Datapoint',
    'Inputs',
    'Ground truth',
    ...runs.map((_, j) => runHead(runs, 'output', j)),
    ...metrics.flatMap((m) => runs.map((_, j) => runHead(runs, m, j))),
  ];
  return table('compare', heads, rows, 'No datapoints.');
}

/** Two or more runs of one dataset, datapoint by datapoint: inputs, ground truth, outputs, metrics. */
export async function comparePage(ctx: ViewerContext): Promise<() => Promise<void>> {
  const ids = (ctx.params.get('runs') ?? '').split(',').filter(Boolean);
  const body = el('div', {});
  const draw = async (): Promise<void> => {
    const runs: RunResponse[] = await Promise.all(
      ids.map((id) => get('/api/runs/:id', withId('/api/runs', id))),
    );
    if (runs.length < 2) {
      body.replaceChildren(el('p', { className: 'err', role: 'alert' }, 'Pick two or more runs to compare.'));
      return;
    }
    const datasets = new Set(runs.map((r) => r.run.dataset_id ?? ''));
    const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.result.metrics)))];
    const mixed = 'These runs are of different datasets: datapoints are matched by id.';
    body.replaceChildren(
      el('h1', {}, `Comparing ${runs.length} runs`),
      datasets.size > 1 ? el('p', { className: 'err', role: 'alert' }, mixed) : '',
      legend(
        runs.map((r) => r.run),
        true,
      ),
      el(
        'p',
        { className: 'muted' },
        `Differences (highlighted) are against #1, the earliest run: ${runLabel(runs[0]!.run)}.`,
      ),
      runsChart(runs, false), // the legend above names the runs
      el('h2', {}, 'Mean per metric'),
      aggregatesTable(runs, metrics),
      el('h2', {}, 'Datapoints'),
      datapointsTable(runs, metrics),
    );
  };
  await draw();
  ctx.root.replaceChildren(el('p', {}, el('a', { href: '#/runs' }, '← Experiments')), body);
  return draw;
}
