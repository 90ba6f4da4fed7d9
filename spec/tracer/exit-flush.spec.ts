import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** A new application folder with hivetrace installed as a user gets it (the built package, linked). */
function newProject(type: 'module' | 'commonjs'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-app-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type }));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'hivetrace'), 'dir');
  return dir;
}

async function exportEvents(collector: Collector, project: string, eventName?: string): Promise<any[]> {
  const filters = eventName ? [{ field: 'event_name', operator: 'is', value: eventName }] : [];
  const res = await fetch(`${collector.url}/v1/events/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ project, filters, limit: 10_000 }),
  });
  return ((await res.json()) as { events: any[] }).events;
}

const SCRIPT = `
const { HoneyHiveTracer, traced } = require('hivetrace');
HoneyHiveTracer.init({ project: 'no-flush' });
const step = traced(function step(i) { return i + 1; });
for (let i = 0; i < 5000; i++) step(i);
// no flush, no close: the process simply runs out of work
`;

describe('delivery at process exit', () => {
  let collector: Collector;
  let dir: string;
  before(async function () {
    this.timeout(120_000);
    // users run the built package: build it from the current sources (a few seconds)
    await run('npm', ['run', '-s', 'build'], { cwd: ROOT });
  });
  beforeEach(async () => (collector = await startCollector({ dbPath: ':memory:' })));
  afterEach(async () => {
    await collector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = (extra: Record<string, string> = {}) => ({
    ...process.env,
    HH_API_KEY: 'quickstart-key',
    HH_API_URL: collector.url,
    ...extra,
  });

  // the README's steps as a user takes them: its tsc --init command, its main.ts, its run command
  // (HH_API_URL only: a collector on this machine needs no key)
  for (const kind of ['module', 'commonjs'] as const) {
    it(`the README quick start (${kind === 'module' ? 'ESM' : 'CommonJS'}), compiled under tsc --init's defaults, shows its Search.query span`, async function () {
      this.timeout(120_000);
      dir = newProject(kind);
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const quick = /## Quick start([\s\S]*?)## Two commands/.exec(readme)![1]!;
      const initLine = /npx (tsc --init[^#\n]*)/.exec(quick)![1]!.trim().split(/\s+/).slice(1);
      expect(initLine).to.deep.equal(['--init', '--target', 'es2022']);
      const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
      const extra = kind === 'commonjs' ? ['--verbatimModuleSyntax', 'false'] : [];
      await run(process.execPath, [tsc, ...initLine, ...extra], { cwd: dir });
      const config = fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8');
      expect(config)
        .to.match(/"exactOptionalPropertyTypes": true/)
        .and.match(/"module": "nodenext"/);
      fs.writeFileSync(path.join(dir, 'main.ts'), /```ts\n([\s\S]*?)```/.exec(quick)![1]!);
      // under exactOptionalPropertyTypes, an environment variable (string | undefined) is a fine option value
      fs.writeFileSync(
        path.join(dir, 'from-env.ts'),
        `import { HoneyHiveTracer, type TracerOptions } from 'hivetrace';
declare const fromEnv: string | undefined;
export const options: TracerOptions = { apiKey: fromEnv, project: fromEnv ?? 'p', serverUrl: fromEnv, sessionName: fromEnv, source: fromEnv };
export const make = () => HoneyHiveTracer.init(options);
`,
      );
      await run(process.execPath, [tsc, '-p', dir], { cwd: dir }); // type errors fail here
      const { HH_API_KEY: _key, ...noKey } = env();
      await run(process.execPath, ['main.js'], { cwd: dir, env: noKey });
      const events = await exportEvents(collector, 'support-bot', 'Search.query');
      expect(events).to.have.length(1);
      expect(events[0].inputs).to.deep.equal({ text: 'reset password' });
      expect(events[0].outputs).to.deep.equal({ result: ['result for reset password'] });
    });
  }

  it('a script that never flushes delivers all 5,000 spans at exit', async function () {
    this.timeout(60_000);
    dir = newProject('commonjs');
    fs.writeFileSync(path.join(dir, 'main.js'), SCRIPT);
    await run(process.execPath, ['main.js'], { cwd: dir, env: env() });
    expect(await exportEvents(collector, 'no-flush', 'step')).to.have.length(5000);
  });

  it('with flushOnExit off (HH_FLUSH_ON_EXIT=false) a partial batch is lost; on, it is delivered', async function () {
    this.timeout(60_000);
    // 1,000 spans, less than one batch, and no session start: nothing is in flight when the loop
    // ends, so only the exit flush can send them (the batch timer does not hold the process),
    // however fast or slow the machine
    const partial = SCRIPT.replace(
      "project: 'no-flush'",
      "project: 'partial', skipSessionStart: true",
    ).replace('i < 5000', 'i < 1000');
    dir = newProject('commonjs');
    fs.writeFileSync(path.join(dir, 'main.js'), partial);
    await run(process.execPath, ['main.js'], { cwd: dir, env: env({ HH_FLUSH_ON_EXIT: 'false' }) });
    expect(await exportEvents(collector, 'partial', 'step')).to.have.length(0);
    await run(process.execPath, ['main.js'], { cwd: dir, env: env() });
    const stored = await exportEvents(collector, 'partial', 'step');
    // (the session, never started, is named after its first span)
    expect(stored.filter((e) => e.event_type !== 'session')).to.have.length(1000);
  });

  it('with the backend down, the process still exits: bounded by the export timeout and the exit bound', async function () {
    this.timeout(60_000);
    dir = newProject('commonjs');
    fs.writeFileSync(path.join(dir, 'main.js'), SCRIPT);
    const url = collector.url;
    await collector.close();
    collector = await startCollector({ dbPath: ':memory:' }); // for afterEach; the script gets the dead URL
    const { stderr } = await run(process.execPath, ['main.js'], {
      cwd: dir,
      env: { ...env(), HH_API_URL: url, HH_EXPORT_TIMEOUT_SECONDS: '1' },
      timeout: 30_000,
    });
    // it exits (run's 30 s timeout would fail it otherwise): what is not delivered after the 5 s
    // exit flush, queued or in flight, is given up and said
    expect(stderr).to.match(
      /\d+ span\(s\) not delivered at exit|the flush at exit did not deliver everything/,
    );
  });

  it('process.exit() after an un-awaited flush() says what it lost; after an awaited one, nothing', async function () {
    this.timeout(60_000);
    dir = newProject('commonjs');
    const script = (awaited: boolean) => `
const { HoneyHiveTracer, traced } = require('hivetrace');
const tracer = HoneyHiveTracer.init({ project: 'exit-early' });
const step = traced(function step(i) { return i + 1; });
for (let i = 0; i < 100; i++) step(i);
${awaited ? 'tracer.flush().then(() => process.exit(0));' : 'tracer.flush();\nprocess.exit(0);'}
`;
    fs.writeFileSync(path.join(dir, 'early.js'), script(false));
    fs.writeFileSync(path.join(dir, 'awaited.js'), script(true));
    const early = await run(process.execPath, ['early.js'], { cwd: dir, env: env() });
    expect(early.stderr).to.match(
      /the process exited with 100 span\(s\) and 1 session start\(s\) or update\(s\) not delivered/,
    );
    expect(early.stderr).to.contain('await tracer.flush() before process.exit()');
    const awaited = await run(process.execPath, ['awaited.js'], { cwd: dir, env: env() });
    expect(awaited.stderr).to.not.contain('not delivered');
    expect(
      (await exportEvents(collector, 'exit-early', 'step')).filter((e) => e.event_type !== 'session'),
    ).to.have.length(100);
  });

  it('registerShutdownHooks flushes on SIGTERM, then the process ends by that signal', async function () {
    this.timeout(60_000);
    dir = newProject('commonjs');
    fs.writeFileSync(
      path.join(dir, 'server.js'),
      `
const { HoneyHiveTracer, traced, registerShutdownHooks } = require('hivetrace');
HoneyHiveTracer.init({ project: 'sigterm', flushOnExit: false });
registerShutdownHooks({ timeoutMs: 5000 });
const handle = traced(function handle(i) { return i; });
for (let i = 0; i < 300; i++) handle(i);
setInterval(() => undefined, 1000); // a server that would run forever
console.log('ready');
`,
    );
    const child = spawn(process.execPath, ['server.js'], { cwd: dir, env: env() });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.once('exit', (c, s) => resolve([c, s])),
    );
    expect(signal).to.equal('SIGTERM');
    expect(code).to.equal(null);
    expect(await exportEvents(collector, 'sigterm', 'handle')).to.have.length(300);
  });
});
