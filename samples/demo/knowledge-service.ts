/** A small knowledge-base service on 127.0.0.1, traced by its own tracer (source "kb-service"). */
import express from 'express';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HoneyHiveTracer } from '../../lib';
import { hivetraceExpress, Trace } from '../../lib';

const ARTICLES = [
  {
    id: 'kb-1',
    title: 'Reset your password',
    text: 'Open Settings → Security → Reset password. A link is emailed to you.',
  },
  { id: 'kb-2', title: 'Billing cycles', text: 'Plans are billed monthly on the day you subscribed.' },
  {
    id: 'kb-3',
    title: 'Export your data',
    text: 'Settings → Data → Export creates a zip of your conversations.',
  },
];

class Index {
  @Trace({ eventType: 'tool', metadata: { index: 'articles-v3' } })
  search(query: string, limit = 2): typeof ARTICLES {
    const words = query
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length > 3);
    return ARTICLES.filter((a) => words.some((w) => `${a.title} ${a.text}`.toLowerCase().includes(w))).slice(
      0,
      limit,
    );
  }
}

/** Starts the service; resolves to its URL and a close function. */
export async function startKnowledgeService(
  tracer: HoneyHiveTracer,
): Promise<{ url: string; close(): Promise<void> }> {
  const index = new Index();
  const app = express();
  app.use(hivetraceExpress({ tracer }));
  app.get('/search', (req, res) => res.json(index.search(String(req.query.q ?? ''))));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
