import type { MetricSummary } from './ExperimentResult';
import { scoreValue } from './score-value';

export { scoreValue };

/**
 * Mean, population standard deviation, min, max, count and pass rate (share of values > 0;
 * booleans count as 0/1) of one metric.
 */
export function aggregateMetric(values: readonly number[]): MetricSummary {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return {
    mean,
    std: Math.sqrt(variance),
    min: Math.min(...values),
    max: Math.max(...values),
    count: values.length,
    passRate: values.filter((v) => v > 0).length / values.length,
  };
}

/**
 * Whether a datapoint passed, the one rule the SDK (`ExperimentResult`) and the collector (run
 * results, the viewer) both apply: it raised no error, and every evaluator score it has is
 * truthy (true, or > 0). Only evaluator scores count: metrics the application records for itself
 * (`enrichSession({ metrics: { retrieved: 0 } })`) are shown, never judged.
 *
 * @param metrics - the datapoint's metrics
 * @param evaluators - the evaluators' names (the metrics that are scores)
 */
export function datapointPassed(
  error: string | null,
  metrics: Readonly<Record<string, unknown>>,
  evaluators: readonly string[],
): boolean {
  if (error !== null) return false;
  return evaluators.every((name) => {
    const n = scoreValue(metrics[name]);
    return n === undefined || n > 0;
  });
}
