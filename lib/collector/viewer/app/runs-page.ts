import { get } from './api.js';
import { el, table } from './dom.js';
import { runsChart } from './chart.js';
import { fmtNum, fmtTime } from './format.js';
import type { ViewerContext } from './state.js';
import { go } from './state.js';
import type { ViewerRun } from '../viewer-api';

/** The compare button and its hint, kept in step with the runs picked. */
function compareControls(
  runs: ViewerRun[],
  chosen: Set<string>,
): { compare: HTMLButtonElement; hint: HTMLElement; update: () => void } {
  const compare = el('button', { type: 'button', id: 'compare', disabled: true }, 'Compare selected runs');
  const hint = el('span', { id: 'compare-hint', className: 'muted' });
  const update = (): void => {
    const picked = runs.filter((r) => chosen.has(r.run_id));
    const datasets = new Set(picked.map((r) => r.dataset_id ?? ''));
    const ok = picked.length >= 2 && datasets.size === 1;
    compare.disabled = !ok;
    hint.textContent =
      picked.length < 2
        ? 'Pick two or more runs of one dataset.'
        : ok
          ? `${picked.length} runs picked.`
          : 'The picked runs are of different datasets.';
  };
  // oldest first: differences read against the run that came before
  compare.addEventListener('click', () => {
    const picked = runs.filter((r) => chosen.has(r.run_id)).sort((a, b) => a.created_at - b.created_at);
    go(`/compare?runs=${picked.map((r) => encodeURIComponent(r.run_id)).join(',')}`);
  });
  return { compare, hint, update };
}

/** One run's row, with the box that picks it for comparison. */
function runRow(r: ViewerRun, chosen: Set<string>, update: () => void): HTMLElement {
  const box = el('input', {
    type: 'checkbox',
    className: 'pick',
    'aria-label': `Pick ${r.name} for comparison`,
    'data-run': r.run_id,
  });
  box.checked = chosen.has(r.run_id);
  box.addEventListener('change', () => {
    if (box.checked) chosen.add(r.run_id);
    else chosen.delete(r.run_id);
    update();
  });
  const metrics = Object.entries(r.result?.metrics ?? {})
    .map(([k, v]) => `${k}: ${fmtNum(v.mean)}`)
    .join(', ');
  return el(
    'tr',
    { className: 'run-row', 'data-run': r.run_id },
    el('td', {}, box),
    el('td', {}, el('a', { href: `#/run/${encodeURIComponent(r.run_id)}`, className: 'run-link' }, r.name)),
    el('td', {}, fmtTime(r.created_at)),
    el('td', {}, r.dataset_id ?? '—'),
    el('td', {}, r.status),
    el('td', { className: 'num' }, fmtNum(r.result?.datapoints.length ?? r.event_ids.length)),
    el('td', {}, metrics),
  );
}

/** Experiment runs: the latest compared in a chart, and a list to pick two or more to compare. */
export async function runsPage(ctx: ViewerContext): Promise<() => Promise<void>> {
  const chosen = new Set<string>();
  const body = el('div', {});
  const draw = (runs: ViewerRun[]): void => {
    const { compare, hint, update } = compareControls(runs, chosen);
    const rows = runs.map((r) => runRow(r, chosen, update));
    update();
    body.replaceChildren(
      el('h2', {}, 'Latest runs (mean per metric)'),
      runsChart(runs.slice(0, 6).map((run) => ({ run, result: run.result }))),
      el('h2', {}, 'Runs'),
      el('div', { className: 'toolbar' }, compare, hint),
      table(
        'runs',
        ['', 'Run', 'Date', 'Dataset', 'Status', 'Datapoints', 'Metrics (mean)'],
        rows,
        'No runs yet.',
      ),
    );
  };
  draw((await get('/api/runs', '/api/runs')).runs);
  ctx.root.replaceChildren(el('h1', {}, 'Experiments'), body);
  return async () => draw((await get('/api/runs', '/api/runs')).runs);
}
