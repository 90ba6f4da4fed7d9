import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GroupProcess } from '../helpers/process-group';
import { spawnGroup } from '../helpers/process-group';
import { packIntoFreshApp } from '../helpers/packed-app';

const root = path.join(__dirname, '../..');

/** Relative link targets of a markdown file (no scheme, no pure anchors), anchors dropped. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith('#'))
    .map((l) => l.split('#')[0]!);
}

/**
 * The package as npm users get it: packed, installed into an application that has nothing else,
 * its CLI serving in seconds with no native build, its SDK sending a trace the collector stores,
 * and its declaration files type-checking under `strict` without `skipLibCheck`.
 */
describe('the packed package in a fresh application', function () {
  this.timeout(240_000);
  let app: string;
  let files: string[];
  /** `npx hivetrace serve`: npx, and the CLI it starts (ended together, as a group). */
  let serve: GroupProcess | undefined;

  before(() => {
    ({ app, files } = packIntoFreshApp('hivetrace-pack-'));
  });

  after(async () => serve?.end());

  it('ships the docs, and every relative link of its README resolves inside it', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const links = relativeLinks(readme);
    expect(links.length).to.be.above(5);
    for (const link of links) {
      const target = path.posix.normalize(link).replace(/\/$/, '');
      expect(
        files.some((f) => f === target || f.startsWith(`${target}/`)),
        `${link} is not in the package`,
      ).to.equal(true);
    }
    for (const doc of files.filter((f) => f.startsWith('docs/') && f.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(app, 'node_modules/hivetrace', doc), 'utf8');
      for (const link of relativeLinks(text)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(doc), link));
        expect(files.includes(target), `${doc} links to ${link}, which is not in the package`).to.equal(true);
      }
    }
    expect(files.some((f) => f.startsWith('lib/') || f.startsWith('spec/'))).to.equal(false);
    // nothing native was needed: better-sqlite3 is an optional peer, not installed
    expect(fs.existsSync(path.join(app, 'node_modules/better-sqlite3'))).to.equal(false);
  });

  it('npx hivetrace serve answers /health, and the SDK sends a trace it stores', async () => {
    serve = spawnGroup(
      'npx',
      ['--no-install', 'hivetrace', 'serve', '--port', '0', '--db', path.join(app, 'traces.db')],
      {
        cwd: app,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const collector = serve.child;
    collector.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      collector.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /collector on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      collector.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    expect((await fetch(`${url}/health`)).status).to.equal(200);
    expect(out).to.contain('storage: node-sqlite3-wasm');
    // the viewer's modules come compiled in the tarball (no TypeScript in a user's app), and each
    // module the page imports is served
    const index = await (await fetch(`${url}/`)).text();
    expect(index).to.contain('src="/viewer/main.js"');
    const main = await fetch(`${url}/viewer/main.js`);
    expect(main.headers.get('content-type')).to.contain('text/javascript');
    const imports = [...(await main.text()).matchAll(/from '\.\/([\w-]+\.js)'/g)].map((m) => m[1]!);
    expect(imports).to.include('sessions-page.js');
    for (const file of imports) expect((await fetch(`${url}/viewer/${file}`)).status, file).to.equal(200);
    expect(
      fs.existsSync(path.join(app, 'node_modules/hivetrace/dist/cjs/collector/viewer/app/main.ts')),
    ).to.equal(false);

    fs.writeFileSync(
      path.join(app, 'send.js'),
      `const { HoneyHiveTracer, traced } = require('hivetrace');
const tracer = HoneyHiveTracer.init({ apiKey: 'local', project: 'fresh-app', serverUrl: process.argv[2] });
const answer = traced((question) => 'A: ' + question, 'answer');
answer('does it work?');
tracer.flush().then((ok) => { console.log(JSON.stringify({ ok, session: tracer.sessionId })); return tracer.close(); });
`,
    );
    const sent = JSON.parse(
      execFileSync(process.execPath, ['send.js', url], { cwd: app, encoding: 'utf8' }).trim(),
    ) as {
      ok: boolean;
      session: string;
    };
    expect(sent.ok).to.equal(true);
    const stored = (await (await fetch(`${url}/api/sessions/${sent.session}`)).json()) as any;
    expect(stored.session.project).to.equal('fresh-app');
    expect(stored.events.map((e: any) => [e.event_name, e.outputs])).to.deep.equal([
      ['answer', { result: 'A: does it work?' }],
    ]);

    // the SDK entry point loads no storage engine and nothing of the collector
    const loaded = execFileSync(
      process.execPath,
      [
        '-e',
        "require('hivetrace'); console.log(Object.keys(require.cache).filter((k) => /sqlite|dist.cjs.collector/.test(k)).length)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(loaded.trim()).to.equal('0');
    const help = execFileSync('npx', ['--no-install', 'hivetrace', 'serve', '--help'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(help).to.contain('--storage');
  });

  it('type-checks a strict TypeScript file that imports hivetrace, hivetrace/testing, hivetrace/collector and hivetrace/ai, without skipLibCheck', () => {
    fs.writeFileSync(
      path.join(app, 'check.ts'),
      `import { HoneyHiveTracer, traced, Trace } from 'hivetrace';
import { createTestTracer } from 'hivetrace/testing';
import { startCollector, mapAttributes } from 'hivetrace/collector';
import type { CollectorEvent, Collector } from 'hivetrace/collector';
import { aiTelemetry } from 'hivetrace/ai';

class Service {
  @Trace({ eventType: 'tool' })
  lookup(query: string): string[] {
    return [query];
  }
}

export async function main(): Promise<number> {
  const collector: Collector = await startCollector({ port: 0, dbPath: ':memory:', storage: 'wasm' });
  const tracer = HoneyHiveTracer.init({ apiKey: 'k', project: 'p', serverUrl: collector.url });
  const kit = createTestTracer();
  const f = traced((x: number) => x * 2, 'double');
  const events: CollectorEvent[] = collector.events.export({ project: 'p' }).events;
  const mapped = mapAttributes({ 'llm.model_name': 'm' }).fields.config.model;
  const telemetry = aiTelemetry({ functionId: 'answer', tracer });
  await tracer.close();
  await collector.close();
  return f(1) + events.length + kit.spans().length + new Service().lookup(String(mapped)).length + (telemetry.isEnabled ? 1 : 0);
}
`,
    );
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          target: 'ES2022',
          module: 'node16',
          moduleResolution: 'node16',
          experimentalDecorators: false,
          types: ['node'],
          typeRoots: [path.join(root, 'node_modules/@types')],
        },
        files: ['check.ts'],
      }),
    );
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    } catch (err) {
      expect.fail(`tsc failed:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
    }
  });
});
