import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { compareRuns } from '../../lib/evaluation/compare-runs-client';

const root = path.join(__dirname, '../..');
const FILE = path.join(__dirname, 'fixtures/faq.eval.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `hivetrace eval` as CI runs it, against a real collector: a baseline, then a candidate that
 * regresses one metric on 2 of 5 datapoints, an improved one, repetitions, an unknown baseline,
 * and the comparison endpoint for the runs it made.
 */
describe('hivetrace eval', function () {
  this.timeout(180_000);
  let collector: Collector;
  let dir: string;
  let baselineRunId: string;

  before(async () => {
    collector = await startCollector({ dbPath: ':memory:' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-eval-'));
  });
  after(async () => collector.close());

  const run = (args: string[], variant: string): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          path.join(root, 'lib/cli/hivetrace.ts'),
          'eval',
          FILE,
          ...args,
        ],
        {
          cwd: root,
          env: { ...process.env, HH_API_URL: collector.url, HH_PROJECT: 'faq-spec', FAQ_VARIANT: variant },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  const report = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as any;

  it('a baseline run passes its thresholds: exit 0, the report names the run', async () => {
    const r = await run(
      ['--threshold', 'exact_match>=0.5', '--reporter', 'json', '--output', path.join(dir, 'base.json')],
      'baseline',
    );
    expect(r.code, r.stderr).to.equal(0);
    const json = report('base.json');
    expect(json.passed).to.equal(true);
    baselineRunId = json.experiments[0].runId;
    expect(json.experiments[0].metrics.exact_match.mean).to.equal(0.8);
  });

  it('a candidate that regresses exact_match on 2 of 5 datapoints: exit 1, junit lists exactly those, markdown names the metric and delta', async () => {
    const junit = path.join(dir, 'candidate.xml');
    const r = await run(
      ['--baseline', 'faq', '--max-regression', 'exact_match=0.05', '--reporter', 'junit', '--output', junit],
      'regressed',
    );
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stdout).to.match(
      /✗ exact_match: mean dropped 0\.4 \(from 0\.8 to 0\.4\) > maxRegression 0\.05; datapoints: dp-2, dp-4/,
    );
    const xml = fs.readFileSync(junit, 'utf8');
    const failed = [...xml.matchAll(/<testcase classname="faq" name="([^"]+)"><failure/g)].map((m) => m[1]);
    expect(failed).to.deep.equal(['dp-2', 'dp-4']);
    expect(xml).to.contain('<testsuite name="faq" tests="5" failures="2">');
    const md = await run(
      ['--baseline', baselineRunId, '--max-regression', 'exact_match=0.05', '--reporter', 'markdown'],
      'regressed',
    );
    expect(md.code).to.equal(1);
    expect(md.stdout).to.contain('| exact_match | 0.8 | 0.4 | -0.4 | dp-2, dp-4 |');
    expect(md.stdout).to.contain('## hivetrace eval: ✗ 1 of 1 experiment(s) broke a threshold');
  });

  it('an improved candidate: exit 0', async () => {
    const r = await run(
      [
        '--baseline',
        baselineRunId,
        '--max-regression',
        'exact_match=0.05',
        '--threshold',
        'exact_match>=0.8',
      ],
      'improved',
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('exact_match: 0.8 → 1 (+0.2), regressed: none');
  });

  it("--run-suffix names the runs, and --baseline @suffix finds each experiment's own", async () => {
    expect((await run(['--run-suffix', '@main'], 'baseline')).code).to.equal(0);
    const main = collector.runs.listRuns('faq-spec').find((r) => r.name === 'faq@main')!;
    const r = await run(['--baseline', '@main', '--max-regression', 'exact_match=0.05'], 'improved');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`against baseline ${main.run_id}`);
  });

  it('--repetitions 3: every datapoint three times, mean and deviation of what the evaluators returned', async () => {
    const r = await run(
      ['--repetitions', '3', '--reporter', 'json', '--output', path.join(dir, 'reps.json')],
      'baseline',
    );
    expect(r.code, r.stderr).to.equal(0);
    const e = report('reps.json').experiments[0];
    expect(e.repetitions).to.equal(3);
    expect(e.datapoints).to.have.length(15);
    // the attempt evaluator scored each datapoint's runs 1, 2, 3
    expect(e.metrics.attempt.mean).to.equal(2);
    expect(e.metrics.attempt.std).to.be.closeTo(Math.sqrt(2 / 3), 1e-12);
    expect(e.metrics.exact_match).to.include({ mean: 0.8, count: 15 });
    expect(e.metrics.exact_match.std).to.be.closeTo(0.4, 1e-12);
  });

  it('--filter picks experiments by name (none matching: exit 2), --concurrency bounds the datapoints', async () => {
    const none = await run(['--filter', 'nothing-like-it'], 'baseline');
    expect(none.code).to.equal(2);
    expect(none.stderr).to.contain('no experiment matches --filter nothing-like-it');
    const one = await run(['--filter', 'fa', '--concurrency', '1'], 'baseline');
    expect(one.code, one.stderr).to.equal(0);
    expect(one.stdout).to.contain('Experiment "faq"');
    const bad = await run(['--concurrency', '0'], 'baseline');
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--concurrency must be a whole number of at least 1, got 0');
  });

  it('an unknown baseline name: exit 2, the message names it, nothing runs', async () => {
    const r = await run(['--baseline', 'no-such-run'], 'baseline');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain(
      'baseline "no-such-run" is neither a run id nor the name of a run in project faq-spec',
    );
    expect(r.stdout).to.not.contain('Experiment "faq"');
  });

  it('a file that cannot load, or a backend that is down: exit 2, said plainly', async () => {
    const bad = path.join(dir, 'bad.eval.js');
    fs.writeFileSync(bad, 'module.exports = { nothing: 1 };');
    const r = await new Promise<Run>((resolve) => {
      const child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', path.join(root, 'lib/cli/hivetrace.ts'), 'eval', bad],
        {
          cwd: root,
          env: { ...process.env, HH_API_URL: collector.url },
        },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('exports no experiment');
    const down = await new Promise<Run>((resolve) => {
      const child = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', path.join(root, 'lib/cli/hivetrace.ts'), 'eval', FILE],
        {
          cwd: root,
          env: { ...process.env, HH_API_URL: 'http://127.0.0.1:1', HH_PROJECT: 'faq-spec' },
        },
      );
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    expect(down.code).to.equal(2);
    expect(down.stderr).to.match(
      /could not be recorded by the backend: creating the run failed: .*fetch failed/,
    );
  });

  it('GET /runs/{new}/compare-with/{old} answers for runs evaluate() made, with and without /v1, through compareRuns()', async () => {
    const runs = collector.runs.listRuns('faq-spec');
    const regressed = runs.find((x) => x.run_id !== baselineRunId && x.status === 'completed')!;
    const c = await compareRuns(regressed.run_id, baselineRunId, {
      serverUrl: collector.url,
      project: 'faq-spec',
    });
    expect(c.commonDatapoints).to.have.members(['dp-1', 'dp-2', 'dp-3', 'dp-4', 'dp-5']);
    const plain = (await (
      await fetch(`${collector.url}/runs/${regressed.run_id}/compare-with/${baselineRunId}`)
    ).json()) as any;
    expect(plain.metrics).to.deep.equal(c.metrics);
    expect(plain.old_run.run_id).to.equal(baselineRunId);
    expect(plain.new_run.run_id).to.equal(regressed.run_id);
    const exact = c.metrics.find((m) => m.metric_name === 'exact_match')!;
    expect(exact.metric_type).to.equal('boolean');
    expect(exact.old_aggregate).to.equal(0.8);
    expect(typeof exact.new_aggregate).to.equal('number');
    expect(
      (await fetch(`${collector.url}/v1/runs/${regressed.run_id}/compare-with/no-such-run`)).status,
    ).to.equal(404);
  });
});
