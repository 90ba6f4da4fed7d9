import * as fs from 'node:fs';
import * as path from 'node:path';
import { NAMESPACE_TABLE } from '../semconv/honeyhive';
import type { EventStore } from './EventStore';
import { positiveInt } from './export-query';
import { HttpStatusError, sendJson } from './http-utils';
import type { Router } from './Router';
import type { RunStore } from './RunStore';

const ASSETS: Record<string, string> = {
  '/': 'index.html',
  '/viewer/app.js': 'app.js',
  '/viewer/style.css': 'style.css',
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The web viewer: static assets and the JSON API they read. Everything captured is rendered as text. */
export function viewerRoutes(router: Router, events: EventStore, runs: RunStore): void {
  const dir = path.join(__dirname, 'viewer');
  for (const [route, file] of Object.entries(ASSETS)) {
    router.on('GET', route, ({ res }) => {
      const body = fs.readFileSync(path.join(dir, file));
      res.writeHead(200, {
        'content-type': TYPES[file.split('.').pop()!]!,
        'content-length': body.length,
        'x-content-type-options': 'nosniff',
        // no inline script is ever needed: captured data can never become code
        'content-security-policy':
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
      });
      res.end(body);
    });
  }
  router.on('GET', '/health', ({ res }) => sendJson(res, 200, { ok: true }));
  // the event fields the viewer shows, from the one table that names them
  router.on('GET', '/api/conventions', ({ res }) =>
    sendJson(res, 200, {
      namespaces: NAMESPACE_TABLE.map((n) => ({ field: n.field, attribute: n.attribute })),
    }),
  );
  router.on('GET', '/api/projects', ({ res }) => sendJson(res, 200, { projects: events.projects() }));
  router.on('GET', '/api/sessions', ({ res, query }) =>
    sendJson(res, 200, {
      sessions: events.listSessions({
        project: query.get('project') || undefined,
        q: query.get('q') || undefined,
        errorsOnly: query.get('errors') === '1',
        limit: positiveInt(query.get('limit'), 'limit', 200, 1000),
      }),
    }),
  );
  router.on('GET', '/api/sessions/:id', ({ res, params }) => {
    const list = events.sessionEvents(params.id!);
    if (list.length === 0) throw new HttpStatusError(404, `no session ${params.id}`);
    sendJson(res, 200, {
      session: list.find((e) => e.event_id === params.id) ?? null,
      events: list.filter((e) => e.event_id !== params.id),
    });
  });
  router.on('GET', '/api/runs', ({ res, query }) =>
    sendJson(res, 200, {
      runs: runs
        .listRuns(query.get('project') || undefined)
        .map((r) => ({ ...r, result: runs.runResult(String(r.run_id)) })),
    }),
  );
  router.on('GET', '/api/runs/:id', ({ res, params }) => {
    const result = runs.runResult(params.id!);
    if (!result) throw new HttpStatusError(404, `no run ${params.id}`);
    sendJson(res, 200, { run: runs.getRun(params.id!), result });
  });
}
