import { scoreValue } from './score-value';

/** What a run's comparison reads of it: each session's datapoint id and scores. */
export interface RunScores {
  readonly datapoints: readonly {
    readonly datapoint_id: string | null;
    readonly session_id: string;
    readonly metrics: Readonly<Record<string, unknown>>;
  }[];
  /** The metrics that are scores (the run's evaluators); default: every numeric or boolean metric. */
  readonly evaluators?: readonly string[] | undefined;
}

/** One metric of two runs, as `GET /runs/{new}/compare-with/{old}` answers it. */
export interface MetricComparison {
  metric_name: string;
  metric_type: 'numeric' | 'boolean';
  /** Means over every datapoint (and repetition) of the old and the new run; null where a run has none. */
  old_aggregate: number | null;
  new_aggregate: number | null;
  /** new − old. */
  difference: number | null;
  /** The difference as a percentage of the old aggregate (null when that is 0 or absent). */
  percentage_change: number | null;
  /** Datapoints (in both runs) whose mean score rose, fell or stayed. */
  improved: string[];
  degraded: string[];
  same: string[];
}

/** What happened to one datapoint between the runs (higher scores are better). */
export type DatapointChange = 'improved' | 'regressed' | 'unchanged' | 'new' | 'missing';

/** One datapoint of two runs: its mean scores in each, and what changed. */
export interface DatapointComparison {
  datapoint_id: string;
  status: DatapointChange;
  old_metrics: Record<string, number>;
  new_metrics: Record<string, number>;
}

/** Two runs compared: per metric, per datapoint, and the datapoints both ran. */
export interface RunComparison {
  metrics: MetricComparison[];
  commonDatapoints: string[];
  datapoints: DatapointComparison[];
}

interface Scores {
  byDatapoint: Map<string, Record<string, number>>;
  all: Map<string, number[]>;
  types: Map<string, 'numeric' | 'boolean'>;
}

/** Each datapoint's mean score per metric (over its repetitions), and every value per metric. */
function scoresOf(run: RunScores, types: Map<string, 'numeric' | 'boolean'>): Scores {
  const sums = new Map<string, Record<string, number[]>>();
  const all = new Map<string, number[]>();
  for (const d of run.datapoints) {
    const id = d.datapoint_id ?? d.session_id;
    const bucket = sums.get(id) ?? {};
    sums.set(id, bucket);
    for (const [name, raw] of Object.entries(d.metrics)) {
      const v = scoreValue(raw);
      if (v === undefined || (run.evaluators && !run.evaluators.includes(name))) continue;
      if (typeof raw === 'number' || !types.has(name))
        types.set(name, typeof raw === 'boolean' ? 'boolean' : 'numeric');
      (bucket[name] ??= []).push(v);
      const list = all.get(name);
      if (list) list.push(v);
      else all.set(name, [v]);
    }
  }
  const byDatapoint = new Map<string, Record<string, number>>();
  for (const [id, bucket] of sums)
    byDatapoint.set(id, Object.fromEntries(Object.entries(bucket).map(([k, vs]) => [k, mean(vs)!])));
  return { byDatapoint, all, types };
}

const mean = (vs: readonly number[] | undefined): number | null =>
  vs && vs.length > 0 ? vs.reduce((a, b) => a + b, 0) / vs.length : null;

const EPSILON = 1e-9;

function changeOf(oldM: Record<string, number>, newM: Record<string, number>): DatapointChange {
  let up = false;
  for (const name of new Set([...Object.keys(oldM), ...Object.keys(newM)])) {
    const o = oldM[name];
    const n = newM[name];
    if (o === undefined || n === undefined) continue;
    if (n < o - EPSILON) return 'regressed';
    if (n > o + EPSILON) up = true;
  }
  return up ? 'improved' : 'unchanged';
}

/**
 * Compares a new run with an old one, the way HoneyHive's `compare-with` does: per metric the
 * old and new aggregate (means) and their difference, and which datapoints improved, degraded or
 * stayed; per datapoint (matched by datapoint id, repetitions averaged) whether it improved,
 * regressed (any score fell), is unchanged, new or missing. Higher scores are better.
 */
export function compareScores(newRun: RunScores, oldRun: RunScores): RunComparison {
  const types = new Map<string, 'numeric' | 'boolean'>();
  const o = scoresOf(oldRun, types);
  const n = scoresOf(newRun, types);
  const common = [...n.byDatapoint.keys()].filter((id) => o.byDatapoint.has(id));
  const names = [...new Set([...o.all.keys(), ...n.all.keys()])].sort();
  const metrics = names.map((name): MetricComparison => {
    const before = mean(o.all.get(name));
    const after = mean(n.all.get(name));
    const difference = before !== null && after !== null ? after - before : null;
    const m: MetricComparison = {
      metric_name: name,
      metric_type: types.get(name) ?? 'numeric',
      old_aggregate: before,
      new_aggregate: after,
      difference,
      percentage_change: difference !== null && before ? (difference / Math.abs(before)) * 100 : null,
      improved: [],
      degraded: [],
      same: [],
    };
    for (const id of common) {
      const a = o.byDatapoint.get(id)![name];
      const b = n.byDatapoint.get(id)![name];
      if (a === undefined || b === undefined) continue;
      (b > a + EPSILON ? m.improved : b < a - EPSILON ? m.degraded : m.same).push(id);
    }
    return m;
  });
  const datapoints: DatapointComparison[] = [];
  for (const [id, scores] of n.byDatapoint) {
    const before = o.byDatapoint.get(id);
    datapoints.push({
      datapoint_id: id,
      status: before ? changeOf(before, scores) : 'new',
      old_metrics: before ?? {},
      new_metrics: scores,
    });
  }
  for (const [id, scores] of o.byDatapoint)
    if (!n.byDatapoint.has(id))
      datapoints.push({ datapoint_id: id, status: 'missing', old_metrics: scores, new_metrics: {} });
  return { metrics, commonDatapoints: common, datapoints };
}
