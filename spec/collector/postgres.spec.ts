import { expect } from 'chai';
import { Client } from 'pg';
import { startCollector } from '../../lib/collector';
import type { PgCluster } from '../helpers/pg-cluster';
import { pgCluster } from '../helpers/pg-cluster';
import { serveCli } from '../helpers/serve-cli';
import { rollbackKeepsResources } from '../helpers/rollback-case';

const KEY = 'team-key';
const auth = { authorization: `Bearer ${KEY}` };
const BASE_MS = 1_795_389_538_000;

interface SpanSpec {
  trace: number;
  span: number;
}

const traceId = (t: number) => t.toString(16).padStart(32, '0');
const spanId = (s: number) => s.toString(16).padStart(16, '0');
/** Span `s` of a trace starts `s` ms after the base and lasts 1 ms: a session spans its spans' range. */
const startNs = (s: number) => `${BigInt(BASE_MS + s) * 1_000_000n}`;
const endNs = (s: number) => `${BigInt(BASE_MS + s + 1) * 1_000_000n}`;

/** One OTLP/JSON request of the given spans (built as text). */
function body(spans: readonly SpanSpec[]): string {
  const parts = spans.map(
    ({ trace, span }) =>
      `{"traceId":"${traceId(trace)}","spanId":"${spanId(span)}","name":"step ${span}","startTimeUnixNano":"${startNs(span)}","endTimeUnixNano":"${endNs(span)}","attributes":[{"key":"honeyhive_inputs.q","value":{"stringValue":"question ${span}"}}]}`,
  );
  return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"team"}}]},"scopeSpans":[{"scope":{"name":"s"},"spans":[${parts.join(',')}]}]}]}`;
}

async function send(url: string, spans: readonly SpanSpec[]): Promise<number> {
  const r = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: body(spans),
  });
  await r.arrayBuffer();
  return r.status;
}

/** Every span event of a project, read through one node page by page: `trace:span` keys. */
async function storedSpans(url: string, project: string): Promise<{ spans: Set<string>; sessions: number }> {
  const spans = new Set<string>();
  let sessions = 0;
  for (let page = 1; ; page++) {
    const r = await fetch(`${url}/v1/events/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ project, limit: 10_000, page }),
    });
    expect(r.status).to.equal(200);
    const { events } = (await r.json()) as {
      events: { event_type: string; trace_id: string; span_id: string }[];
    };
    for (const e of events)
      if (e.event_type === 'session') sessions++;
      else spans.add(`${e.trace_id}:${e.span_id}`);
    if (events.length < 10_000) return { spans, sessions };
  }
}

describe('collector on PostgreSQL', function () {
  this.timeout(600_000);
  let cluster: PgCluster;

  before(async function () {
    const c = await pgCluster();
    // PostgreSQL is not installed here (CI installs it, and there pgCluster() fails instead)
    if (!c) return this.skip();
    cluster = c;
  });

  it('two nodes on one database behave as one: 100,000 spans sent half to each, every span and session readable through either; kill -9 loses nothing acknowledged; no password shown', async () => {
    const url = await cluster.createDatabase();
    // both nodes start together on the new database: one creates the schema, neither fails
    const [a, b] = await Promise.all([
      serveCli(['--database', url, '--api-key', KEY]),
      serveCli(['--database', url, '--api-key', KEY]),
    ]);
    const c = await serveCli(['--database', url, '--api-key', KEY]);
    try {
      // 100 sessions of 1,000 spans; every request holds spans of 10 sessions, and each session's
      // spans go half to one node and half to the other, so both nodes merge the same sessions
      const TRACES = 100;
      const PER_TRACE = 1000;
      const requests: { node: string; spans: SpanSpec[] }[] = [];
      for (let group = 0; group < TRACES / 10; group++)
        for (let chunk = 0; chunk < PER_TRACE / 50; chunk++) {
          const spans: SpanSpec[] = [];
          for (let t = group * 10; t < group * 10 + 10; t++)
            for (let s = chunk * 50; s < chunk * 50 + 50; s++) spans.push({ trace: t + 1, span: s + 1 });
          requests.push({ node: chunk % 2 === 0 ? a.url : b.url, spans });
        }
      // 8 clients at once
      let next = 0;
      const statuses: number[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < requests.length && !statuses.some((st) => st !== 200)) {
            const r = requests[next++]!;
            statuses.push(await send(r.node, r.spans).catch(() => 0));
          }
        }),
      );
      expect(
        statuses.filter((st) => st !== 200),
        'requests refused',
      ).to.deep.equal([]);

      // a retried batch, sent to both nodes at once, is stored once
      const retried = Array.from({ length: 100 }, (_, i) => ({ trace: 5000, span: i + 1 }));
      expect(await Promise.all([send(a.url, retried), send(b.url, retried)])).to.deep.equal([200, 200]);

      for (const node of [a, b]) {
        const { spans, sessions } = await storedSpans(node.url, 'team');
        expect(spans.size).to.equal(TRACES * PER_TRACE + 100);
        expect(sessions).to.equal(TRACES + 1);
      }
      // each session, merged by both nodes, covers all its spans: from span 1 to span 1,000
      const list = await fetch(`${b.url}/api/sessions?limit=200&project=team`, { headers: auth });
      const { sessions } = (await list.json()) as {
        sessions: { session_id: string; start_time: number; duration: number; event_count: number }[];
      };
      const merged = sessions.filter((s) => s.event_count === PER_TRACE);
      expect(merged).to.have.length(TRACES);
      for (const s of merged) {
        expect(s.start_time).to.equal(BASE_MS + 1);
        expect(s.duration).to.equal(PER_TRACE);
      }

      // kill -9 of a node mid-stream: every request it acknowledged is stored
      const acked: SpanSpec[] = [];
      let killed = false;
      const stream = (async () => {
        for (let r = 0; !killed; r++) {
          const spans = Array.from({ length: 200 }, (_, i) => ({ trace: 9000 + r, span: i + 1 }));
          const status = await send(c.url, spans).catch(() => 0);
          if (status === 200) acked.push(...spans);
        }
      })();
      const deadline = Date.now() + 120_000;
      while (acked.length < 2000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(acked.length, 'spans node C acknowledged before the kill').to.be.at.least(2000);
      killed = true;
      c.child.kill('SIGKILL');
      await stream;
      const after = (await storedSpans(a.url, 'team')).spans;
      const lost = acked.filter((s) => !after.has(`${traceId(s.trace)}:${spanId(s.span)}`));
      expect(lost, 'acknowledged spans lost').to.have.length(0);

      // the password shows nowhere: not in a node's output, /metrics, /ready, or the viewer's API
      for (const path of ['/metrics', '/ready', '/api/facets', '/api/sessions'])
        expect(await (await fetch(`${a.url}${path}`, { headers: auth })).text()).not.to.include(
          cluster.password,
        );
      for (const node of [a, b, c]) {
        expect(node.output()).not.to.include(cluster.password);
        expect(node.output()).to.include(`db: postgres://postgres@127.0.0.1:${cluster.port}/`);
      }
      // --api-key guards every node the same way
      for (const node of [a, b]) expect((await fetch(`${node.url}/api/sessions`)).status).to.equal(401);
    } catch (err) {
      for (const node of [a, b, c]) console.log(node.output().slice(-3000));
      throw err;
    } finally {
      const running = [a, b, c].filter((n) => n.child.exitCode === null && n.child.signalCode === null);
      const exited = running.map((n) => new Promise((r) => n.child.once('exit', r)));
      for (const n of running) n.child.kill('SIGINT');
      await Promise.all(exited);
    }
  });

  it('refuses to start when the database is unreachable or its password wrong, naming host and database, never the password', async () => {
    const url = await cluster.createDatabase();
    const database = new URL(url).pathname;
    const wrongPassword = url.replace(encodeURIComponent(cluster.password), 'not-the-password-42');
    const closedPort = url.replace(`:${cluster.port}/`, ':1/');
    for (const bad of [wrongPassword, closedPort]) {
      const err = await startCollector({ database: bad }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err, bad.replace(cluster.password, '***')).to.be.instanceOf(Error);
      expect(err!.message).to.include('127.0.0.1').and.include(database);
      expect(err!.message).not.to.include(cluster.password).and.not.include('not-the-password-42');
    }
  });

  it('refuses a schema newer than it understands, and migrates once when several nodes start together', async () => {
    const url = await cluster.createDatabase();
    const nodes = await Promise.all(Array.from({ length: 4 }, () => startCollector({ database: url })));
    await Promise.all(nodes.map((n) => n.close()));
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT version FROM hivetrace_schema');
      expect(rows).to.deep.equal([{ version: 2 }]);
      await admin.query('UPDATE hivetrace_schema SET version = 99');
      const err = await startCollector({ database: url }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).to.match(/schema version 99, newer than this hivetrace reads \(2\)/);
      expect(err?.message).not.to.include(cluster.password);
    } finally {
      await admin.end();
    }
  });

  it('keeps a run and a dataset whole when two nodes change them at once', async () => {
    const url = await cluster.createDatabase();
    const [a, b] = await Promise.all([serveCli(['--database', url]), serveCli(['--database', url])]);
    try {
      const call = (node: string, method: string, path: string, payload: unknown) =>
        fetch(`${node}/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
      expect(
        (await call(a.url, 'POST', '/runs', { run_id: 'r1', project: 'p', name: 'r1' })).status,
      ).to.equal(200);
      const created = await call(a.url, 'POST', '/datasets', { project: 'p', name: 'd1' });
      const datasetId = String((created.body.result as { insertedId: string }).insertedId);
      // 40 metadata updates of one run and 40 datapoint additions to one dataset, half through
      // each node, all at once
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => [
          call(i % 2 ? a.url : b.url, 'PUT', '/runs/r1', { metadata: { [`k${i}`]: i } }),
          call(i % 2 ? b.url : a.url, 'POST', `/datasets/${datasetId}/datapoints`, {
            datapoints: [{ inputs: { i } }, { inputs: { i, second: true } }],
          }),
        ]).flat(),
      );
      expect(answers.map((x) => x.status)).to.deep.equal(answers.map(() => 200));
      const run = (await (await fetch(`${b.url}/v1/runs/r1`)).json()) as {
        evaluation: { metadata: Record<string, number> };
      };
      expect(Object.keys(run.evaluation.metadata).sort()).to.deep.equal(
        Array.from({ length: 40 }, (_, i) => `k${i}`).sort(),
      );
      const admin = new Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query('SELECT idx FROM datapoints WHERE dataset_id = $1 ORDER BY idx', [
        datasetId,
      ]);
      await admin.end();
      expect(rows.map((r: { idx: number }) => r.idx)).to.deep.equal(Array.from({ length: 80 }, (_, i) => i));
    } finally {
      const exited = [a, b].map((n) => new Promise((r) => n.child.once('exit', r)));
      for (const n of [a, b]) n.child.kill('SIGINT');
      await Promise.all(exited);
    }
  });

  it('after a transaction rolled back, stores the resources it had stored in it again', async () => {
    const url = await cluster.createDatabase();
    const collector = await startCollector({ database: url });
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN IF NEW.event_name = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
      await admin.query('CREATE TRIGGER boom BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION boom()');
      await rollbackKeepsResources(collector);
    } finally {
      await admin.end();
      await collector.close();
    }
  });

  it('stores what SQLite stores: text with NUL, int64, non-ASCII, and JSON keys in their order', async () => {
    const collector = await startCollector({ database: await cluster.createDatabase() });
    try {
      const tracer = { inputs: { zeta: 1, alpha: 'ünïcødé \u0000 end', big: 2 ** 53 - 1 } };
      const r = await fetch(`${collector.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          event: { project: 'p', event_type: 'tool', event_name: 'nul\u0000name', inputs: tracer.inputs },
        }),
      });
      expect(r.status).to.equal(200);
      const { event_id } = (await r.json()) as { event_id: string };
      const stored = collector.events.get(event_id)!;
      expect(Object.keys(stored.inputs)).to.deep.equal(['zeta', 'alpha', 'big']);
      expect(stored.inputs).to.deep.equal(tracer.inputs);
      expect(stored.event_name).to.equal('nul\uFFFDname');
    } finally {
      await collector.close();
    }
  });
});
