import type { Evaluator } from './evaluator';
import type { DatapointInput, DatapointResult } from './ExperimentResult';

/** What a summary evaluator returns: a score, or scores by name. */
export type SummaryScore = number | boolean | Record<string, number | boolean>;
import type { Thresholds } from './thresholds';

/** Options of `evaluate` and `@Evaluate`. */
export interface EvaluateOptions {
  /** Experiment (run) name. Default: the function's name. */
  name?: string | undefined;
  /** Inline datapoints `{ inputs, ground_truth, metadata? }`. */
  dataset?: readonly DatapointInput[] | undefined;
  /** A dataset stored in the backend (read through `/v1/datasets` and `/v1/datapoints`). */
  datasetId?: string | undefined;
  /** Evaluators, each `(outputs, inputs, groundTruth)`. */
  evaluators?: ReadonlyArray<Evaluator | ((outputs: any, inputs: any, groundTruth: any) => unknown)>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Evaluators of the whole run: each gets every datapoint's result (repetitions included) and
   * returns a score, or scores by name (`{ f1: 0.8 }`). Named by the function (or `evaluator()`).
   */
  summaryEvaluators?:
    ReadonlyArray<(results: readonly DatapointResult[]) => SummaryScore | Promise<SummaryScore>> | undefined;
  /** How long one evaluator may take on one datapoint before it is given up (logged, its metric left out). Default 60000 ms. */
  evaluatorTimeoutMs?: number | undefined;
  /** Datapoints run at once (each datapoint's evaluators run at once too). Default 10. */
  maxWorkers?: number | undefined;
  /** Use this run id instead of a new one. */
  runId?: string | undefined;
  /** Backend settings; default to `HH_API_KEY`, `HH_PROJECT`, `HH_API_URL`/`HH_SERVER_URL`. */
  apiKey?: string | undefined;
  project?: string | undefined;
  serverUrl?: string | undefined;
  /** No network: the run is computed locally (inline `dataset` only). */
  testMode?: boolean | undefined;
  /** Print a progress bar (on a terminal) and a summary table. Default: when stderr is a TTY. */
  printResults?: boolean | undefined;
  /** Run every datapoint this many times, each in its own session. Default 1. */
  repetitions?: number | undefined;
  /**
   * The run to compare with: a run id, or a run name (the newest run with that name in the
   * project). The result gains `comparison`; an unknown baseline rejects before anything runs.
   */
  baseline?: string | undefined;
  /** Bounds per metric (`{ accuracy: { min: 0.8, maxRegression: 0.05 } }`); the result's `passed` and `failures` say whether they held. */
  thresholds?: Thresholds | undefined;
}
