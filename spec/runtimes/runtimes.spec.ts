import { expect } from 'chai';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { packIntoFreshApp } from '../helpers/packed-app';
import { spawnGroup } from '../helpers/process-group';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

/** What the fixture app answers (spec/runtimes/fixtures/traced-app.ts). */
interface AppResult {
  runtime: string;
  answer: string;
  sessionId: string;
  enrichedBefore: boolean;
  enrichedAfterAwait: boolean;
  delivered?: boolean;
}

/**
 * hivetrace where TypeScript runs, as users get it: the packed tarball in a fresh application,
 * one small decorated app (a decorated class and a traced function, nested spans in one session,
 * enrichment, a distributed call) run on Bun and Deno (decorators in both modes), bundled for
 * Node, on workerd (Cloudflare Workers, with and without `nodejs_compat`) and on Vercel's Edge
 * runtime, its events read back from the collector.
 */
describe('runtimes: the packed package on Bun, Deno, workerd and the Edge runtime', function () {
  this.timeout(300_000);
  let app: string;
  let collector: Collector;

  before(async () => {
    collector = await startCollector({ dbPath: ':memory:' });
    ({ app } = packIntoFreshApp('hivetrace-runtimes-'));
    for (const mode of ['stage3', 'legacy'] as const) {
      const dir = path.join(app, mode);
      fs.mkdirSync(dir);
      for (const f of fs.readdirSync(path.join(__dirname, 'fixtures')))
        fs.copyFileSync(path.join(__dirname, 'fixtures', f), path.join(dir, f));
      const compilerOptions = { target: 'es2022', experimentalDecorators: mode === 'legacy', strict: true };
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions }));
      // Deno reads package.json beside deno.json for what `hivetrace` is (installed one level up)
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ type: 'module', dependencies: { hivetrace: '*' } }),
      );
      fs.writeFileSync(
        path.join(dir, 'deno.json'),
        JSON.stringify({ compilerOptions: { experimentalDecorators: mode === 'legacy' } }),
      );
    }
  });
  after(async () => collector.close());

  /** The session's events once `names` have all arrived (delivery after a response may lag it). */
  async function eventsOf(sessionId: string, names: string[]): Promise<any[]> {
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${collector.url}/api/sessions/${sessionId}`);
      const body = res.ok ? ((await res.json()) as { events: any[] }) : { events: [] };
      if (names.every((n) => body.events.some((e) => e.event_name === n))) return body.events;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`session ${sessionId} never held ${names.join(', ')}`);
  }

  /** The app's events: nested in one session, enriched, the distributed call joined to its caller. */
  async function expectTraced(result: AppResult, asyncContext: boolean): Promise<any[]> {
    expect(result.answer).to.equal('Lisbon: sunny (served)');
    expect(result.enrichedBefore, 'enrichSpan before an await').to.equal(true);
    expect(result.enrichedAfterAwait, 'enrichSpan after an await').to.equal(asyncContext);
    const root = `answer on ${result.runtime}`;
    const events = await eventsOf(result.sessionId, [root, 'Weather.lookup', 'remote handler']);
    const byName = (n: string) => events.find((e) => e.event_name === n);
    const answer = byName(root);
    const lookup = byName('Weather.lookup');
    const remote = byName('remote handler');
    expect([answer.event_type, lookup.event_type, remote.event_type]).to.deep.equal([
      'chain',
      'tool',
      'chain',
    ]);
    expect(lookup.parent_id, 'the decorated method under the traced function').to.equal(answer.event_id);
    expect(remote.parent_id, 'the distributed call continues its caller').to.equal(answer.event_id);
    expect(lookup.inputs).to.deep.equal({ city: 'Lisbon' });
    expect(lookup.metadata.stage).to.equal('before-await');
    expect(lookup.metrics.after_await).to.equal(asyncContext ? 1 : undefined);
    for (const e of events) expect(e.session_id).to.equal(result.sessionId);
    return events;
  }

  const lastJson = (stdout: string): AppResult => JSON.parse(stdout.trim().split('\n').pop()!) as AppResult;

  for (const mode of ['stage3', 'legacy'] as const) {
    it(`Bun (${mode} decorators): traced, enriched across awaits, flush() true`, async () => {
      const { stdout } = await run(bin('bun'), ['run', 'main.ts', collector.url, `bun-${mode}`], {
        cwd: path.join(app, mode),
        timeout: 60_000,
      });
      const result = lastJson(stdout);
      expect(result.delivered).to.equal(true);
      await expectTraced(result, true);
    });

    it(`Deno (${mode} decorators, --allow-net=127.0.0.1 --allow-env): traced, enriched across awaits, flush() true`, async () => {
      const { stdout } = await run(
        bin('deno'),
        ['run', '--allow-net=127.0.0.1', '--allow-env', 'main.ts', collector.url, `deno-${mode}`],
        {
          cwd: path.join(app, mode),
          timeout: 120_000,
          env: { ...process.env, DENO_DIR: path.join(app, '.deno'), NO_COLOR: '1' },
        },
      );
      const result = lastJson(stdout);
      expect(result.delivered).to.equal(true);
      await expectTraced(result, true);
    });
  }

  for (const runtime of ['bun', 'deno'] as const) {
    it(`${runtime === 'bun' ? 'Bun' : 'Deno'}: delivery at exit without a flush() call`, async () => {
      const args =
        runtime === 'bun'
          ? ['run', 'main.ts', collector.url, `${runtime}-at-exit`]
          : ['run', '--allow-net=127.0.0.1', '--allow-env', 'main.ts', collector.url, `${runtime}-at-exit`];
      const { stdout } = await run(bin(runtime), args, {
        cwd: path.join(app, 'stage3'),
        timeout: 120_000,
        env: { ...process.env, NO_FLUSH: '1', DENO_DIR: path.join(app, '.deno'), NO_COLOR: '1' },
      });
      const result = lastJson(stdout);
      expect(result.delivered, 'no flush() was called').to.equal(undefined);
      // the process has exited: what the collector holds was delivered at exit
      await expectTraced(result, true);
    });
  }

  it('Node, bundled into one file (as for Lambda): OpenTelemetry Node parts not loadable, AsyncLocalStorage still used', async () => {
    const dir = path.join(app, 'stage3');
    execFileSync(
      bin('esbuild'),
      [
        'main.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--target=es2022',
        '--outfile=bundled.mjs',
        // what ESM bundles for Node carry, so that bundled CommonJS can require Node's own modules
        "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    const { stdout } = await run(process.execPath, ['bundled.mjs', collector.url, 'node-bundled'], {
      cwd: dir,
      timeout: 60_000,
    });
    const result = lastJson(stdout);
    expect(result.delivered).to.equal(true);
    await expectTraced(result, true);
  });

  for (const [runtime, args] of [
    ['Bun', ['collector.ts']],
    ['Deno', ['run', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'collector.ts']],
  ] as const) {
    it(`the collector starts under ${runtime} (WebAssembly SQLite), stores what the SDK on Bun sends, and serves it back`, async () => {
      const collectorProcess = spawnGroup(bin(runtime.toLowerCase()), args, {
        cwd: path.join(app, 'stage3'),
        env: { ...process.env, DENO_DIR: path.join(app, '.deno'), NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          collectorProcess.child.stdout!.on('data', (c: Buffer) => {
            out += c.toString();
            const m = /"url":"([^"]+)"/.exec(out);
            if (m) resolve(m[1]!);
          });
          collectorProcess.child.once('exit', (code) =>
            reject(new Error(`${runtime} collector exited (${code}): ${out}`)),
          );
        });
        const { stdout } = await run(bin('bun'), ['run', 'main.ts', url, `bun-into-${runtime}`], {
          cwd: path.join(app, 'stage3'),
          timeout: 60_000,
        });
        const result = lastJson(stdout);
        expect(result.delivered).to.equal(true);
        const body = (await (await fetch(`${url}/api/sessions/${result.sessionId}`)).json()) as {
          events: any[];
        };
        expect(body.events.map((e) => e.event_name)).to.include.members([
          `answer on bun-into-${runtime}`,
          'Weather.lookup',
        ]);
      } finally {
        await collectorProcess.end();
      }
    });
  }

  /** The worker fixture bundled as wrangler and Next.js bundle for the edge: browser builds, no Node modules. */
  function bundleWorker(format: 'esm' | 'iife', conditions: string): string {
    const out = `worker.${format === 'esm' ? 'mjs' : 'js'}`;
    const dir = path.join(app, 'stage3');
    execFileSync(
      bin('esbuild'),
      [
        'worker.ts',
        '--bundle',
        `--format=${format}`,
        '--global-name=worker',
        '--platform=browser',
        '--target=es2022',
        `--conditions=${conditions}`,
        `--outfile=${out}`,
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    return fs.readFileSync(path.join(dir, out), 'utf8');
  }

  for (const flags of [['nodejs_compat'], []]) {
    const label = flags.length
      ? 'with nodejs_compat'
      : 'without nodejs_compat: context holds for synchronous code only';
    it(`workerd ${label}: the response first, the spans through waitUntil`, async () => {
      const { Miniflare } = await import('miniflare');
      const runtime = `workerd${flags.length ? '-compat' : ''}`;
      const mf = new Miniflare({
        modules: true,
        script: bundleWorker('esm', 'workerd,worker'),
        compatibilityDate: '2026-04-01',
        compatibilityFlags: flags,
      });
      try {
        const res = await mf.dispatchFetch(
          `http://worker.test/ask?collector=${encodeURIComponent(collector.url)}&runtime=${runtime}`,
        );
        expect(res.status).to.equal(200);
        const result = (await res.json()) as AppResult;
        const events = await expectTraced(result, flags.length > 0);
        // the request's own span ended after the response was made: it came through waitUntil
        const server = (await eventsOf(result.sessionId, ['GET /ask'])).find(
          (e) => e.event_name === 'GET /ask',
        );
        expect(server.span_kind).to.equal('SERVER');
        expect(events.find((e) => e.event_name === `answer on ${runtime}`).parent_id).to.equal(
          server.event_id,
        );
        // with no script to name it after, the session takes the project's name
        const session = (await (
          await fetch(`${collector.url}/api/sessions/${result.sessionId}`)
        ).json()) as any;
        expect(session.session.event_name).to.equal(`runtimes-${runtime}`);
      } finally {
        await mf.dispose();
      }
    });
  }

  for (const als of [true, false]) {
    it(`Vercel's Edge runtime (edge-runtime) ${als ? 'with AsyncLocalStorage, as Next.js provides it' : 'without AsyncLocalStorage'}`, async () => {
      const { EdgeRuntime } = await import('edge-runtime');
      const { AsyncLocalStorage } = await import('node:async_hooks');
      const runtime = `edge${als ? '-als' : ''}`;
      const edge = new EdgeRuntime({
        initialCode: `${bundleWorker('iife', 'edge-light,worker')}\naddEventListener('fetch', (e) => e.respondWith(worker.handler(e.request)));`,
        ...(als ? { extend: (ctx: any) => Object.assign(ctx, { AsyncLocalStorage }) } : {}),
      });
      expect(edge.evaluate('typeof process')).to.equal('undefined');
      const res = await edge.dispatchFetch(
        `http://edge.test/ask?collector=${encodeURIComponent(collector.url)}&runtime=${runtime}`,
      );
      expect(res.status).to.equal(200);
      const result = (await res.json()) as AppResult;
      await res.waitUntil();
      await expectTraced(result, als);
    });
  }

  it('docs/runtimes.md has a row for every runtime this suite runs', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/runtimes.md'), 'utf8');
    const rows = doc.split('\n').filter((l) => l.startsWith('| '));
    for (const runtime of [
      'Node 20, 22, 24',
      'Node, bundled',
      'Bun 1.4',
      'Deno 2.9',
      'Cloudflare Workers (workerd) with `nodejs_compat`',
      'Cloudflare Workers (workerd) without `nodejs_compat`',
      'Vercel Edge runtime, with `AsyncLocalStorage`',
      'Vercel Edge runtime, without `AsyncLocalStorage`',
    ])
      expect(
        rows.some((r) => r.startsWith(`| ${runtime}`)),
        runtime,
      ).to.equal(true);
  });
});
