import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';

const root = path.join(__dirname, '../..');

/**
 * A real Nest application (Nest 11, platform-express, experimentalDecorators as Nest projects
 * compile) in its own process, traced by `hivetrace/nestjs`, against a collector started here.
 */
describe('hivetrace/nestjs with a real Nest application', function () {
  this.timeout(60_000);
  let collector: Collector;
  let urls: { support: string; billing: string };
  let child: ReturnType<typeof spawn>;
  let exited: Promise<[number | null, string | null]>;
  const statuses: Record<string, number> = {};

  before(async () => {
    collector = await startCollector({ dbPath: ':memory:' });
    child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        path.join(root, 'spec/helpers/nest/nest-app.ts'),
        collector.url,
      ],
      {
        cwd: root,
        env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'spec/helpers/nest/tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    exited = new Promise((r) => child.once('exit', (code, signal) => r([code, signal])));
    urls = await new Promise((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as typeof urls);
      });
      child.once('exit', (code) => reject(new Error(`nest app exited ${code}: ${out}`)));
    });
    const call = async (p: string, headers: Record<string, string> = { 'x-user': 'u-1' }) => {
      const res = await fetch(`${urls.support}${p}`, { headers });
      statuses[p + (headers['x-user'] ? '' : ' (no user)')] = res.status;
      return res;
    };
    expect(await (await call('/answer?q=printer')).json()).to.deep.equal({
      answer: 'about printer',
      total: 70,
    });
    await call('/answer?q=fax');
    await call('/answer?q=denied', {});
    expect(await (await call('/orders/5')).json()).to.deep.equal({ id: 5, type: 'number' });
    await call('/missing');
    await call('/boom');
    // shutdown hooks: SIGTERM closes the apps, which close (and flush) their tracers; Nest then
    // re-raises the signal
    child.kill('SIGTERM');
    expect(await exited).to.deep.equal([null, 'SIGTERM']);
  });
  after(async () => {
    child?.kill('SIGKILL');
    await collector?.close();
  });

  const all = () => collector.events.export({ limit: 10_000 }).events;

  it('answers as the app does: guard, handler, 404 and 500', () => {
    expect(statuses).to.deep.equal({
      '/answer?q=printer': 200,
      '/answer?q=fax': 200,
      '/answer?q=denied (no user)': 403,
      '/orders/5': 200,
      '/missing': 404,
      '/boom': 500,
    });
  });

  it('traces a guarded handler: the server span with the @Trace provider span as its child, in the request’s own session', () => {
    const events = all();
    const servers = events.filter(
      (e) => e.project === 'support' && e.span_kind === 'SERVER' && e.event_name === 'GET /answer',
    );
    expect(servers).to.have.length(2);
    const sessions = new Set(servers.map((s) => s.session_id));
    expect(sessions.size, 'one session per request').to.equal(2);
    for (const server of servers) {
      expect(server.span_kind).to.equal('SERVER');
      expect(server.parent_id).to.equal(server.session_id);
      expect(server.attributes).to.include({
        'http.route': '/answer',
        'nest.controller': 'SupportController',
        'nest.handler': 'answer',
      });
      const provider = events.find(
        (e) => e.parent_id === server.event_id && e.event_name === 'AnswerService.answer',
      )!;
      expect(provider, 'the provider span').to.not.equal(undefined);
      expect(provider.event_type).to.equal('chain');
      expect(provider.session_id).to.equal(server.session_id);
      const session = collector.events.get(server.session_id)!;
      expect(session.event_name).to.equal('GET /answer');
    }
  });

  it('continues the trace in the second service called with the injected context, in a session of its project', () => {
    const events = all();
    const printer = events.find(
      (e) => e.event_name === 'AnswerService.answer' && JSON.stringify(e.inputs).includes('printer'),
    )!;
    const billing = events.find(
      (e) =>
        e.project === 'billing' &&
        e.span_kind === 'SERVER' &&
        e.event_name === 'GET /invoices/total' &&
        e.trace_id === printer.trace_id,
    )!;
    expect(billing, 'billing continued the trace').to.not.equal(undefined);
    expect(billing.parent_span_id, 'its parent is the caller’s span').to.equal(printer.span_id);
    // a session belongs to one project: billing's side is a request session of its own
    expect(billing.session_id).to.not.equal(printer.session_id);
    expect(collector.events.get(billing.session_id)!).to.include({
      project: 'billing',
      event_name: 'GET /invoices/total',
    });
    const total = events.find(
      (e) => e.parent_id === billing.event_id && e.event_name === 'InvoiceService.total',
    )!;
    expect(total.outputs).to.deep.equal({ result: 70 });
    expect(total.trace_id).to.equal(printer.trace_id);
  });

  it('keeps Nest’s route, pipe and metadata under a @Trace placed above them', () => {
    const events = all();
    const server = events.find((e) => e.span_kind === 'SERVER' && e.event_name === 'GET /orders/:id')!;
    const handler = events.find((e) => e.parent_id === server.event_id)!;
    expect(handler).to.deep.include({ event_name: 'SupportController.order', event_type: 'tool' });
    expect(handler.inputs).to.deep.equal({ id: 5 });
  });

  it('treats a 4xx HttpException as an answer and a 5xx or other throw as an error; a guard’s refusal runs no handler', () => {
    const events = all().filter((e) => e.project === 'support');
    const missing = events.find((e) => e.span_kind === 'SERVER' && e.event_name === 'GET /missing')!;
    const boom = events.find((e) => e.span_kind === 'SERVER' && e.event_name === 'GET /boom')!;
    expect(missing.error).to.equal(null);
    expect(missing.attributes!['http.response.status_code']).to.equal(404);
    expect(boom.error).to.contain('kaboom');
    expect(boom.attributes!['http.response.status_code']).to.equal(500);
    expect(boom.span_events!.map((e) => e.name)).to.include('exception');
    expect(events.filter((e) => JSON.stringify(e.inputs).includes('denied'))).to.deep.equal([]);
  });
});
