import type { MetricSummary } from '../../evaluation/ExperimentResult';
import { parseJson } from './database';
import type { StoredRun } from './store-types';

type Row = Record<string, unknown>;

/** A datapoint of the HoneyHive shape (`id` and `_id` both name it). */
export interface Datapoint {
  id: string;
  _id: string;
  inputs: Record<string, unknown>;
  ground_truth: unknown;
  history: unknown[];
  metadata: Record<string, unknown>;
  linked_datasets: string[];
}

/** What loading a dataset file did. */
export interface LoadedDataset {
  dataset_id: string;
  name: string;
  project: string;
  /** How many datapoints the file held. */
  datapoints: number;
  /** A dataset of that project and name existed and was replaced (same id). */
  replaced: boolean;
}

/** How `addDatapoints` of the HoneyHive SDK splits each record: which keys are inputs, ground truth, history. */
export interface DatapointMapping {
  inputs?: string[];
  ground_truth?: string[];
  history?: string[];
}

/** A datapoints row as the HoneyHive shape. */
export function toDatapoint(r: Row): Datapoint {
  const id = String(r.datapoint_id);
  return {
    id,
    _id: id,
    inputs: parseJson(r.inputs, {}),
    ground_truth: parseJson(r.ground_truth, null),
    history: parseJson(r.history, []),
    metadata: parseJson(r.metadata, {}),
    linked_datasets: r.dataset_id ? [String(r.dataset_id)] : [],
  };
}

export /** The keys of a record that a mapping names. */
const pick = (record: Row, keys: readonly string[] | undefined): Row =>
  Object.fromEntries((keys ?? []).filter((k) => k in record).map((k) => [k, record[k]]));

/** Per-metric aggregate of a run (the same summary `evaluate` computes). */
export type MetricAggregate = MetricSummary;

/** A runs row as the stored run. */
export function toRun(row: Row): StoredRun {
  return {
    run_id: String(row.run_id),
    project: String(row.project),
    name: String(row.name),
    status: String(row.status),
    dataset_id: (row.dataset_id as string | null) ?? null,
    event_ids: parseJson(row.event_ids, []),
    datapoint_ids: parseJson(row.datapoint_ids, []),
    configuration: parseJson(row.configuration, {}),
    metadata: parseJson(row.metadata, {}),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}
