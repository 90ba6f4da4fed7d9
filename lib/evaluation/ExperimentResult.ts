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
  datapoints: DatapointResult[];
  metrics: Record<string, MetricSummary>;
}
