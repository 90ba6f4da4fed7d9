import type { MetricSummary } from './ExperimentResult';

/** Mean, min, max, count and pass rate (share of values > 0; booleans count as 0/1) of one metric. */
export function aggregateMetric(values: readonly number[]): MetricSummary {
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    count: values.length,
    passRate: values.filter((v) => v > 0).length / values.length,
  };
}
