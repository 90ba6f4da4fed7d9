import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { Trace } from '../../lib/decorators/Trace';
import { EnrichWith } from '../../lib/decorators/EnrichWith';
import { enrichSession } from '../../lib/enrichment/enrich';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

const run = promisify(execFile);

class Agent {
  @Trace({ eventType: 'chain' })
  @EnrichWith({ metadata: { agent: 'support' } })
  async answer(question: string): Promise<string> {
    const docs = await this.lookup(question);
    return `Based on ${docs.length} doc(s): reset it in Settings.`;
  }

  @Trace({ eventType: 'tool' })
  async lookup(query: string): Promise<string[]> {
    return [`doc about ${query}`];
  }

  @Trace({ eventType: 'tool' })
  broken(): never {
    throw new Error('tool exploded');
  }
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: (typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)) as BodyInit,
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}

describe('local collector', () => {
  let collector: Collector;
  beforeEach(async () => (collector = await startCollector({ dbPath: ':memory:' })));
  afterEach(async () => collector.close());

  const exportAll = async (filters: unknown[] = [], project?: string) =>
    (await post(`${collector.url}/v1/events/export`, { project, filters, limit: 1000 })).json;

  it('end to end: real tracers → collector over HTTP → export returns the tree, namespaces and merged session enrichment', async () => {
    const tracer = HoneyHiveTracer.init({
      apiKey: 'local',
      project: 'support-bot',
      source: 'e2e',
      serverUrl: collector.url,
      sessionName: 'chat',
      userProperties: { user_id: 'u1' },
    });
    const agent = new Agent();
    await agent.answer('password reset');
    expect(() => agent.broken()).to.throw('tool exploded');
    tracer.enrichSession({ metadata: { tier: 'pro', nested: { a: 1 } }, feedback: { rating: 4 } });
    enrichSession({
      metadata: { nested: { b: 2 } },
      userProperties: { plan: 'premium' },
      metrics: { turns: 1 },
    });
    expect(await tracer.flush()).to.equal(true);

    const { events, totalEvents } = await exportAll([
      { field: 'session_id', operator: 'is', value: tracer.sessionId },
    ]);
    expect(totalEvents).to.equal(4);
    const byName = Object.fromEntries(events.map((e: any) => [e.event_name, e]));
    const session = byName.chat;
    expect(session.event_type).to.equal('session');
    expect(session.event_id).to.equal(tracer.sessionId);
    expect(session.metadata).to.deep.equal({ tier: 'pro', nested: { a: 1, b: 2 } });
    expect(session.user_properties).to.deep.equal({ user_id: 'u1', plan: 'premium' });
    expect(session.feedback).to.deep.equal({ rating: 4 });
    expect(session.metrics).to.deep.equal({ turns: 1 });

    const answer = byName['Agent.answer'];
    const lookup = byName['Agent.lookup'];
    expect(answer.parent_id).to.equal(tracer.sessionId);
    expect(lookup.parent_id).to.equal(answer.event_id);
    expect(answer.event_type).to.equal('chain');
    expect(answer.inputs).to.deep.equal({ question: 'password reset' });
    expect(answer.outputs).to.deep.equal({ result: 'Based on 1 doc(s): reset it in Settings.' });
    expect(answer.metadata).to.include({ agent: 'support' });
    expect(answer.duration).to.be.a('number').and.at.least(0);
    expect(answer.project).to.equal('support-bot');
    expect(byName['Agent.broken'].error).to.equal('Error: tool exploded');
    expect(session.start_time).to.be.at.most(answer.start_time);
  });

  it('accepts an unmodified OpenTelemetry NodeSDK sending protobuf to /v1/traces', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        path.join(__dirname, '../helpers/nodesdk-sender.ts'),
        collector.url,
      ],
      {
        cwd: path.join(__dirname, '../..'),
      },
    );
    const traceId = stdout.trim().split('\n').pop()!;
    const { events } = await exportAll([], 'plain-otel-service');
    const spans = events.filter((e: any) => e.trace_id === traceId);
    expect(spans.map((e: any) => e.event_name).sort()).to.deep.equal(['otel-child', 'otel-parent']);
    const parent = spans.find((e: any) => e.event_name === 'otel-parent');
    const child = spans.find((e: any) => e.event_name === 'otel-child');
    expect(child.parent_id).to.equal(parent.event_id);
    expect(parent.event_type).to.equal('model');
    expect(child.metadata.answer).to.equal(42);
  });

  it('accepts gzip-compressed OTLP/JSON', async () => {
    const body = zlib.gzipSync(
      JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '1'.repeat(32),
                    spanId: '2'.repeat(16),
                    name: 'gz',
                    startTimeUnixNano: '1000000',
                    endTimeUnixNano: '3000000',
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const res = await fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
    });
    expect(res.status).to.equal(200);
    const { events } = await exportAll([{ field: 'event_name', operator: 'is', value: 'gz' }]);
    expect(events[0].duration).to.equal(2);
  });

  describe('bad input', () => {
    it('answers 400 to malformed JSON and protobuf and keeps serving, losing nothing', async () => {
      const tracer = HoneyHiveTracer.init({
        apiKey: 'k',
        project: 'p',
        serverUrl: collector.url,
        disableBatch: true,
      });
      tracer.trace('before', () => 1);
      await tracer.flush();
      expect((await post(`${collector.url}/v1/traces`, '{not json')).status).to.equal(400);
      expect(
        (
          await post(`${collector.url}/v1/traces`, new Uint8Array([0xff, 0xff, 0xff, 0x0f]), {
            'content-type': 'application/x-protobuf',
          })
        ).status,
      ).to.equal(400);
      expect(
        (
          await post(`${collector.url}/v1/traces`, {
            resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'xyz', spanId: '1' }] }] }],
          })
        ).status,
      ).to.equal(400);
      expect((await post(`${collector.url}/session/start`, { nope: true })).status).to.equal(400);
      expect((await fetch(`${collector.url}/events`, { method: 'PUT', body: '{}' })).status).to.equal(400);
      expect(
        (
          await post(`${collector.url}/v1/events/export`, {
            filters: [{ field: 'x; DROP TABLE events', operator: 'is', value: 1 }],
          })
        ).status,
      ).to.equal(400);
      tracer.trace('after', () => 1);
      expect(await tracer.flush()).to.equal(true);
      const names = (await exportAll([], 'p')).events.map((e: any) => e.event_name);
      expect(names).to.include.members(['before', 'after']);
    });

    it('answers 413 to an oversized body', async () => {
      const small = await startCollector({ dbPath: ':memory:', maxBodyBytes: 1024 });
      try {
        const res = await post(`${small.url}/v1/traces`, { pad: 'x'.repeat(5000) });
        expect(res.status).to.equal(413);
        expect((await fetch(`${small.url}/health`)).status).to.equal(200);
      } finally {
        await small.close();
      }
    });

    it('answers 401 to a wrong key when an API key is set', async () => {
      const guarded = await startCollector({ dbPath: ':memory:', apiKey: 'sekret' });
      try {
        expect(
          (await post(`${guarded.url}/session/start`, { session: {} }, { authorization: 'Bearer wrong' }))
            .status,
        ).to.equal(401);
        expect((await post(`${guarded.url}/session/start`, { session: {} })).status).to.equal(401);
        expect(
          (
            await post(
              `${guarded.url}/session/start`,
              { session: { project: 'p' } },
              { authorization: 'Bearer sekret' },
            )
          ).status,
        ).to.equal(200);
        const tracer = HoneyHiveTracer.init({ apiKey: 'sekret', project: 'guarded', serverUrl: guarded.url });
        tracer.trace('ok', () => 1);
        expect(await tracer.flush()).to.equal(true);
      } finally {
        await guarded.close();
      }
    });

    it('keeps parameterized SQL: filter values are data', async () => {
      await post(`${collector.url}/events`, { event: { event_name: "x' OR '1'='1", project: 'p' } });
      const { events } = await exportAll([{ field: 'event_name', operator: 'is', value: "' OR '1'='1" }]);
      expect(events).to.have.length(0);
      expect((await exportAll([{ field: 'metadata.a', operator: 'exists' }])).events).to.have.length(0);
    });
  });

  describe('HoneyHive routes', () => {
    it('POST /events and /events/batch create events under a session', async () => {
      const one = await post(`${collector.url}/events`, {
        event: {
          project: 'p',
          event_name: 'single',
          event_type: 'tool',
          session_id: 's-1',
          inputs: { a: 1 },
        },
      });
      expect(one.json.success).to.equal(true);
      const batch = await post(`${collector.url}/events/batch`, {
        events: [{ event_name: 'b1' }, { event_name: 'b2' }],
        is_single_session: true,
        session_properties: { session_name: 'batch', project: 'p' },
      });
      expect(batch.json.event_ids).to.have.length(2);
      const { events } = await exportAll([
        { field: 'session_id', operator: 'is', value: batch.json.session_id },
      ]);
      expect(events.map((e: any) => e.event_name).sort()).to.deep.equal(['b1', 'b2', 'batch']);
    });

    it('runs: create, update, result with per-datapoint metrics and aggregates', async () => {
      for (const [sid, score, exact] of [
        ['sa', 0.5, true],
        ['sb', 1, false],
      ] as const) {
        await post(`${collector.url}/session/start`, {
          session: {
            session_id: sid,
            project: 'p',
            session_name: 'run',
            metadata: { datapoint_id: `dp-${sid}` },
          },
        });
        const chain = await post(`${collector.url}/events`, {
          event: {
            session_id: sid,
            project: 'p',
            event_name: 'eval',
            event_type: 'chain',
            metrics: { score, exact },
          },
        });
        // a nested tool span's own metric is not a datapoint score
        await post(`${collector.url}/events`, {
          event: {
            session_id: sid,
            parent_id: chain.json.event_id,
            project: 'p',
            event_name: 'tool',
            metrics: { tokens: 99 },
          },
        });
      }
      const created = await post(`${collector.url}/v1/runs`, {
        project: 'p',
        name: 'exp-1',
        event_ids: [],
        status: 'pending',
      });
      const runId = created.json.run_id;
      await fetch(`${collector.url}/v1/runs/${runId}`, {
        method: 'PUT',
        body: JSON.stringify({ status: 'completed', event_ids: ['sa', 'sb'] }),
      });
      const result = (await (
        await fetch(`${collector.url}/v1/runs/${runId}/result?aggregate_function=average`)
      ).json()) as any;
      expect(result.status).to.equal('completed');
      // HoneyHive's result shape: per-metric details and per-datapoint metrics as lists
      expect(result.metrics.aggregation_function).to.equal('average');
      const detail = (name: string) => result.metrics.details.find((d: any) => d.metric_name === name);
      expect(detail('score')).to.deep.include({ aggregate: 0.75, values: [0.5, 1] });
      expect(detail('exact').datapoints).to.deep.equal({ passed: ['dp-sa'], failed: ['dp-sb'] });
      expect(detail('tokens')).to.equal(undefined);
      expect(result.datapoints.map((d: any) => d.datapoint_id)).to.deep.equal(['dp-sa', 'dp-sb']);
      expect(result.datapoints[0].metrics.find((m: any) => m.name === 'score').value).to.equal(0.5);
      const viewer = (await (await fetch(`${collector.url}/api/runs/${runId}`)).json()) as any;
      expect(viewer.result.metrics.score).to.deep.include({ mean: 0.75, min: 0.5, max: 1, count: 2 });
      expect(viewer.result.metrics.exact.passRate).to.equal(0.5);
      expect(result.failed).to.deep.equal(['dp-sb']);
      expect(await (await fetch(`${collector.url}/v1/runs/missing`)).status).to.equal(404);
    });

    it('datasets: create over HTTP, read back, and load from JSON and JSONL files', async () => {
      const created = await post(`${collector.url}/v1/datasets`, {
        project: 'p',
        name: 'faq-http',
        datapoints: [{ inputs: { q: 'a' }, ground_truth: { a: 'A' } }],
      });
      const { datasets } = (await (
        await fetch(`${collector.url}/v1/datasets?dataset_id=${created.json.dataset_id}`)
      ).json()) as any;
      expect(datasets[0].datapoints).to.have.length(1);
      const dp = (await (
        await fetch(`${collector.url}/v1/datapoints/${datasets[0].datapoints[0]}`)
      ).json()) as any;
      expect(dp.datapoint[0]).to.deep.include({ inputs: { q: 'a' }, ground_truth: { a: 'A' } });

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-'));
      fs.writeFileSync(
        path.join(dir, 'faq.jsonl'),
        '{"inputs":{"q":"x"},"ground_truth":"X"}\n\n{"inputs":{"q":"y"},"ground_truth":"Y"}\n',
      );
      fs.writeFileSync(
        path.join(dir, 'faq.json'),
        JSON.stringify([{ inputs: { q: 'z' }, ground_truth: 'Z' }]),
      );
      const fromJsonl = collector.runs.loadDatasetFile(path.join(dir, 'faq.jsonl'), { project: 'p' });
      const fromJson = collector.runs.loadDatasetFile(path.join(dir, 'faq.json'), {
        project: 'p',
        name: 'faq-json',
      });
      expect(fromJsonl).to.deep.include({ name: 'faq', datapoints: 2, replaced: false });
      expect(collector.runs.listDatasets({ dataset_id: fromJsonl.dataset_id })[0]!.datapoints).to.have.length(
        2,
      );
      expect(collector.runs.listDatasets({ dataset_id: fromJson.dataset_id })[0]!.name).to.equal('faq-json');
      // loading the same file again replaces the dataset (same id), never a second one
      fs.appendFileSync(path.join(dir, 'faq.jsonl'), '{"inputs":{"q":"w"},"ground_truth":"W"}\n');
      const again = collector.runs.loadDatasetFile(path.join(dir, 'faq.jsonl'), { project: 'p' });
      expect(again).to.deep.equal({ ...fromJsonl, datapoints: 3, replaced: true });
      expect(collector.runs.listDatasets({ project: 'p' }).filter((d) => d.name === 'faq')).to.have.length(1);
      expect(collector.runs.listDatasets({ dataset_id: again.dataset_id })[0]!.datapoints).to.have.length(3);
      expect(() => collector.runs.loadDatasetFile(path.join(dir, 'missing.json'))).to.throw(
        path.join(dir, 'missing.json'),
      );
    });
  });

  describe('shutdown', () => {
    it('finishes the requests in flight when closed, and keeps what it acknowledged', async () => {
      const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-')), 'db', 't.db');
      const c = await startCollector({ dbPath });
      const posts = Array.from({ length: 20 }, (_, i) =>
        fetch(`${c.url}/events`, {
          method: 'POST',
          body: JSON.stringify({ event: { project: 'drain', event_name: `e${i}` } }),
        })
          .then((r) => r.status)
          .catch(() => 'refused'),
      );
      await new Promise((r) => setImmediate(r));
      const closing = c.close();
      const statuses = await Promise.all(posts);
      await closing;
      const acknowledged = statuses.filter((s) => s === 200).length;
      expect(acknowledged).to.be.greaterThan(0);
      expect(statuses.every((s) => s === 200 || s === 'refused')).to.equal(true);
      const reopened = await startCollector({ dbPath });
      try {
        expect(
          reopened.events.export({
            project: 'drain',
            filters: [{ field: 'event_type', operator: 'is not', value: 'session' }],
          }).totalEvents,
        ).to.equal(acknowledged);
      } finally {
        await reopened.close();
      }
    });

    it('persists to SQLite in WAL mode across restarts', async () => {
      const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-')), 'traces.db');
      const a = await startCollector({ dbPath });
      await post(`${a.url}/events`, { event: { project: 'persist', event_name: 'kept' } });
      await a.close();
      expect(fs.existsSync(dbPath)).to.equal(true);
      const b = await startCollector({ dbPath });
      try {
        const { events } = (await post(`${b.url}/v1/events/export`, { project: 'persist' })).json;
        expect(events.map((e: any) => e.event_name)).to.include('kept');
      } finally {
        await b.close();
      }
    });
  });
});
