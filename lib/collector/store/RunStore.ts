import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { aggregateMetric, datapointPassed, scoreValue } from '../../evaluation/aggregate';
import type { Database } from './database';
import { readDatasetFile } from './dataset-file';
import type { Datapoint, DatapointMapping, LoadedDataset, MetricAggregate } from './run-rows';
import { pick, toDatapoint, toRun } from './run-rows';
import type { EventStore } from './EventStore';
import type { RunResult, RunResultDatapoint, StoredDataset, StoredRun } from './store-types';

type Row = Record<string, unknown>;

export type { Datapoint, DatapointMapping, LoadedDataset, MetricAggregate } from './run-rows';

/** Experiment runs, datasets and datapoints. */
export class RunStore {
  constructor(
    private readonly db: Database,
    private readonly events: EventStore,
  ) {}

  /** `POST /v1/runs`. */
  createRun(body: Readonly<Record<string, unknown>>): StoredRun {
    const runId = typeof body.run_id === 'string' && body.run_id ? body.run_id : randomUUID();
    const now = Date.now();
    this.events.noteWrite();
    this.db
      .prepare(
        `INSERT INTO runs (run_id, project, name, status, dataset_id, event_ids, datapoint_ids, configuration, metadata, created_at, updated_at)
         VALUES (@run_id, @project, @name, @status, @dataset_id, @event_ids, @datapoint_ids, @configuration, @metadata, @now, @now)
         ON CONFLICT(run_id) DO NOTHING`,
      )
      .run({
        run_id: runId,
        project: String(body.project ?? 'default'),
        name: String(body.name ?? runId),
        status: String(body.status ?? 'pending'),
        dataset_id: body.dataset_id === undefined ? null : String(body.dataset_id),
        event_ids: JSON.stringify(Array.isArray(body.event_ids) ? body.event_ids : []),
        datapoint_ids: JSON.stringify(Array.isArray(body.datapoint_ids) ? body.datapoint_ids : []),
        configuration: JSON.stringify(body.configuration ?? {}),
        metadata: JSON.stringify(body.metadata ?? {}),
        now,
      });
    return this.getRun(runId)!;
  }

  /** `PUT /v1/runs/{id}`; undefined when the run does not exist. */
  updateRun(runId: string, body: Readonly<Record<string, unknown>>): StoredRun | undefined {
    // read and written under the run's lock: two nodes updating one run both keep their metadata
    return this.db.transaction(() => {
      this.db.lockKeys?.([`run:${runId}`]);
      const run = this.getRun(runId);
      if (!run) return undefined;
      this.events.noteWrite();
      const next = { ...run, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
      this.db
        .prepare(
          `UPDATE runs SET name = @name, status = @status, event_ids = @event_ids, datapoint_ids = @datapoint_ids,
           configuration = @configuration, metadata = @metadata, updated_at = @now WHERE run_id = @run_id`,
        )
        .run({
          run_id: runId,
          name: String(next.name),
          status: String(next.status),
          event_ids: JSON.stringify(next.event_ids ?? []),
          datapoint_ids: JSON.stringify(next.datapoint_ids ?? []),
          configuration: JSON.stringify(next.configuration ?? {}),
          metadata: JSON.stringify({ ...(run.metadata as Row), ...((body.metadata as Row) ?? {}) }),
          now: Date.now(),
        });
      return this.getRun(runId);
    })();
  }

  /** One run. */
  getRun(runId: string): StoredRun | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE run_id = ?').get(runId) as Row | undefined;
    return row ? toRun(row) : undefined;
  }

  /** Runs, newest first. */
  listRuns(project?: string): StoredRun[] {
    const rows = project
      ? this.db.prepare('SELECT * FROM runs WHERE project = ? ORDER BY created_at DESC').all(project)
      : this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC').all();
    return (rows as Row[]).map(toRun);
  }

  /** `GET /v1/runs/{id}/result`: per-datapoint metrics and per-metric aggregates. */
  runResult(runId: string): RunResult | undefined {
    const run = this.getRun(runId);
    if (!run) return undefined;
    // the run names its evaluators (hivetrace's evaluate() does): only their scores are judged;
    // a run from another client is judged by every numeric metric, as before
    const named = run.configuration?.evaluators;
    const evaluators = Array.isArray(named)
      ? named.filter((n): n is string => typeof n === 'string')
      : undefined;
    const datapoints: RunResultDatapoint[] = [];
    const values = new Map<string, number[]>();
    for (const sessionId of run.event_ids) {
      const point = this.datapointResult(sessionId, evaluators);
      for (const [name, v] of Object.entries(point.metrics)) {
        const n = scoreValue(v);
        if (n === undefined || (evaluators && !evaluators.includes(name))) continue;
        if (!values.has(name)) values.set(name, []);
        values.get(name)!.push(n);
      }
      datapoints.push(point);
    }
    const aggregates: Record<string, MetricAggregate> = {};
    for (const [name, list] of values) {
      aggregates[name] = aggregateMetric(list);
    }
    return {
      run_id: runId,
      name: run.name,
      status: run.status,
      success: datapoints.every((d) => d.passed),
      passed: datapoints.filter((d) => d.passed).map((d) => d.datapoint_id ?? d.session_id),
      failed: datapoints.filter((d) => !d.passed).map((d) => d.datapoint_id ?? d.session_id),
      metrics: aggregates,
      datapoints,
    };
  }

  /** One datapoint of a run: its session's inputs, outputs, ground truth, scores, error, verdict. */
  private datapointResult(sessionId: string, evaluators: readonly string[] | undefined): RunResultDatapoint {
    const events = this.events.sessionEvents(sessionId);
    const session = events.find((e) => e.event_id === sessionId);
    // the datapoint's scores: its session's and its root events' (the evaluation span), not
    // metrics that nested tool or model spans recorded for themselves
    const metrics: Row = {};
    for (const e of events)
      if (e.event_id === sessionId || e.parent_id === sessionId) Object.assign(metrics, e.metrics);
    const error = events.find((e) => e.error)?.error ?? null;
    const judged = evaluators ?? Object.keys(metrics).filter((k) => scoreValue(metrics[k]) !== undefined);
    return {
      session_id: sessionId,
      datapoint_id: (session?.metadata?.datapoint_id as string | undefined) ?? null,
      inputs: session?.inputs ?? {},
      outputs: session?.outputs ?? {},
      ground_truth: session?.feedback?.ground_truth ?? null,
      metrics,
      error,
      passed: datapointPassed(error, metrics, judged),
    };
  }

  /** Creates a dataset with datapoints; returns its id. */
  createDataset(body: {
    project?: string;
    name?: string;
    description?: string;
    dataset_id?: string;
    datapoints?: unknown[];
  }): string {
    const id = body.dataset_id ?? randomUUID();
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO datasets (dataset_id, project, name, description, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(dataset_id) DO NOTHING',
        )
        .run(id, body.project ?? 'default', body.name ?? id, body.description ?? '', Date.now());
      this.addDatapoints(id, body.datapoints ?? []);
    })();
    return id;
  }

  /**
   * Adds records the way the HoneyHive SDK's `addDatapoints` sends them: each record split by the
   * mapping into inputs, ground truth and history; the keys no mapping names kept as metadata.
   */
  addMappedDatapoints(datasetId: string, records: readonly unknown[], mapping: DatapointMapping): string[] {
    const named = new Set([
      ...(mapping.inputs ?? []),
      ...(mapping.ground_truth ?? []),
      ...(mapping.history ?? []),
    ]);
    return this.addDatapoints(
      datasetId,
      records.map((r) => {
        const record = (r ?? {}) as Row;
        const history = (mapping.history ?? []).flatMap((k) => (Array.isArray(record[k]) ? record[k] : []));
        return {
          inputs: pick(record, mapping.inputs),
          ground_truth: pick(record, mapping.ground_truth),
          history,
          metadata: Object.fromEntries(Object.entries(record).filter(([k]) => !named.has(k))),
        };
      }),
    );
  }

  /** Adds datapoints (`{ inputs, ground_truth, history?, metadata }`) to a dataset; returns their ids. */
  addDatapoints(datasetId: string, datapoints: unknown[]): string[] {
    // numbered under the dataset's lock: two nodes adding at once never share an index
    return this.db.transaction(() => {
      this.db.lockKeys?.([`dataset:${datasetId}`]);
      return this.appendDatapoints(datasetId, datapoints);
    })();
  }

  private appendDatapoints(datasetId: string, datapoints: unknown[]): string[] {
    const start = (
      this.db.prepare('SELECT COUNT(*) AS n FROM datapoints WHERE dataset_id = ?').get(datasetId) as {
        n: number;
      }
    ).n;
    const insert = this.db.prepare(
      'INSERT INTO datapoints (datapoint_id, dataset_id, idx, inputs, ground_truth, history, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    return datapoints.map((d, i) => {
      const dp = (d ?? {}) as Row;
      const id = typeof dp.id === 'string' ? dp.id : randomUUID();
      insert.run(
        id,
        datasetId,
        start + i,
        JSON.stringify(dp.inputs ?? {}),
        JSON.stringify(dp.ground_truth ?? null),
        JSON.stringify(Array.isArray(dp.history) ? dp.history : []),
        JSON.stringify(dp.metadata ?? {}),
      );
      return id;
    });
  }

  /** Datapoints by id, by dataset name, or of a project (`GET /datapoints`). */
  listDatapoints(filter: { ids?: string[]; datasetName?: string; project?: string }): Datapoint[] {
    if (filter.ids && filter.ids.length > 0)
      return filter.ids.map((id) => this.getDatapoint(id)).filter((d): d is Datapoint => d !== undefined);
    const rows = (
      filter.datasetName
        ? this.db
            .prepare(
              'SELECT p.* FROM datapoints p JOIN datasets d ON d.dataset_id = p.dataset_id WHERE d.name = ? ORDER BY p.idx',
            )
            .all(filter.datasetName)
        : filter.project
          ? this.db
              .prepare(
                'SELECT p.* FROM datapoints p JOIN datasets d ON d.dataset_id = p.dataset_id WHERE d.project = ? ORDER BY p.dataset_id, p.idx',
              )
              .all(filter.project)
          : this.db.prepare('SELECT * FROM datapoints ORDER BY dataset_id, idx').all()
    ) as Row[];
    return rows.map(toDatapoint);
  }

  /** Deletes a datapoint; false when there is none. */
  deleteDatapoint(id: string): boolean {
    return this.db.prepare('DELETE FROM datapoints WHERE datapoint_id = ?').run(id).changes > 0;
  }

  /** Deletes a run; false when there is none. */
  deleteRun(runId: string): boolean {
    this.events.noteWrite();
    return this.db.prepare('DELETE FROM runs WHERE run_id = ?').run(runId).changes > 0;
  }

  /** `GET /v1/datasets`. */
  listDatasets(filter: { dataset_id?: string; project?: string }): StoredDataset[] {
    const rows = (
      filter.dataset_id
        ? this.db.prepare('SELECT * FROM datasets WHERE dataset_id = ?').all(filter.dataset_id)
        : filter.project
          ? this.db
              .prepare('SELECT * FROM datasets WHERE project = ? ORDER BY created_at DESC')
              .all(filter.project)
          : this.db.prepare('SELECT * FROM datasets ORDER BY created_at DESC').all()
    ) as Row[];
    const ids = this.db.prepare('SELECT datapoint_id FROM datapoints WHERE dataset_id = ? ORDER BY idx');
    return rows.map((r) => ({
      dataset_id: String(r.dataset_id),
      project: String(r.project),
      name: String(r.name),
      description: String(r.description ?? ''),
      created_at: Number(r.created_at),
      datapoints: (ids.all(r.dataset_id) as Row[]).map((d) => String(d.datapoint_id)),
    }));
  }

  /** `GET /v1/datapoints/{id}`. */
  getDatapoint(id: string): Datapoint | undefined {
    const r = this.db.prepare('SELECT * FROM datapoints WHERE datapoint_id = ?').get(id) as Row | undefined;
    return r ? toDatapoint(r) : undefined;
  }

  /**
   * Loads a dataset from a JSON file (an array of datapoints, or `{ datapoints: [...] }`) or a
   * JSONL file (one datapoint per line). A dataset of the same project and name (by default the
   * file's name) is replaced, keeping its id: loading a file again never makes a second one.
   * Errors name the file (and the line, for JSONL).
   */
  loadDatasetFile(file: string, options: { project?: string; name?: string } = {}): LoadedDataset {
    const datapoints = readDatasetFile(file);
    const project = options.project ?? 'default';
    const name = options.name ?? path.basename(file).replace(/\.jsonl?$/i, '');
    // under the name's lock: two nodes loading one file at once make one dataset
    return this.db.transaction(() => {
      this.db.lockKeys?.([`dataset-name:${project}\n${name}`]);
      return this.replaceDataset(project, name, datapoints);
    })();
  }

  private replaceDataset(project: string, name: string, datapoints: unknown[]): LoadedDataset {
    const existing = this.db
      .prepare('SELECT dataset_id FROM datasets WHERE project = ? AND name = ? ORDER BY created_at LIMIT 1')
      .pluck()
      .get(project, name) as string | undefined;
    if (existing) {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM datapoints WHERE dataset_id = ?').run(existing);
        this.addDatapoints(existing, datapoints);
      })();
    }
    const datasetId = existing ?? this.createDataset({ project, name, datapoints });
    return {
      dataset_id: datasetId,
      name,
      project,
      datapoints: datapoints.length,
      replaced: existing !== undefined,
    };
  }
}
