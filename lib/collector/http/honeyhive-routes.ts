import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { NAMESPACE_FIELDS } from '../../semconv/honeyhive';
import type { CollectorEvent } from '../store/CollectorEvent';
import type { EventPatch, EventStore } from '../store/EventStore';
import { HttpStatusError, sendJson } from './http-utils';
import { isObject, jsonBody, obj, requireArray, requireObject, toEvent, wireEvent } from './rest-shapes';
import { restRoute } from './rest-paths';
import type { Router } from './Router';

type Row = Record<string, unknown>;

/** A session-start body as a patch of the session event (named by its client). */
function sessionPatch(s: Row, sessionId: string): EventPatch {
  const patch: EventPatch = {
    event_id: sessionId,
    session_id: sessionId,
    parent_id: null,
    event_type: 'session',
    event_name: String(s.session_name ?? 'session'),
    project: String(s.project ?? 'default'),
    source: String(s.source ?? 'unknown'),
    name_source: 'start',
  };
  for (const f of NAMESPACE_FIELDS) if (isObject(s[f])) patch[f] = s[f];
  if (typeof s.error === 'string') patch.error = s.error;
  return patch;
}

/** A model event (`POST /events/model`) as an event: messages, response, usage and parameters mapped. */
function modelEvent(m: Row, sessionId: string): CollectorEvent {
  const config: Row = { model: m.model, provider: m.provider, ...obj(m.hyperparameters) };
  for (const k of ['template', 'tools', 'tool_choice', 'response_format'])
    if (m[k] !== undefined) config[k] = m[k];
  const metrics: Row = { ...obj(m.usage) };
  if (typeof m.cost === 'number') metrics.cost = m.cost;
  return toEvent(
    {
      ...m,
      session_id: typeof m.session_id === 'string' ? m.session_id : sessionId,
      event_type: 'model',
      event_name: m.event_name ?? m.model ?? 'model',
      inputs: { chat_history: requireArray(m.messages, 'messages'), ...obj(m.template_inputs) },
      outputs: obj(m.response),
      config,
      metrics,
    },
    sessionId,
  );
}

/** LangChain tracer logs (a tree under `children`) as a flat list of events of one session. */
function flattenLogs(logs: unknown[], sessionId: string, parentId: string, out: CollectorEvent[]): void {
  for (const raw of logs) {
    const log = requireObject(raw, 'each log');
    const event = toEvent({ ...log, session_id: sessionId, parent_id: log.parent_id ?? parentId }, sessionId);
    out.push(event);
    flattenLogs(requireArray(log.children, 'children'), sessionId, event.event_id, out);
  }
}

/**
 * The HoneyHive session and event routes: session start and read, events one by one, in batches,
 * model events, enrichment (`PUT /events`), export, and the LangChain tracer's trace upload.
 * Every path answers with and without `/v1`.
 */
export function honeyhiveRoutes(router: Router, events: EventStore, limit: number): void {
  const body: BodyReader = (req) => jsonBody(req, limit);
  sessionRoutes(router, events, body);
  eventRoutes(router, events, body);
  batchRoutes(router, events, body);
}

type BodyReader = (req: IncomingMessage) => Promise<Row>;

/** Session start, session read, the LangChain tracer's trace upload. */
function sessionRoutes(router: Router, events: EventStore, body: BodyReader): void {
  restRoute(router, 'POST', '/session/start', async ({ req, res }) => {
    const b = await body(req);
    // the SDK wraps the session in `session`; its LangChain tracer sends it flat
    const flat =
      b.session === undefined && (typeof b.project === 'string' || typeof b.session_name === 'string');
    const s = flat ? b : requireObject(b.session, 'session');
    const sessionId = typeof s.session_id === 'string' && s.session_id ? s.session_id : randomUUID();
    const patch = sessionPatch(s, sessionId);
    if (!events.get(sessionId)) patch.start_time = Date.now();
    events.merge([patch]);
    sendJson(res, 200, { session_id: sessionId });
  });

  restRoute(router, 'GET', '/session/:id', ({ res, params }) => {
    const list = events.sessionEvents(params.id!);
    const session = list.find((e) => e.event_id === params.id);
    if (!session) throw new HttpStatusError(404, `no session ${params.id}`);
    sendJson(res, 200, {
      ...wireEvent(session),
      children_ids: list.filter((e) => e.parent_id === params.id).map((e) => e.event_id),
    });
  });

  restRoute(router, 'POST', '/session/:id/traces', async ({ req, res, params }) => {
    const list: CollectorEvent[] = [];
    flattenLogs(requireArray((await body(req)).logs, 'logs'), params.id!, params.id!, list);
    events.ingestSpans(list);
    sendJson(res, 200, { success: true, event_ids: list.map((e) => e.event_id) });
  });
}

/** Events one by one: enrichment (`PUT /events`), creation, model events, export. */
function eventRoutes(router: Router, events: EventStore, body: BodyReader): void {
  restRoute(router, 'PUT', '/events', async ({ req, res }) => {
    const b = await body(req);
    if (typeof b.event_id !== 'string' || b.event_id === '')
      throw new HttpStatusError(400, 'event_id is required');
    const patch: EventPatch = { event_id: b.event_id };
    for (const k of NAMESPACE_FIELDS) if (b[k] !== undefined) patch[k] = requireObject(b[k], k);
    if (typeof b.duration === 'number') patch.duration = b.duration;
    events.merge([patch], { session_id: b.event_id });
    sendJson(res, 200, { success: true });
  });

  restRoute(router, 'POST', '/events', async ({ req, res }) => {
    const e = toEvent(requireObject((await body(req)).event, 'event'));
    events.ingestSpans([e]);
    sendJson(res, 200, { success: true, event_id: e.event_id });
  });
}

/** Batches of events and of model events. */
function batchRoutes(router: Router, events: EventStore, body: BodyReader): void {
  restRoute(router, 'POST', '/events/batch', async ({ req, res }) => {
    const b = await body(req);
    if (!Array.isArray(b.events)) throw new HttpStatusError(400, 'events must be an array');
    const out = storeBatch(events, b, b.events, (e, single) =>
      toEvent(single ? { ...e, session_id: single } : e, single),
    );
    sendJson(res, 200, { success: true, ...out });
  });

  restRoute(router, 'POST', '/events/model', async ({ req, res }) => {
    const e = modelEvent(requireObject((await body(req)).model_event, 'model_event'), randomUUID());
    events.ingestSpans([e]);
    sendJson(res, 200, { success: true, event_id: e.event_id });
  });

  restRoute(router, 'POST', '/events/model/batch', async ({ req, res }) => {
    const b = await body(req);
    const list = requireArray(b.model_events, 'model_events');
    const out = storeBatch(events, b, list, (m, single) => modelEvent(m, single ?? randomUUID()));
    sendJson(res, 200, { success: true, event_ids: out.event_ids });
  });

  restRoute(router, 'POST', '/events/export', async ({ req, res }) => {
    const result = events.export(await body(req));
    sendJson(res, 200, { events: result.events.map(wireEvent), totalEvents: result.totalEvents });
  });
}

/**
 * Stores a batch of events; with `is_single_session`, all in one session (started from
 * `session_properties`).
 */
function storeBatch(
  events: EventStore,
  b: Row,
  list: unknown[],
  convert: (e: Row, session: string | undefined) => CollectorEvent,
): { event_ids: string[]; session_id?: string } {
  const props = obj(b.session_properties);
  const single =
    b.is_single_session === true
      ? typeof props.session_id === 'string' && props.session_id
        ? props.session_id
        : randomUUID()
      : undefined;
  const converted = list.map((e) => convert(requireObject(e, 'each event'), single));
  if (single) {
    const first = converted[0];
    const patch = sessionPatch(
      {
        project: first?.project,
        source: first?.source,
        ...props,
        session_name: props.session_name ?? 'session',
      },
      single,
    );
    if (!events.get(single)) patch.start_time = Math.min(Date.now(), ...converted.map((e) => e.start_time));
    events.merge([patch]);
  }
  events.ingestSpans(converted);
  return { event_ids: converted.map((e) => e.event_id), session_id: single };
}
