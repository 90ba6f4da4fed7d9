import type { RunComparison } from './compare-runs';
import type { DatapointResult, MetricSummary } from './ExperimentResult';

/** Bounds on one metric: its mean at least `min`, at most `max`, and no larger drop than `maxRegression` against the baseline. */
export interface MetricThreshold {
  min?: number | undefined;
  max?: number | undefined;
  /** The largest allowed drop of the mean against the baseline (needs `baseline`). */
  maxRegression?: number | undefined;
}

/** Thresholds per metric (evaluator) name. */
export type Thresholds = Readonly<Record<string, MetricThreshold>>;

const fmt = (n: number): string => String(Number(n.toFixed(4)));

/** The datapoints whose mean score (over repetitions) fails `test`, in order, each once. */
function behind(
  datapoints: readonly DatapointResult[],
  metric: string,
  test: (v: number) => boolean,
): string[] {
  const sums = new Map<string, number[]>();
  for (const d of datapoints) {
    const v = d.metrics[metric];
    if (typeof v !== 'number' && typeof v !== 'boolean') continue;
    const list = sums.get(d.datapointId);
    if (list) list.push(Number(v));
    else sums.set(d.datapointId, [Number(v)]);
  }
  return [...sums].filter(([, vs]) => test(vs.reduce((a, b) => a + b, 0) / vs.length)).map(([id]) => id);
}

const list = (ids: readonly string[]): string => (ids.length ? `; datapoints: ${ids.join(', ')}` : '');

/** One broken bound: the line that says it, and the datapoints behind it. */
export interface ThresholdFailure {
  readonly metric: string;
  readonly message: string;
  readonly datapoints: readonly string[];
}

/**
 * Checks every threshold; returns one failure per broken bound, each naming the metric, the
 * value, the bound and the datapoints behind it (below `min`, above `max`, or regressed against
 * the baseline). A metric no datapoint scored fails its `min`/`max` (nothing met it).
 */
export function checkThresholds(
  thresholds: Thresholds,
  metrics: Readonly<Record<string, MetricSummary>>,
  datapoints: readonly DatapointResult[],
  comparison: RunComparison | undefined,
): ThresholdFailure[] {
  const failures: ThresholdFailure[] = [];
  const fail = (metric: string, text: string, ids: readonly string[] = []): void => {
    failures.push({ metric, message: `${metric}: ${text}${list(ids)}`, datapoints: ids });
  };
  for (const [name, t] of Object.entries(thresholds)) {
    const m = metrics[name];
    if ((t.min !== undefined || t.max !== undefined) && !m) {
      fail(name, `no datapoint was scored (bound ${t.min !== undefined ? `min ${t.min}` : `max ${t.max}`})`);
      continue;
    }
    if (m && t.min !== undefined && m.mean < t.min)
      fail(
        name,
        `mean ${fmt(m.mean)} < min ${t.min}`,
        behind(datapoints, name, (v) => v < t.min!),
      );
    if (m && t.max !== undefined && m.mean > t.max)
      fail(
        name,
        `mean ${fmt(m.mean)} > max ${t.max}`,
        behind(datapoints, name, (v) => v > t.max!),
      );
    if (t.maxRegression === undefined) continue;
    const c = comparison?.metrics.find((x) => x.metric_name === name);
    if (!comparison) fail(name, `maxRegression ${t.maxRegression} needs a baseline run`);
    else if (c && c.difference !== null && -c.difference > t.maxRegression + 1e-12)
      fail(
        name,
        `mean dropped ${fmt(-c.difference)} (from ${fmt(c.old_aggregate!)} to ${fmt(c.new_aggregate!)}) > maxRegression ${t.maxRegression}`,
        c.degraded,
      );
  }
  return failures;
}
