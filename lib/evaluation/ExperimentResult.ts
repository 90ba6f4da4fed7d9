import type { RunComparison } from './compare-runs';

/** A datapoint as HoneyHive models it. */
export interface DatapointInput {
  inputs: Record<string, unknown>;
  ground_truth?: unknown;
  metadata?: Record<string, unknown>;
  /** Given ids are kept; others become `EXT-<sha256[:16]>`. */
  id?: string;
}

/** One datapoint's outcome. */
export interface DatapointResult {
  datapointId: string;
  sessionId: string;
  inputs: Record<string, unknown>;
  outputs: unknown;
  groundTruth: unknown;
  metrics: Record<string, number | boolean>;
  error: string | null;
  durationMs: number;
  /** No error, and every evaluator score truthy (the rule the collector's viewer applies too). */
  passed: boolean;
}

/** Per-evaluator aggregate. */
export interface MetricSummary {
  mean: number;
  /** Population standard deviation (over every datapoint and repetition). */
  std: number;
  min: number;
  max: number;
  count: number;
  /** Fraction of datapoints whose score is truthy (true, or > 0). */
  passRate: number;
}

/** What `evaluate` resolves to. */
export interface ExperimentResult {
  runId: string;
  name: string;
  /** Always `completed`: a failing datapoint or evaluator is recorded in its result, never ends the run. */
  status: 'completed';
  /** One result per datapoint and repetition. */
  datapoints: DatapointResult[];
  /** Per metric, over every datapoint and repetition. */
  metrics: Record<string, MetricSummary>;
  /** True when the backend stored the run whole (created, every span delivered, completed); false in test mode. */
  recorded: boolean;
  /** Why the backend did not store the run whole, when it did not. */
  notRecorded?: string;
  /** The summary evaluators' scores, by name. */
  summary: Record<string, number | boolean>;
  /** How many times each datapoint ran. */
  repetitions: number;
  /** The baseline run compared with, when `baseline` was given. */
  baselineRunId?: string;
  /** This run against the baseline: per metric and per datapoint (matched by datapoint id). */
  comparison?: RunComparison;
  /** True when every threshold held (and when none was given). */
  passed: boolean;
  /** One line per broken threshold: the metric, the value, the bound and the datapoints behind it. */
  failures: string[];
  /** The datapoints behind the broken thresholds (below a `min`, above a `max`, regressed). */
  failingDatapoints: string[];
}
