import { randomUUID } from 'node:crypto';
import { NAMESPACE_FIELDS } from '../../semconv/honeyhive';
import type { CollectorEvent } from '../store/CollectorEvent';
import type { IncomingMessage } from 'node:http';
import { parseJsonBody } from '../ingest/json-body';
import { HttpStatusError, readBody } from './http-utils';
import type { RunResult, StoredDataset, StoredRun } from '../store/store-types';

type Row = Record<string, unknown>;

/** A JSON object (not an array). */
export const isObject = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value when it is an object, else `{}`. */
export const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

/** The value when it is an object; 400 naming `what` otherwise. */
export function requireObject(v: unknown, what: string): Row {
  if (!isObject(v)) throw new HttpStatusError(400, `${what} must be a JSON object`);
  return v;
}

/** A request's JSON object body (up to `limit` bytes); 400 when it is anything else. */
export async function jsonBody(req: IncomingMessage, limit: number): Promise<Row> {
  return requireObject(parseJsonBody(await readBody(req, limit)), 'the body');
}

/** The value when it is an array (or absent: `[]`); 400 naming `what` otherwise. */
export function requireArray(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new HttpStatusError(400, `${what} must be an array`);
  return v;
}

/**
 * Epoch milliseconds from a client's time: HoneyHive clients send milliseconds, the official
 * LangChain tracer microseconds; nanoseconds happen too. Told apart by size (any time after 1973
 * in microseconds is above 1e14).
 */
export function epochMs(v: unknown, fallback: number): number {
  const n = Number(v);
  if (v === undefined || v === null || !Number.isFinite(n)) return fallback;
  if (n > 1e17) return n / 1e6;
  if (n > 1e14) return n / 1e3;
  return n;
}

/** A client's event body (`POST /events`, batches, LangChain logs) as a stored event. */
export function toEvent(e: Row, fallbackSession?: string): CollectorEvent {
  const now = Date.now();
  const sessionId =
    typeof e.session_id === 'string' && e.session_id ? e.session_id : (fallbackSession ?? randomUUID());
  const start = epochMs(e.start_time, now);
  const end = epochMs(e.end_time, NaN);
  const duration = Number.isFinite(Number(e.duration))
    ? Number(e.duration)
    : Number.isFinite(end)
      ? end - start
      : 0;
  const event: Row = {
    event_id: typeof e.event_id === 'string' && e.event_id ? e.event_id : randomUUID(),
    parent_id: typeof e.parent_id === 'string' && e.parent_id ? e.parent_id : sessionId,
    session_id: sessionId,
    project: String(e.project ?? 'default'),
    source: String(e.source ?? 'unknown'),
    event_type: String(e.event_type ?? 'tool'),
    event_name: String(e.event_name ?? 'event'),
    error: e.error === undefined || e.error === null ? null : String(e.error),
    start_time: start,
    end_time: Number.isFinite(end) ? end : start + duration,
    duration,
  };
  for (const f of NAMESPACE_FIELDS) event[f] = obj(e[f]);
  return event as unknown as CollectorEvent;
}

/**
 * An event as HoneyHive's API returns it: `end_time` an integer of milliseconds, and the project
 * also as `project_id`, which the official SDKs' Event schema reads (the local collector names a
 * project by its name, so the two agree).
 */
export function wireEvent(e: CollectorEvent): CollectorEvent & { project_id: string } {
  return { ...e, project_id: e.project, end_time: Math.round(e.end_time) };
}

const iso = (ms: number): string => new Date(Number.isFinite(ms) ? ms : 0).toISOString();

/** A run as HoneyHive's API returns it (`created_at` an ISO date). */
export function wireRun(run: StoredRun): Row {
  return { ...run, created_at: iso(run.created_at), updated_at: iso(run.updated_at) };
}

/** A dataset as HoneyHive's API lists it. */
export function wireDataset(d: StoredDataset): Row {
  return {
    ...d,
    _id: d.dataset_id,
    type: 'evaluation',
    num_points: d.datapoints.length,
    created_at: iso(d.created_at),
  };
}

/**
 * A run's result as HoneyHive's API returns it (`ExperimentResultResponse`): per-metric details
 * as a list, and each datapoint's metrics as a list.
 */
export function wireRunResult(result: RunResult, aggregation: string): Row {
  const details = Object.entries(result.metrics).map(([name, m]) => {
    const values = result.datapoints
      .map((d) => d.metrics[name])
      .filter((v): v is number | boolean => typeof v === 'number' || typeof v === 'boolean');
    const passed = result.datapoints
      .filter((d) => Boolean(d.metrics[name]))
      .map((d) => d.datapoint_id ?? d.session_id);
    const failed = result.datapoints
      .filter((d) => d.metrics[name] !== undefined && !d.metrics[name])
      .map((d) => d.datapoint_id ?? d.session_id);
    const aggregate =
      aggregation === 'sum'
        ? values.reduce<number>((s, v) => s + Number(v), 0)
        : aggregation === 'min'
          ? m.min
          : aggregation === 'max'
            ? m.max
            : m.mean;
    return {
      metric_name: name,
      metric_type: values.every((v) => typeof v === 'boolean') ? 'boolean' : 'numeric',
      event_name: result.name,
      event_type: 'session',
      aggregate,
      values,
      datapoints: { passed, failed },
    };
  });
  return {
    status: result.status,
    success: result.success,
    passed: result.passed,
    failed: result.failed,
    metrics: { aggregation_function: aggregation, details },
    datapoints: result.datapoints.map((d) => ({
      datapoint_id: d.datapoint_id ?? undefined,
      session_id: d.session_id,
      passed: d.passed,
      metrics: Object.entries(d.metrics).map(([name, value]) => ({
        name,
        event_name: result.name,
        event_type: 'session',
        value,
        passed: Boolean(value),
      })),
    })),
  };
}
