import type { Span } from '@opentelemetry/api';
import { context, propagation } from '@opentelemetry/api';
import { runtimeProcess } from '../internal/node-builtin';
import { sha256Hex } from '../internal/sha256';
import { raceTimeout } from '../internal/race-timeout';
import { randomUUID, utilTypes as types } from '../internal/util-types';
import { describeError, logger } from '../internal/logger';
import { BAGGAGE } from '../semconv/honeyhive';
import { HoneyHiveTracer, internalsOf } from '../tracer/HoneyHiveTracer';
import type { TracerCore } from '../tracer/TracerCore';
import { aggregateMetric, datapointPassed } from './aggregate';
import { fetchComparison, resolveBaseline } from './baseline';
import { checkThresholds } from './thresholds';
import { backendOf } from './backend-of';
import { getEvaluateOptions } from './Evaluate';
import type { EvaluateOptions } from './EvaluateOptions';
import { evaluatorName } from './evaluator';
import type { DatapointInput, DatapointResult, ExperimentResult, MetricSummary } from './ExperimentResult';
import { progress, summaryTable } from './report';

/** A function `evaluate` runs on each datapoint. */
export type ExperimentFunction = (datapoint: DatapointInput) => unknown;
type Fn = ExperimentFunction;
type Datapoint = DatapointInput & { id: string };

/** `EXT-` + the first 16 hex digits of the datapoint's JSON sha256 (the HoneyHive SDKs' rule). */
export function externalDatapointId(dp: DatapointInput): string {
  return `EXT-${sha256Hex(JSON.stringify({ inputs: dp.inputs, ground_truth: dp.ground_truth ?? null })).slice(0, 16)}`;
}

async function loadDataset(
  tracer: TracerCore,
  options: EvaluateOptions,
): Promise<{ datasetId: string; datapoints: (DatapointInput & { id: string })[] }> {
  if (options.dataset) {
    const datapoints = options.dataset.map((d) => ({ ...d, id: d.id ?? externalDatapointId(d) }));
    const datasetId = `EXT-${sha256Hex(JSON.stringify(datapoints.map((d) => d.id))).slice(0, 16)}`;
    return { datasetId, datapoints };
  }
  if (!options.datasetId) throw new Error('evaluate needs dataset or datasetId');
  const found = (await tracer.client.request(
    'GET',
    `/v1/datasets?dataset_id=${encodeURIComponent(options.datasetId)}`,
  )) as { datasets?: { datapoints?: string[] }[] };
  const dataset = found.datasets?.[0];
  if (!dataset)
    throw new Error(
      `evaluate: dataset ${options.datasetId} was not found on ${tracer.settings.serverUrl} (project ${tracer.project})`,
    );
  const ids = dataset.datapoints ?? [];
  const datapoints = await Promise.all(
    ids.map(async (id) => {
      const r = (await tracer.client.request('GET', `/v1/datapoints/${encodeURIComponent(id)}`)) as {
        datapoint?: DatapointInput[];
      };
      return { ...(r.datapoint?.[0] ?? { inputs: {} }), id };
    }),
  );
  return { datasetId: options.datasetId, datapoints };
}

function scoreOf(v: unknown): { score?: number | boolean; explanation?: string } {
  if (typeof v === 'number' || typeof v === 'boolean') return { score: v };
  if (v && typeof v === 'object' && 'score' in v) {
    const s = v.score;
    const e = (v as { explanation?: unknown }).explanation;
    return {
      score: typeof s === 'number' || typeof s === 'boolean' ? s : undefined,
      explanation: e === undefined ? undefined : String(e),
    };
  }
  return {};
}

function summarize(datapoints: DatapointResult[], names: string[]): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  for (const name of names) {
    const values = datapoints
      .map((d) => d.metrics[name])
      .filter((v): v is number | boolean => v !== undefined)
      .map(Number);
    if (values.length === 0) continue;
    out[name] = aggregateMetric(values);
  }
  return out;
}

/** Runs `items` through `worker`, at most `limit` at a time. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      await worker(items[i]!, i);
    }
  });
  await Promise.all(lanes);
}

/**
 * Runs an experiment: every datapoint in its own session (source `evaluation`, run/dataset/
 * datapoint ids on the session and every span) inside a `chain` span; evaluator scores become
 * metrics. The run is created, completed and read back through the runs API. One failing
 * datapoint or evaluator never stops the run.
 *
 * @example
 * const result = await evaluate(bot.answer.bind(bot), { dataset, evaluators: [exactMatch], name: 'faq-v2' });
 * const result2 = await evaluate(new Bot(), 'answer'); // options from its decorator
 */
export async function evaluate(target: Fn, options: EvaluateOptions): Promise<ExperimentResult>;
export async function evaluate<T extends object>(
  instance: T,
  method: keyof T & string,
  overrides?: EvaluateOptions,
): Promise<ExperimentResult>;
export async function evaluate(
  target: unknown,
  second: unknown,
  third?: EvaluateOptions,
): Promise<ExperimentResult> {
  const { fn, options } = experimentOf(target, second, third);
  const name = options.name ?? 'experiment';
  const publicTracer = new HoneyHiveTracer({
    ...backendOf(options),
    source: 'evaluation',
    sessionName: name,
    skipSessionStart: true,
  });
  const tracer = internalsOf(publicTracer);
  const stderr = (runtimeProcess() as { stderr?: NodeJS.WriteStream } | undefined)?.stderr;
  const print = options.printResults ?? Boolean(stderr?.isTTY);
  const evaluators = options.evaluators ?? [];
  const repetitions = Math.max(1, Math.floor(options.repetitions ?? 1));
  // the client's retry waits do not hold the process: an experiment does, until it settles (a
  // script awaiting evaluate() against a backend that is down would otherwise end, silently)
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    const { datasetId, datapoints } = await loadDataset(tracer, options);
    const candidate = options.runId ?? randomUUID();
    // an unknown baseline is said before anything runs
    const baselineRunId =
      options.baseline && !tracer.testMode
        ? await resolveBaseline(tracer.client, options.baseline, tracer.project, candidate)
        : undefined;
    const scores = [...new Set(evaluators.map((e) => evaluatorName(e as never)))];
    const created = await createRun(tracer, name, candidate, datasetId, datapoints, scores);
    const runId = created.runId;
    const jobs = datapoints.flatMap((dp) => Array.from({ length: repetitions }, () => dp));
    const results: DatapointResult[] = new Array(jobs.length);
    let done = 0;
    if (print) progress(0, jobs.length);
    await pool(jobs, options.maxWorkers ?? 10, async (dp, index) => {
      const ids = { run_id: runId, dataset_id: datasetId, datapoint_id: dp.id };
      const evaluatorTimeoutMs = options.evaluatorTimeoutMs ?? 60_000;
      results[index] = await runDatapoint(
        tracer,
        { name, fn, evaluators, scores, ids, evaluatorTimeoutMs },
        dp,
      );
      if (print) progress(++done, jobs.length);
    });
    const experiment = await finishRun(
      tracer,
      { runId, name, results, scores, repetitions, baselineRunId, failure: created.failure },
      options,
    );
    if (print) stderr?.write(`${summaryTable(experiment)}\n`);
    return experiment;
  } finally {
    clearInterval(keepAlive);
    await tracer.close(5000);
  }
}

/**
 * Completes a run: everything delivered, the run marked completed with its sessions, the metrics
 * summarised, the comparison with the baseline fetched, the thresholds checked.
 */
async function finishRun(
  tracer: TracerCore,
  run: {
    runId: string;
    name: string;
    results: DatapointResult[];
    scores: string[];
    repetitions: number;
    baselineRunId: string | undefined;
    failure: string | undefined;
  },
  options: EvaluateOptions,
): Promise<ExperimentResult> {
  const { runId, name, results, scores, repetitions, baselineRunId } = run;
  let failure = run.failure;
  if (!(await tracer.flush(30_000))) failure ??= 'not every span of the run was delivered';
  const metrics = summarize(results, scores);
  const summary = await summaryScores(options, results);
  await tracer.client
    .request('PUT', `/v1/runs/${encodeURIComponent(runId)}`, {
      status: 'completed',
      name,
      event_ids: results.map((r) => r.sessionId),
      ...(Object.keys(summary).length ? { metadata: { summary } } : {}),
    })
    .catch((err: unknown) => {
      logger.error('completing the run failed', err);
      failure ??= `completing the run failed: ${describeError(err)}`;
    });
  const comparison = baselineRunId ? await fetchComparison(tracer.client, runId, baselineRunId) : undefined;
  const failures = checkThresholds(options.thresholds ?? {}, metrics, results, comparison);
  return {
    runId,
    name,
    status: 'completed',
    datapoints: results,
    metrics,
    summary,
    repetitions,
    ...(baselineRunId ? { baselineRunId, comparison } : {}),
    recorded: !tracer.testMode && failure === undefined,
    ...(failure ? { notRecorded: failure } : {}),
    passed: failures.length === 0,
    failures: failures.map((f) => f.message),
    failingDatapoints: [...new Set(failures.flatMap((f) => f.datapoints))],
  };
}

/** The summary evaluators' scores (a failing one is logged and left out). */
async function summaryScores(
  options: EvaluateOptions,
  results: readonly DatapointResult[],
): Promise<Record<string, number | boolean>> {
  const out: Record<string, number | boolean> = {};
  for (const ev of options.summaryEvaluators ?? []) {
    const name = evaluatorName(ev as never);
    try {
      const v = await ev(results);
      if (typeof v === 'number' || typeof v === 'boolean') out[name] = v;
      else for (const [k, s] of Object.entries(v)) out[k] = s;
    } catch (err) {
      logger.error(`summary evaluator ${name} failed`, err);
    }
  }
  return out;
}

/** The function and options of `evaluate(fn, options)` or `evaluate(instance, 'method', overrides?)`. */
function experimentOf(
  target: unknown,
  second: unknown,
  third?: EvaluateOptions,
): { fn: Fn; options: EvaluateOptions } {
  if (typeof second !== 'string')
    return {
      fn: target as Fn,
      options: { name: (target as Fn).name || 'experiment', ...(second as EvaluateOptions) },
    };
  const method = (target as Record<string, unknown>)[second];
  if (typeof method !== 'function') throw new Error(`evaluate: ${second} is not a method`);
  const declared = getEvaluateOptions(method);
  if (!declared && !third) throw new Error(`evaluate: ${second} has no @Evaluate options`);
  return { fn: (dp) => (method as Fn).call(target, dp), options: { name: second, ...declared, ...third } };
}

/** Creates the run (`POST /v1/runs`) and answers its id: the backend's, else the one asked for. */
async function createRun(
  tracer: TracerCore,
  name: string,
  runId: string,
  datasetId: string,
  datapoints: readonly { id: string }[],
  evaluators: readonly string[],
): Promise<{ runId: string; failure?: string }> {
  let failure: string | undefined;
  const created = (await tracer.client
    .request('POST', '/v1/runs', {
      project: tracer.project,
      name,
      run_id: runId,
      event_ids: [],
      datapoint_ids: datapoints.map((d) => d.id),
      // which metrics are scores: the collector judges a datapoint by these only, as the SDK does
      configuration: { evaluators },
      metadata: {},
      status: 'pending',
      dataset_id: datasetId,
    })
    .catch((err: unknown) => {
      logger.error('creating the run failed', err);
      failure = `creating the run failed: ${describeError(err)}`;
      return undefined;
    })) as { run_id?: string } | undefined;
  return { runId: created?.run_id ?? runId, ...(failure ? { failure } : {}) };
}

/** A datapoint as a reader knows it: its first input when that is short text, else its id. */
function datapointLabel(dp: Datapoint): string {
  const first = Object.values(dp.inputs ?? {})[0];
  if (typeof first === 'string' && first.trim() !== '')
    return first.length > 60 ? `${first.slice(0, 59)}…` : first;
  return dp.id;
}

/** What every datapoint of a run shares. */
interface RunPlan {
  readonly name: string;
  readonly fn: Fn;
  /** How long one evaluator may take on one datapoint. */
  readonly evaluatorTimeoutMs: number;
  readonly evaluators: NonNullable<EvaluateOptions['evaluators']>;
  /** The evaluators' names: the metrics that are scores. */
  readonly scores: readonly string[];
  readonly ids: { run_id: string; dataset_id: string; datapoint_id: string };
}

/**
 * One datapoint: its own session (with the run's ids in baggage, so every span carries them), the
 * function in a `chain` span, then the evaluators; the session gets the output and scores.
 */
async function runDatapoint(tracer: TracerCore, plan: RunPlan, dp: Datapoint): Promise<DatapointResult> {
  const { name, ids } = plan;
  // each datapoint's session is named for it, so the session list tells them apart
  const sessionName = `${name} · ${datapointLabel(dp)}`;
  const sessionId = tracer.startSession({ sessionName, inputs: dp.inputs, metadata: ids });
  const bag = (propagation.getBaggage(context.active()) ?? propagation.createBaggage())
    .setEntry(BAGGAGE.runId, { value: ids.run_id })
    .setEntry(BAGGAGE.datasetId, { value: ids.dataset_id })
    .setEntry(BAGGAGE.datapointId, { value: dp.id });
  const t0 = performance.now();
  const result: DatapointResult = {
    datapointId: dp.id,
    sessionId,
    inputs: dp.inputs,
    outputs: undefined,
    groundTruth: dp.ground_truth ?? null,
    metrics: {},
    error: null,
    durationMs: 0,
    passed: false,
  };
  await context.with(propagation.setBaggage(context.active(), bag), () =>
    tracer.withSession({ sessionId }, () =>
      tracer.trace(name, { eventType: 'chain', inputs: dp.inputs }, (span) =>
        callAndScore(tracer, plan, dp, span, result),
      ),
    ),
  );
  result.durationMs = performance.now() - t0;
  result.passed = datapointPassed(result.error, result.metrics, plan.scores);
  tracer.enrichSession(sessionId, {
    outputs: { result: result.outputs },
    feedback: { ground_truth: dp.ground_truth ?? null },
    metrics: result.metrics,
  });
  return result;
}

/** Calls the function on the datapoint, then each evaluator on its output; fills `result`. */
async function callAndScore(
  tracer: TracerCore,
  plan: RunPlan,
  dp: Datapoint,
  span: Span,
  result: DatapointResult,
): Promise<void> {
  try {
    let out = plan.fn(dp);
    if (types.isPromise(out)) out = await out;
    result.outputs = out;
    tracer.capturer.captureCompact(span, 'honeyhive_outputs.result', out);
  } catch (err) {
    result.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    tracer.enrichSpan({ error: result.error });
    return;
  }
  // the evaluators run at once, each bounded: a judge that hangs costs its timeout, not the run
  const timeoutMs = plan.evaluatorTimeoutMs;
  const TIMED_OUT = Symbol('timed out');
  await Promise.all(
    plan.evaluators.map(async (ev) => {
      const metric = evaluatorName(ev as never);
      try {
        const work = Promise.resolve().then(() => ev(result.outputs, dp.inputs, dp.ground_truth));
        const value = await raceTimeout<unknown>(work, timeoutMs, TIMED_OUT, true);
        if (value === TIMED_OUT) throw new Error(`took longer than ${timeoutMs} ms`);
        const { score, explanation } = scoreOf(value);
        if (score !== undefined) result.metrics[metric] = score;
        if (explanation !== undefined)
          tracer.enrichSpan({ metadata: { [`${metric}_explanation`]: explanation } });
      } catch (err) {
        logger.error(`evaluator ${metric} failed on ${dp.id}`, err);
      }
    }),
  );
  tracer.enrichSpan({ metrics: result.metrics });
}
