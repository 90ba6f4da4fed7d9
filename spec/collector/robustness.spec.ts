import { expect } from 'chai';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../lib/collector/store/database';
import { OTLP_TRACE_PROTO } from '../helpers/otlp-proto';
import { spanEventId } from '../../lib/collector/store/event-ids';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import { bigBody } from '../helpers/otlp-bodies';
import { serveCli } from '../helpers/serve-cli';
import { rollbackKeepsResources } from '../helpers/rollback-case';

const serve = serveCli;

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: (typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)) as BodyInit,
  });

const span = (extra: Record<string, unknown>) => ({
  traceId: 'ab'.repeat(16),
  spanId: 'cd'.repeat(8),
  name: 's',
  startTimeUnixNano: '1795389538754000000',
  endTimeUnixNano: '1795389538755000000',
  ...extra,
});
const otlp = (spans: unknown) => ({ resourceSpans: [{ scopeSpans: [{ spans }] }] });

describe('collector robustness', function () {
  this.timeout(120_000);

  describe('client mistakes get 4xx, and the collector keeps serving', () => {
    let collector: Collector;
    before(async () => (collector = await startCollector({ dbPath: ':memory:' })));
    after(async () => collector.close());

    it('answers 400 to OTLP bodies with non-iterable parts or values nested too deep', async () => {
      const bad = [
        { resourceSpans: [{ scopeSpans: 5 }] },
        { resourceSpans: [{ scopeSpans: [{ spans: {} }] }] },
        otlp([span({ events: 'x' })]),
        otlp([span({ links: 7 })]),
        otlp([span({ attributes: { a: 1 } })]),
        otlp([span({ attributes: [{ key: 'a', value: { arrayValue: { values: 3 } } }] })]),
        otlp([span({ attributes: [{ key: 'a', value: { intValue: 'twelve' } }] })]),
        { resourceSpans: 'all of them' },
      ];
      // 1,100 levels of nested kvlists, written as text (JSON.stringify would overflow the stack)
      const deep =
        '{"kvlistValue":{"values":[{"key":"k","value":'.repeat(1100) +
        '{"stringValue":"bottom"}' +
        '}]}}'.repeat(1100);
      const texts = bad.map((b) => JSON.stringify(b));
      texts.push(
        JSON.stringify(otlp([span({})])).replace(
          '"name":"s"',
          `"name":"s","attributes":[{"key":"deep","value":${deep}}]`,
        ),
      );
      for (const body of texts) {
        const res = await post(`${collector.url}/v1/traces`, body);
        expect(res.status, body.slice(0, 120)).to.equal(400);
      }
      const deepInputs = `{"event":{"event_name":"deep","inputs":${'{"a":'.repeat(1100)}1${'}'.repeat(1100)}}}`;
      expect((await post(`${collector.url}/events`, deepInputs)).status).to.equal(400);
      // nothing was stored, and json_extract filters keep working on what is
      const ok = await post(
        `${collector.url}/v1/traces`,
        otlp([span({ attributes: [{ key: 'honeyhive_metadata.k', value: { stringValue: 'v' } }] })]),
      );
      expect(ok.status).to.equal(200);
      const found = (await (
        await post(`${collector.url}/v1/events/export`, {
          filters: [{ field: 'metadata.k', operator: 'is', value: 'v' }],
        })
      ).json()) as any;
      expect(found.totalEvents).to.equal(1);
    });

    it('answers 400 to bad paging and malformed escapes, never 500', async () => {
      for (const q of [
        { limit: 'abc' },
        { limit: 1.5 },
        { limit: 0 },
        { page: '1e300' },
        { page: -2 },
        { page: 1e300 },
        // a time compared with text: PostgreSQL cannot read it, SQLite would never match it
        { filters: [{ field: 'start_time', operator: 'is', value: 'abc' }] },
        { filters: [{ field: 'duration', operator: 'greater than', value: 'x' }] },
      ]) {
        const res = await post(`${collector.url}/v1/events/export`, q);
        expect(res.status, JSON.stringify(q)).to.equal(400);
      }
      const numeric = await post(`${collector.url}/v1/events/export`, {
        filters: [{ field: 'duration', operator: 'greater than', value: '5' }],
      });
      expect(numeric.status, 'a number as text still compares').to.equal(200);
      expect((await fetch(`${collector.url}/api/sessions?limit=abc`)).status).to.equal(400);
      expect((await fetch(`${collector.url}/api/sessions?limit=1.5`)).status).to.equal(400);
      expect((await fetch(`${collector.url}/v1/runs/%E0%A4%A`)).status).to.equal(400);
      expect((await fetch(`${collector.url}/session/%ZZ`)).status).to.equal(400);
      expect((await fetch(`${collector.url}/health`)).status).to.equal(200);
    });

    it('keeps int64, bytes and non-finite doubles exact, in JSON and protobuf', async () => {
      const attrs = [
        { key: 'max', value: { intValue: '9223372036854775807' } },
        { key: 'min', value: { intValue: '-9223372036854775808' } },
        { key: 'safe', value: { intValue: '9007199254740991' } },
        { key: 'bytes', value: { bytesValue: 'ABCD' } },
        { key: 'nan', value: { doubleValue: 'NaN' } },
        { key: 'inf', value: { doubleValue: 'Infinity' } },
        { key: 'ninf', value: { doubleValue: '-Infinity' } },
        {
          key: 'list',
          value: { arrayValue: { values: [{ intValue: '18446744073709551615' }, { boolValue: false }] } },
        },
      ];
      const expected = {
        max: '9223372036854775807',
        min: '-9223372036854775808',
        safe: 9007199254740991,
        bytes: 'ABCD',
        nan: 'NaN',
        inf: 'Infinity',
        ninf: '-Infinity',
        list: ['18446744073709551615', false],
      };
      const traceJson = '11'.repeat(16);
      expect(
        (await post(`${collector.url}/v1/traces`, otlp([span({ traceId: traceJson, attributes: attrs })])))
          .status,
      ).to.equal(200);
      const protobuf = (await import('protobufjs')).default;
      const protoRoot = protobuf.parse(OTLP_TRACE_PROTO, { keepCase: false }).root;
      const Request = protoRoot.lookupType('opentelemetry.proto.ExportTraceServiceRequest');
      const traceProto = '22'.repeat(16);
      const message = Request.fromObject({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: Buffer.from(traceProto, 'hex'),
                    spanId: Buffer.from('cd'.repeat(8), 'hex'),
                    name: 's',
                    startTimeUnixNano: '1795389538754000000',
                    endTimeUnixNano: '1795389538755000000',
                    attributes: [
                      { key: 'max', value: { intValue: '9223372036854775807' } },
                      { key: 'min', value: { intValue: '-9223372036854775808' } },
                      { key: 'safe', value: { intValue: '9007199254740991' } },
                      { key: 'bytes', value: { bytesValue: Buffer.from('ABCD', 'base64') } },
                      { key: 'nan', value: { doubleValue: NaN } },
                      { key: 'inf', value: { doubleValue: Infinity } },
                      { key: 'ninf', value: { doubleValue: -Infinity } },
                      {
                        key: 'list',
                        value: { arrayValue: { values: [{ intValue: '-1' }, { boolValue: false }] } },
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      });
      const res = await post(`${collector.url}/v1/traces`, Request.encode(message).finish(), {
        'content-type': 'application/x-protobuf',
      });
      expect(res.status).to.equal(200);
      const read = async (traceId: string) =>
        (
          (await (
            await post(`${collector.url}/v1/events/export`, {
              filters: [{ field: 'trace_id', operator: 'is', value: traceId }],
            })
          ).json()) as any
        ).events[0].attributes;
      expect(await read(traceJson)).to.deep.equal(expected);
      expect(await read(traceProto)).to.deep.equal({ ...expected, list: [-1, false] });
    });

    it('derives event ids from the whole trace and span id: no two spans share one', () => {
      const ids = new Set<string>();
      for (let t = 1; t <= 64; t++)
        for (let s = 1; s <= 64; s++)
          ids.add(spanEventId(t.toString(16).padStart(32, '0'), s.toString(16).padStart(16, '0')));
      expect(ids.size).to.equal(64 * 64);
      expect(spanEventId('0'.repeat(16) + 'a'.repeat(16), '1'.repeat(16))).to.not.equal(
        spanEventId('0'.repeat(16) + 'b'.repeat(16), '1'.repeat(16)),
      );
    });

    it('names a session after its root span, whichever span arrives first, and keeps B3 traces apart', async () => {
      const traceId = '0'.repeat(16) + 'a1b2c3d4e5f60718';
      const at = (ms: number) => `${1795389538754 + ms}000000`;
      const grandchild = span({
        traceId,
        spanId: '03'.repeat(8),
        parentSpanId: '02'.repeat(8),
        name: 'grandchild',
        startTimeUnixNano: at(2),
        endTimeUnixNano: at(3),
      });
      const child = span({
        traceId,
        spanId: '02'.repeat(8),
        parentSpanId: '01'.repeat(8),
        name: 'child',
        startTimeUnixNano: at(1),
        endTimeUnixNano: at(4),
      });
      const rootSpan = span({
        traceId,
        spanId: '01'.repeat(8),
        name: 'the root',
        startTimeUnixNano: at(0),
        endTimeUnixNano: at(5),
      });
      for (const s of [grandchild, child, rootSpan])
        expect((await post(`${collector.url}/v1/traces`, otlp([s]))).status).to.equal(200);
      const other = '0'.repeat(16) + 'ffffffffffffff01';
      await post(
        `${collector.url}/v1/traces`,
        otlp([span({ traceId: other, spanId: '01'.repeat(8), name: 'other root' })]),
      );
      const sessions = (await (await fetch(`${collector.url}/api/sessions?q=root`)).json()) as any;
      const names = sessions.sessions.map((s: any) => s.event_name).sort();
      expect(names).to.deep.equal(['other root', 'the root']);
      const mine = sessions.sessions.find((s: any) => s.event_name === 'the root');
      expect(mine.session_id).to.equal('00000000-0000-0000-a1b2-c3d4e5f60718');
      expect(mine.duration).to.equal(5);
      expect(mine.event_count).to.equal(3);
    });
  });

  // how fast /health answers meanwhile is a figure of `npm run bench:ingest`, not a bound here
  it('keeps answering /health while a 30 MiB request of 100,000 spans is ingested, and stores every span', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-big-'));
    const { url, child } = await serve(['--db', path.join(dir, 'traces.db')]);
    try {
      const traceId = 'be'.repeat(16);
      const body = bigBody(100_000, traceId);
      expect(body.length).to.be.above(28 * 1024 * 1024);
      await fetch(`${url}/health`);
      let done = false;
      let answeredDuringIngest = 0;
      const poll = (async () => {
        while (!done) {
          const res = await fetch(`${url}/health`);
          expect(res.status).to.equal(200);
          if (!done) answeredDuringIngest++;
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      const res = await post(`${url}/v1/traces`, body);
      done = true;
      await poll;
      expect(res.status).to.equal(200);
      // the request is answered only once every span is stored, so these came while it was ingested
      expect(answeredDuringIngest).to.be.above(0);
      const count = (await (
        await post(`${url}/v1/events/export`, {
          filters: [{ field: 'trace_id', operator: 'is', value: traceId }],
          limit: 1,
        })
      ).json()) as any;
      expect(count.totalEvents).to.equal(100_000);
    } finally {
      child.kill();
    }
  });

  it('answers 503 with Retry-After to large requests past the in-flight budget, and closes slow-body connections', async () => {
    const collector = await startCollector({
      dbPath: ':memory:',
      maxBodyBytesInFlight: 1024 * 1024,
      requestTimeoutMs: 600,
    });
    try {
      // a request that sends its headers and a little of its body, then stalls
      const socket = net.connect(Number(new URL(collector.url).port), '127.0.0.1');
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(
        'POST /v1/traces HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 900000\r\n\r\n{"resou',
      );
      socket.on('error', () => undefined);
      socket.resume(); // read what the collector answers (a 408), so its close is seen
      await new Promise((r) => setTimeout(r, 100));
      // while it holds 900 kB of the budget, another large request is asked to retry
      const busy = await post(`${collector.url}/v1/traces`, bigBody(1000, 'ce'.repeat(16)));
      expect(busy.status).to.equal(503);
      expect(busy.headers.get('retry-after')).to.equal('1');
      expect((await fetch(`${collector.url}/health`)).status).to.equal(200);
      await closed; // by the collector, after requestTimeoutMs (were it never, the spec would time out)
      // the budget is free again once the stalled request is gone
      expect((await post(`${collector.url}/v1/traces`, bigBody(1000, 'ce'.repeat(16)))).status).to.equal(200);
    } finally {
      await collector.close();
    }
  });

  describe('with an API key', () => {
    let collector: Collector;
    before(async () => (collector = await startCollector({ dbPath: ':memory:', apiKey: 'sekret' })));
    after(async () => collector.close());

    it('guards the viewer and every /api route, answers 401 before 404, and signs a browser in once', async () => {
      const tracer = HoneyHiveTracer.init({ apiKey: 'sekret', project: 'guarded', serverUrl: collector.url });
      await traced(async () => 'ok', { name: 'guarded work', tracer })();
      expect(await tracer.flush()).to.equal(true);
      await tracer.close();
      for (const p of [
        '/api/sessions',
        '/api/facets',
        '/api/runs',
        '/viewer/main.js',
        '/api/revision',
        '/no/such/route',
        '/v1/events/export',
      ])
        expect((await fetch(`${collector.url}${p}`)).status, p).to.equal(401);
      expect((await fetch(`${collector.url}/health`)).status).to.equal(200);
      const bearer = { authorization: 'Bearer sekret' };
      expect((await fetch(`${collector.url}/api/sessions`, { headers: bearer })).status).to.equal(200);
      expect((await fetch(`${collector.url}/no/such/route`, { headers: bearer })).status).to.equal(404);
      const home = await fetch(`${collector.url}/`, { redirect: 'manual' });
      expect(home.status).to.equal(303);
      expect(home.headers.get('location')).to.equal('/login');
      // the one-time URL the CLI prints
      const loginUrl = collector.loginUrl!;
      expect(loginUrl).to.match(/\/login\?token=[\w-]{20,}$/);
      const signed = await fetch(loginUrl, { redirect: 'manual' });
      expect(signed.status).to.equal(303);
      const cookie = signed.headers.get('set-cookie')!;
      expect(cookie).to.match(/^hivetrace_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
      const session = { cookie: cookie.split(';')[0]! };
      const list = (await (await fetch(`${collector.url}/api/sessions`, { headers: session })).json()) as any;
      expect(list.sessions.map((s: any) => s.project)).to.deep.equal(['guarded']);
      expect((await fetch(`${collector.url}/`, { headers: session })).status).to.equal(200);
      // the page's modules load with the same cookie
      expect((await fetch(`${collector.url}/viewer/main.js`, { headers: session })).status).to.equal(200);
      expect((await fetch(loginUrl, { redirect: 'manual' })).status, 'the URL works once').to.equal(401);
      expect(collector.loginUrl).to.equal(undefined);
      // or sign in with the key itself
      const form = await fetch(`${collector.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'key=sekret',
        redirect: 'manual',
      });
      expect(form.status).to.equal(303);
      const wrong = await fetch(`${collector.url}/login`, {
        method: 'POST',
        body: 'key=nope',
        redirect: 'manual',
      });
      expect(wrong.status).to.equal(401);
    });
  });

  it('after a transaction rolled back, stores the resources it had stored in it again (no id of a row that is gone)', async () => {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-rollback-')), 'traces.db');
    const collector = await startCollector({ dbPath, storage: 'native' });
    try {
      const side = new Database(dbPath);
      side.exec(
        "CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.event_name = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END;",
      );
      side.close();
      await rollbackKeepsResources(collector);
    } finally {
      await collector.close();
    }
  });

  it('names the database file it cannot open', async () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-path-')), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const dbPath = path.join(blocker, 'traces.db');
    for (const storage of ['native', 'wasm'] as const) {
      try {
        await startCollector({ dbPath, storage });
        expect.fail('opening under a file must fail');
      } catch (err) {
        expect((err as Error).message, storage).to.contain(dbPath);
      }
    }
  });

  describe('schema versions', () => {
    it('migrates a database of the first release forward, keeping its data', async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-v1-')), 'old.db');
      const old = new Database(file);
      old.exec(
        `CREATE TABLE events (event_id TEXT PRIMARY KEY, parent_id TEXT, session_id TEXT NOT NULL, project TEXT NOT NULL, source TEXT, event_type TEXT NOT NULL, event_name TEXT, inputs TEXT, outputs TEXT, metadata TEXT, metrics TEXT, feedback TEXT, config TEXT, user_properties TEXT, error TEXT, start_time REAL, end_time REAL, duration REAL, trace_id TEXT, span_id TEXT, received_at REAL);
         CREATE TABLE runs (run_id TEXT PRIMARY KEY, project TEXT, name TEXT, status TEXT, dataset_id TEXT, event_ids TEXT, datapoint_ids TEXT, configuration TEXT, metadata TEXT, created_at REAL, updated_at REAL);
         CREATE TABLE datasets (dataset_id TEXT PRIMARY KEY, project TEXT, name TEXT, description TEXT, created_at REAL);
         CREATE TABLE datapoints (datapoint_id TEXT PRIMARY KEY, dataset_id TEXT NOT NULL, idx INTEGER, inputs TEXT, ground_truth TEXT, metadata TEXT);
         INSERT INTO events (event_id, session_id, project, source, event_type, event_name, inputs, start_time, end_time, duration)
           VALUES ('s-old', 's-old', 'legacy', 'dev', 'session', 'kept by name', '{"q":1}', 1, 2, 1);`,
      );
      old.close();
      const collector = await startCollector({ dbPath: file });
      try {
        const s = (await (await fetch(`${collector.url}/api/sessions/s-old`)).json()) as any;
        expect(s.session).to.deep.include({
          event_name: 'kept by name',
          inputs: { q: 1 },
          span_events: [],
          links: [],
        });
        // a root span arriving now does not rename a session its client named
        await post(
          `${collector.url}/v1/traces`,
          otlp([
            span({
              attributes: [{ key: 'honeyhive.session_id', value: { stringValue: 's-old' } }],
              name: 'late root',
            }),
          ]),
        );
        expect(
          ((await (await fetch(`${collector.url}/api/sessions/s-old`)).json()) as any).session.event_name,
        ).to.equal('kept by name');
      } finally {
        await collector.close();
      }
      const reopened = new Database(file);
      expect(reopened.pragma('user_version', { simple: true })).to.equal(SCHEMA_VERSION);
      expect(reopened.pragma('integrity_check', { simple: true })).to.equal('ok');
      reopened.pragma('user_version = 99');
      reopened.close();
      try {
        await startCollector({ dbPath: file });
        expect.fail('a newer schema must be refused');
      } catch (err) {
        expect((err as Error).message)
          .to.contain(file)
          .and.contain('schema version 99');
      }
    });
  });
});
