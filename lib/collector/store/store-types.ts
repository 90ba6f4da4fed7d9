import type { MetricSummary } from '../../evaluation/ExperimentResult';

/** An experiment run as the collector stores and answers it (`/v1/runs`). */
export interface StoredRun {
  run_id: string;
  project: string;
  name: string;
  status: string;
  dataset_id: string | null;
  /** The session ids of the run's datapoints. */
  event_ids: string[];
  datapoint_ids: string[];
  configuration: Record<string, unknown>;
  metadata: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

/** One datapoint of a run's result: what it got, what it should have, its scores. */
export interface RunResultDatapoint {
  session_id: string;
  datapoint_id: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  ground_truth: unknown;
  metrics: Record<string, unknown>;
  error: string | null;
  /** No error, and every numeric or boolean metric truthy. */
  passed: boolean;
}

/** `GET /v1/runs/{id}/result`. */
export interface RunResult {
  run_id: string;
  name: string;
  status: string;
  success: boolean;
  passed: string[];
  failed: string[];
  metrics: Record<string, MetricSummary>;
  datapoints: RunResultDatapoint[];
}

/** A dataset with its datapoint ids, in order (`GET /v1/datasets`). */
export interface StoredDataset {
  dataset_id: string;
  project: string;
  name: string;
  description: string;
  created_at: number;
  datapoints: string[];
}

/** A session in the viewer's list, with its event, error and token counts. */
export interface SessionSummary {
  session_id: string;
  project: string;
  source: string | null;
  event_name: string | null;
  start_time: number | null;
  duration: number | null;
  user_properties: Record<string, unknown>;
  /** `user_properties.user_id` of the session, else of one of its events. */
  user_id: string | null;
  event_count: number;
  error_count: number;
  /** Tokens of the session's model events. */
  total_tokens: number;
  /** What its model events cost at the configured prices; `null` when none is priced. */
  cost: number | null;
  /** The first text of the session's inputs and outputs, cut to 120 characters; null when none. */
  preview: { input: string | null; output: string | null };
  /** The session's feedback (ratings, thumbs…), as recorded. */
  feedback: Record<string, unknown>;
}
