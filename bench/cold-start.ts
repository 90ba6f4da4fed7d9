/**
 * What importing hivetrace costs at cold start, per runtime, in a fresh application that
 * installed the packed tarball: a new process per run (Node, Bun, Deno: the time `import` takes,
 * measured inside the process), and for the Edge runtime the time to evaluate the bundle in a
 * new VM beyond an empty one. Also the size of the edge bundle (esbuild, minified, gzipped).
 * Prints medians of 7 runs as a markdown table.
 *   npm run bench:cold-start
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { packIntoFreshApp } from '../spec/helpers/packed-app';

const RUNS = 7;
const root = path.join(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(command: string, args: string[], cwd: string): number {
  const out = execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return Number(out.trim().split('\n').pop());
}

async function edgeEvaluation(bundle: string): Promise<number> {
  const { EdgeRuntime } = await import('edge-runtime');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    new EdgeRuntime({ initialCode: '' });
    const empty = performance.now() - t;
    t = performance.now();
    new EdgeRuntime({ initialCode: bundle });
    times.push(performance.now() - t - empty);
  }
  return median(times);
}

async function main(): Promise<void> {
  const { app } = packIntoFreshApp('hivetrace-cold-');
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'cold', private: true, type: 'module', dependencies: { hivetrace: '*' } }),
  );
  const script =
    "const t = performance.now(); await import('hivetrace'); console.log(performance.now() - t);";
  fs.writeFileSync(path.join(app, 'cold.mjs'), script);
  fs.writeFileSync(path.join(app, 'entry.mjs'), "import 'hivetrace';");
  const rows: [string, number][] = [];
  const node = Array.from({ length: RUNS }, () => timed(process.execPath, ['cold.mjs'], app));
  rows.push([`Node ${process.version}`, median(node)]);
  const bun = Array.from({ length: RUNS }, () => timed(bin('bun'), ['cold.mjs'], app));
  rows.push([`Bun ${execFileSync(bin('bun'), ['--version'], { encoding: 'utf8' }).trim()}`, median(bun)]);
  const denoArgs = ['run', '--allow-env', '--allow-read', 'cold.mjs'];
  const deno = Array.from({ length: RUNS }, () => timed(bin('deno'), denoArgs, app));
  rows.push([
    'Deno ' + execFileSync(bin('deno'), ['--version'], { encoding: 'utf8' }).split(' ')[1],
    median(deno),
  ]);
  execFileSync(
    bin('esbuild'),
    [
      'entry.mjs',
      '--bundle',
      '--minify',
      '--format=iife',
      '--platform=browser',
      '--target=es2022',
      '--conditions=edge-light,worker',
      '--outfile=edge.js',
    ],
    { cwd: app, stdio: 'pipe' },
  );
  const bundle = fs.readFileSync(path.join(app, 'edge.js'));
  rows.push([
    'Edge runtime (edge-runtime 4, evaluating the bundle)',
    await edgeEvaluation(bundle.toString()),
  ]);
  console.log('| runtime | import hivetrace (median of 7, ms) |\n|---|---|');
  for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(0)} |`);
  console.log(
    `\nedge bundle (esbuild --bundle --minify, browser build): ${(bundle.length / 1024).toFixed(0)} KB, ${(gzipSync(bundle).length / 1024).toFixed(0)} KB gzipped`,
  );
}

void main();
