import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Collector } from '../../collector/start-collector';
import { startCollector } from '../../collector/start-collector';
import type { EvaluateOptions } from '../../evaluation/EvaluateOptions';
import type { ExperimentResult } from '../../evaluation/ExperimentResult';
import { summaryTable } from '../../evaluation/report';
import type { MetricThreshold } from '../../evaluation/thresholds';
import { describeError } from '../../internal/logger';
import { findFiles } from './find-files';
import { loadExperiments } from './load-experiments';
import type { Reporter } from './reporters';
import { renderReport, REPORTERS } from './reporters';

/** `hivetrace eval --help`. */
export const EVAL_HELP = `Usage: hivetrace eval <files or globs…> [options]

Runs the experiments the files export (defineExperiment(…), or classes with @Evaluate methods)
against the configured backend (HH_API_URL, HH_API_KEY), or, when none is configured, an embedded
local collector whose results are kept in .hivetrace/eval.db. Exits 0 when every threshold holds,
1 when one fails (each listed), 2 when the run could not run.

Options:
  --baseline <id|name>        compare with this run (an id, or the newest run with that name;
                              @<suffix> means each experiment's own name + suffix: @main → faq@main)
  --run-suffix <suffix>       append to every run's name (record baselines as faq@main)
  --repetitions <n>           run every datapoint n times
  --concurrency <n>           datapoints at once (default 10)
  --filter <text>             only experiments whose name contains <text>
  --threshold <m>>=<x>        the mean of metric m at least x (or m<=x: at most); repeatable
  --max-regression <m>=<d>    the mean of m may drop at most d against the baseline; repeatable
  --reporter <kind>           json, junit or markdown (to stdout, or --output)
  --output <file>             where the report goes
  --project <name>            project (default HH_PROJECT, else "evals")
  --db <path>                 the embedded collector's database (default .hivetrace/eval.db)
  -h, --help                  this help
`;

type Thresholds = Record<string, MetricThreshold>;

/** An error as one line: its message (with its cause, as fetch failures need), without a bare `Error: `. */
const said = (err: unknown): string => describeError(err).replace(/^Error: /, '');

function parseThresholds(bounds: readonly string[], regressions: readonly string[]): Thresholds {
  const out: Thresholds = {};
  for (const b of bounds) {
    const m = /^(.+?)(>=|<=)(-?\d+(?:\.\d+)?)$/.exec(b);
    if (!m) throw new Error(`--threshold ${b}: write <metric>>=<value> or <metric><=<value>`);
    out[m[1]!] = { ...out[m[1]!], [m[2] === '>=' ? 'min' : 'max']: Number(m[3]) };
  }
  for (const r of regressions) {
    const m = /^(.+?)=(\d+(?:\.\d+)?)$/.exec(r);
    if (!m) throw new Error(`--max-regression ${r}: write <metric>=<largest allowed drop>`);
    out[m[1]!] = { ...out[m[1]!], maxRegression: Number(m[2]) };
  }
  return out;
}

function positiveInt(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} must be a whole number of at least 1, got ${v}`);
  return n;
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      baseline: { type: 'string' },
      'run-suffix': { type: 'string' },
      repetitions: { type: 'string' },
      concurrency: { type: 'string' },
      filter: { type: 'string' },
      threshold: { type: 'string', multiple: true },
      'max-regression': { type: 'string', multiple: true },
      reporter: { type: 'string' },
      output: { type: 'string' },
      project: { type: 'string' },
      db: { type: 'string', default: '.hivetrace/eval.db' },
    },
  });
  if (values.reporter !== undefined && !(REPORTERS as readonly string[]).includes(values.reporter))
    throw new Error(`--reporter must be one of ${REPORTERS.join(', ')}, got ${values.reporter}`);
  return { values, positionals };
}

/** Where experiments go: the configured backend, else an embedded collector (started here). */
async function backend(db: string): Promise<{ serverUrl?: string; collector?: Collector }> {
  if (process.env.HH_API_URL || process.env.HH_SERVER_URL) return {};
  fs.mkdirSync(path.dirname(path.resolve(db)), { recursive: true });
  const collector = await startCollector({ port: 0, dbPath: db });
  return { serverUrl: collector.url, collector };
}

function printResult(r: ExperimentResult): void {
  console.log(summaryTable(r));
  if (r.comparison) {
    console.log(`  against baseline ${r.baselineRunId}:`);
    for (const m of r.comparison.metrics) {
      const d =
        m.difference === null ? '—' : `${m.difference >= 0 ? '+' : ''}${Number(m.difference.toFixed(4))}`;
      console.log(
        `    ${m.metric_name}: ${m.old_aggregate ?? '—'} → ${m.new_aggregate ?? '—'} (${d}), regressed: ${m.degraded.join(', ') || 'none'}`,
      );
    }
  }
  for (const f of r.failures) console.log(`  ✗ ${f}`);
}

/**
 * `hivetrace eval`: runs the experiments, prints each summary, comparison and broken threshold,
 * writes the report, and answers the exit code (0 held, 1 a threshold failed, 2 could not run).
 */
export async function evalCommand(args: string[]): Promise<number> {
  let collector: Collector | undefined;
  try {
    const { values, positionals } = parse(args);
    if (values.help) {
      process.stdout.write(EVAL_HELP);
      return 0;
    }
    if (positionals.length === 0) throw new Error(`name the experiment files\n\n${EVAL_HELP}`);
    const experiments = await loadExperiments(findFiles(positionals), values.filter);
    if (experiments.length === 0) throw new Error(`no experiment matches --filter ${values.filter}`);
    const thresholds = parseThresholds(values.threshold ?? [], values['max-regression'] ?? []);
    const target = await backend(values.db);
    collector = target.collector;
    const overrides: EvaluateOptions = {
      printResults: false,
      repetitions: positiveInt('--repetitions', values.repetitions),
      maxWorkers: positiveInt('--concurrency', values.concurrency),
      project: values.project ?? process.env.HH_PROJECT ?? 'evals',
      ...(target.serverUrl ? { serverUrl: target.serverUrl } : {}),
      ...(Object.keys(thresholds).length ? { thresholds } : {}),
    };
    const results: ExperimentResult[] = [];
    for (const e of experiments) {
      const baseline = values.baseline?.startsWith('@') ? `${e.name}${values.baseline}` : values.baseline;
      const name = `${e.name}${values['run-suffix'] ?? ''}`;
      try {
        results.push(await e.run({ ...overrides, baseline, name }));
      } catch (err) {
        throw new Error(`experiment "${e.name}" (${e.file}) could not run: ${said(err)}`);
      }
      const r = results.at(-1)!;
      if (!r.recorded)
        throw new Error(
          `experiment "${e.name}" could not be recorded by the backend: ${r.notRecorded ?? 'test mode'}`,
        );
      printResult(r);
    }
    if (values.reporter) {
      const report = renderReport(values.reporter as Reporter, results);
      if (values.output) fs.writeFileSync(values.output, report);
      else process.stdout.write(report);
    }
    if (collector)
      console.log(`results kept in ${values.db} (hivetrace serve --db ${values.db} to browse them)`);
    return results.every((r) => r.passed) ? 0 : 1;
  } catch (err) {
    console.error(`hivetrace eval: ${said(err)}`);
    return 2;
  } finally {
    await collector?.close();
  }
}
