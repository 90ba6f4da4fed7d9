import { randomUUID } from 'node:crypto';
import type { CollectorEvent } from './CollectorEvent';
import type { EventPatch, EventStore } from './EventStore';
import type { ExportQuery } from './export-query';
import { HttpStatusError, parseJsonBody, readBody, sendJson } from './http-utils';
import type { Router } from './Router';
import type { RunStore } from './RunStore';

type Row = Record<string, unknown>;

const isObject = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);

function requireObject(v: unknown, what: string): Row {
  if (!isObject(v)) throw new HttpStatusError(400, `${what} must be a JSON object`);
  return v;
}

const obj = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

/** A `POST /events` event body as a stored event. */
function toEvent(e: Row, fallbackSession?: string): CollectorEvent {
  const now = Date.now();
  const sessionId = typeof e.session_id === 'string' ? e.session_id : (fallbackSession ?? randomUUID());
  const start = Number(e.start_time ?? now);
  const duration = Number(e.duration ?? (e.end_time !== undefined ? Number(e.end_time) - start : 0));
  return {
    event_id: typeof e.event_id === 'string' ? e.event_id : randomUUID(),
    parent_id: typeof e.parent_id === 'string' ? e.parent_id : sessionId,
    session_id: sessionId,
    project: String(e.project ?? 'default'),
    source: String(e.source ?? 'unknown'),
    event_type: String(e.event_type ?? 'tool'),
    event_name: String(e.event_name ?? 'event'),
    inputs: obj(e.inputs),
    outputs: obj(e.outputs),
    metadata: obj(e.metadata),
    metrics: obj(e.metrics),
    feedback: obj(e.feedback),
    config: obj(e.config),
    user_properties: obj(e.user_properties),
    error: e.error === undefined || e.error === null ? null : String(e.error),
    start_time: start,
    end_time: Number(e.end_time ?? start + duration),
    duration,
  };
}

/** The HoneyHive REST routes of the wire contract: sessions, events, export, runs, datasets. */
export function honeyhiveRoutes(router: Router, events: EventStore, runs: RunStore, limit: number): void {
  const body = async (req: Parameters<typeof readBody>[0]) => parseJsonBody(await readBody(req, limit));

  router.on('POST', '/session/start', async ({ req, res }) => {
    const s = requireObject(requireObject(await body(req), 'the body').session, 'session');
    const sessionId = typeof s.session_id === 'string' ? s.session_id : randomUUID();
    const patch: EventPatch = {
      event_id: sessionId,
      session_id: sessionId,
      parent_id: null,
      event_type: 'session',
      event_name: String(s.session_name ?? 'session'),
      project: String(s.project ?? 'default'),
      source: String(s.source ?? 'unknown'),
      inputs: obj(s.inputs),
      metadata: obj(s.metadata),
      user_properties: obj(s.user_properties),
    };
    if (!events.get(sessionId)) patch.start_time = Date.now();
    events.merge([patch]);
    sendJson(res, 200, { session_id: sessionId });
  });

  router.on('PUT', '/events', async ({ req, res }) => {
    const b = requireObject(await body(req), 'the body');
    if (typeof b.event_id !== 'string' || b.event_id === '')
      throw new HttpStatusError(400, 'event_id is required');
    const patch: EventPatch = { event_id: b.event_id };
    for (const k of [
      'metadata',
      'feedback',
      'metrics',
      'outputs',
      'inputs',
      'config',
      'user_properties',
    ] as const) {
      if (b[k] !== undefined) patch[k] = requireObject(b[k], k);
    }
    if (typeof b.duration === 'number') patch.duration = b.duration;
    events.merge([patch], { session_id: b.event_id });
    sendJson(res, 200, { success: true });
  });

  router.on('POST', '/events', async ({ req, res }) => {
    const e = toEvent(requireObject(requireObject(await body(req), 'the body').event, 'event'));
    events.ingestSpans([e]);
    sendJson(res, 200, { success: true, event_id: e.event_id });
  });

  router.on('POST', '/events/batch', async ({ req, res }) => {
    const b = requireObject(await body(req), 'the body');
    if (!Array.isArray(b.events)) throw new HttpStatusError(400, 'events must be an array');
    const single = b.is_single_session === true ? randomUUID() : undefined;
    const list = b.events.map((e) => toEvent(requireObject(e, 'each event'), single));
    if (single) {
      const props = obj(b.session_properties);
      events.merge([
        {
          event_id: single,
          session_id: single,
          event_type: 'session',
          event_name: String(props.session_name ?? 'session'),
          project: String(props.project ?? list[0]?.project ?? 'default'),
          source: String(props.source ?? list[0]?.source ?? 'unknown'),
          start_time: Date.now(),
        },
      ]);
    }
    events.ingestSpans(list);
    sendJson(res, 200, { success: true, event_ids: list.map((e) => e.event_id), session_id: single });
  });

  router.on('POST', '/v1/events/export', async ({ req, res }) => {
    sendJson(res, 200, events.export(requireObject(await body(req), 'the body') as ExportQuery));
  });

  router.on('POST', '/v1/runs', async ({ req, res }) => {
    const run = runs.createRun(requireObject(await body(req), 'the body'));
    sendJson(res, 200, { run_id: run.run_id, evaluation: run });
  });
  router.on('PUT', '/v1/runs/:id', async ({ req, res, params }) => {
    const run = runs.updateRun(params.id!, requireObject(await body(req), 'the body'));
    if (!run) throw new HttpStatusError(404, `no run ${params.id}`);
    sendJson(res, 200, { success: true, evaluation: run });
  });
  router.on('GET', '/v1/runs', ({ res, query }) =>
    sendJson(res, 200, { evaluations: runs.listRuns(query.get('project') ?? undefined) }),
  );
  router.on('GET', '/v1/runs/:id', ({ res, params }) => {
    const run = runs.getRun(params.id!);
    if (!run) throw new HttpStatusError(404, `no run ${params.id}`);
    sendJson(res, 200, { evaluation: run });
  });
  router.on('GET', '/v1/runs/:id/result', ({ res, params }) => {
    const result = runs.runResult(params.id!);
    if (!result) throw new HttpStatusError(404, `no run ${params.id}`);
    sendJson(res, 200, result);
  });

  router.on('GET', '/v1/datasets', ({ res, query }) =>
    sendJson(res, 200, {
      datasets: runs.listDatasets({
        dataset_id: query.get('dataset_id') ?? undefined,
        project: query.get('project') ?? undefined,
      }),
    }),
  );
  router.on('POST', '/v1/datasets', async ({ req, res }) => {
    const b = requireObject(await body(req), 'the body');
    if (b.datapoints !== undefined && !Array.isArray(b.datapoints))
      throw new HttpStatusError(400, 'datapoints must be an array');
    const id = runs.createDataset(b as Parameters<RunStore['createDataset']>[0]);
    sendJson(res, 200, { dataset_id: id, result: { insertedId: id } });
  });
  router.on('POST', '/v1/datasets/:id/datapoints', async ({ req, res, params }) => {
    const b = requireObject(await body(req), 'the body');
    if (!Array.isArray(b.datapoints)) throw new HttpStatusError(400, 'datapoints must be an array');
    if (runs.listDatasets({ dataset_id: params.id }).length === 0)
      throw new HttpStatusError(404, `no dataset ${params.id}`);
    sendJson(res, 200, { datapoint_ids: runs.addDatapoints(params.id!, b.datapoints) });
  });
  router.on('GET', '/v1/datapoints/:id', ({ res, params }) => {
    const dp = runs.getDatapoint(params.id!);
    if (!dp) throw new HttpStatusError(404, `no datapoint ${params.id}`);
    sendJson(res, 200, { datapoint: [dp] });
  });
}
