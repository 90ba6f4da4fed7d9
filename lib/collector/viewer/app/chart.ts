import { el, svg } from './dom.js';
import { fmtNum, runLabel } from './format.js';
import type { RunResult, StoredRun } from '../../store/store-types';

/** One colour per run, in order; a chart shows at most this many runs. */
export const COLORS = ['#b07f00', '#3b6fd8', '#2e9d6a', '#c0569e', '#7b61c9', '#e06c3c'];

/** A swatch and a run's name with its date (numbered `#1`… when `numbered`): which colour is which run. */
export function legend(runs: readonly StoredRun[], numbered = false): HTMLElement {
  return el(
    'ul',
    { className: 'legend', 'aria-label': 'Runs' },
    ...runs.slice(0, COLORS.length).map((r, j) => {
      const sw = el('span', { className: 'swatch', 'aria-hidden': 'true' });
      sw.style.background = COLORS[j]!;
      return el('li', { 'data-run': r.run_id }, sw, numbered ? `#${j + 1} ` : '', runLabel(r));
    }),
  );
}

/** Mean of each metric per run, as bars grouped by metric, scores on one 0–1 axis, larger metrics each on their own; a legend names the runs unless `withLegend` is false. */
export function runsChart(
  runs: readonly { run: StoredRun; result: RunResult | null }[],
  withLegend = true,
): HTMLElement {
  const shown = runs.slice(0, COLORS.length);
  const metrics = [...new Set(shown.flatMap((r) => Object.keys(r.result?.metrics ?? {})))];
  if (metrics.length === 0) return el('p', { className: 'muted' }, 'No metrics to compare yet.');
  const bar = 28;
  const group = shown.length * (bar + 6) + 40;
  const height = 150;
  const chart = svg('svg', {
    width: Math.max(360, 30 + metrics.length * group),
    height: height + 56,
    id: 'runs-chart',
    role: 'img',
    'aria-label': `Mean of ${metrics.join(', ')} per run`,
  });
  metrics.forEach((m, i) => {
    const x0 = 30 + i * group;
    const mean = (r: (typeof shown)[number]): number => r.result?.metrics[m]?.mean ?? 0;
    // scores (all within 0–1) share one 0–1 axis, so 0.333 draws half as tall as 0.682; a metric
    // past 1 (a count, a length) is drawn against its own largest value
    const top = Math.max(...shown.map((r) => Math.abs(mean(r))));
    const max = top <= 1 ? 1 : top;
    shown.forEach((r, j) => {
      const v = mean(r);
      const h = (Math.abs(v) / max) * height;
      const x = x0 + j * (bar + 6);
      const rect = svg('rect', { x, y: height - h + 18, width: bar, height: h, fill: COLORS[j]! });
      rect.append(svg('title', {}, `${runLabel(r.run)}: ${m} ${fmtNum(v)}`));
      chart.append(
        rect,
        svg('text', { x: x + bar / 2, y: height - h + 14, 'text-anchor': 'middle' }, fmtNum(v)),
      );
    });
    chart.append(svg('text', { x: x0, y: height + 40 }, m));
  });
  return el('figure', { className: 'chart' }, chart, withLegend ? legend(shown.map((r) => r.run)) : null);
}
