import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { NAMESPACE_TABLE } from '../../semconv/honeyhive';
import type { CollectorEvent } from '../store/CollectorEvent';
import type { EventStore } from '../store/EventStore';
import { HttpStatusError, sendJson } from '../http/http-utils';
import { costOf, modelOf, tokensOf } from './prices';
import type { Router } from '../http/Router';
import type { RunStore } from '../store/RunStore';
import type { SessionSummary } from '../store/store-types';
import type { ModelPrices, SessionListQuery, TokenCounts, ViewerEvent, ViewerRoutes } from './viewer-api';
import { ViewerAssets } from './viewer-assets';

/** No inline script or style attribute is ever needed: captured data can never become code. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Answers a viewer route with the body its type names. */
function reply<R extends keyof ViewerRoutes>(res: ServerResponse, _route: R, body: ViewerRoutes[R]): void {
  sendJson(res, 200, body);
}

/** A viewer event: links resolved to stored events, tokens and cost worked out. */
function toViewerEvent(e: CollectorEvent, events: EventStore, prices: ModelPrices): ViewerEvent {
  const tokens = e.event_type === 'model' ? tokensOf(e) : null;
  return {
    ...e,
    links: e.links?.map((l) => ({ ...l, target: events.linkTarget(l.trace_id, l.span_id) })),
    tokens,
    cost: costOf(prices, modelOf(e), tokens),
  };
}

/** Sums token counts and costs (a cost sum stays `null` until one is priced). */
function total(list: readonly { tokens: TokenCounts | null; cost: number | null }[]): {
  tokens: TokenCounts;
  cost: number | null;
} {
  const tokens = { prompt: 0, completion: 0, total: 0 };
  let cost: number | null = null;
  for (const e of list) {
    if (e.tokens) {
      tokens.prompt += e.tokens.prompt;
      tokens.completion += e.tokens.completion;
      tokens.total += e.tokens.total;
    }
    if (e.cost !== null) cost = (cost ?? 0) + e.cost;
  }
  return { tokens, cost };
}

/** Each listed session's cost, from its model events (only when prices are configured). */
function priceSessions(sessions: SessionSummary[], events: EventStore, prices: ModelPrices): void {
  if (Object.keys(prices).length === 0) return;
  for (const s of sessions) {
    const models = events.sessionEventsOfType(s.session_id, 'model');
    s.cost = total(models.map((e) => toViewerEvent(e, events, prices))).cost;
  }
}

/** The query parameters of `GET /api/sessions`, as given. */
function sessionQuery(query: URLSearchParams): SessionListQuery {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = v;
  return out;
}

/** The web viewer: its page and modules, and the typed JSON API they read (`ViewerRoutes`). */
export function viewerRoutes(
  router: Router,
  events: EventStore,
  runs: RunStore,
  prices: ModelPrices = {},
): void {
  const assets = new ViewerAssets(path.join(__dirname, 'app'));
  const serve = (file: string, res: ServerResponse): void => {
    const asset = assets.get(file);
    if (!asset) throw new HttpStatusError(404, `no viewer file ${file}`);
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': asset.body.length,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
    });
    res.end(asset.body);
  };
  router.on('GET', '/', ({ res }) => serve('index.html', res));
  router.on('GET', '/viewer/:file', ({ res, params }) => serve(params.file!, res));
  router.on('GET', '/health', ({ res }) => sendJson(res, 200, { ok: true }));
  viewerApiRoutes(router, events, runs, prices);
}

/** The typed JSON API the viewer reads (`ViewerRoutes`). */
function viewerApiRoutes(router: Router, events: EventStore, runs: RunStore, prices: ModelPrices): void {
  router.on('GET', '/api/conventions', ({ res }) =>
    reply(res, '/api/conventions', {
      namespaces: NAMESPACE_TABLE.map((n) => ({ field: n.field, attribute: n.attribute })),
      priced: Object.keys(prices).length > 0,
    }),
  );
  router.on('GET', '/api/revision', ({ res }) => reply(res, '/api/revision', { revision: events.revision }));
  router.on('GET', '/api/facets', ({ res }) => reply(res, '/api/facets', events.facets()));
  router.on('GET', '/api/sessions', ({ res, query }) => {
    const page = events.listSessions(sessionQuery(query));
    priceSessions(page.sessions, events, prices);
    reply(res, '/api/sessions', page);
  });
  router.on('GET', '/api/sessions/:id', ({ res, params }) => {
    const list = events.sessionEvents(params.id!);
    if (list.length === 0) throw new HttpStatusError(404, `no session ${params.id}`);
    const all = list.map((e) => toViewerEvent(e, events, prices));
    const children = all.filter((e) => e.event_id !== params.id);
    reply(res, '/api/sessions/:id', {
      session: all.find((e) => e.event_id === params.id) ?? null,
      events: children,
      ...total(children),
    });
  });
  router.on('GET', '/api/runs', ({ res, query }) =>
    reply(res, '/api/runs', {
      runs: runs
        .listRuns(query.get('project') || undefined)
        .map((r) => ({ ...r, result: runs.runResult(String(r.run_id)) ?? null })),
    }),
  );
  router.on('GET', '/api/runs/:id', ({ res, params }) => {
    const result = runs.runResult(params.id!);
    const run = runs.getRun(params.id!);
    if (!result || !run) throw new HttpStatusError(404, `no run ${params.id}`);
    reply(res, '/api/runs/:id', { run, result });
  });
}
