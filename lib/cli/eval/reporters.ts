import type { ExperimentResult } from '../../evaluation/ExperimentResult';

/** The report formats of `hivetrace eval --reporter`. */
export const REPORTERS = ['json', 'junit', 'markdown'] as const;
export type Reporter = (typeof REPORTERS)[number];

const num = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : String(Number(n.toFixed(4)));
const signed = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : `${n > 0 ? '+' : ''}${num(n)}`;

/** Every experiment's result, as JSON: run ids, metrics, the comparison, thresholds, datapoints. */
function json(results: readonly ExperimentResult[]): string {
  return JSON.stringify(
    {
      passed: results.every((r) => r.passed),
      experiments: results.map((r) => ({
        name: r.name,
        runId: r.runId,
        baselineRunId: r.baselineRunId ?? null,
        repetitions: r.repetitions,
        passed: r.passed,
        failures: r.failures,
        failingDatapoints: r.failingDatapoints,
        metrics: r.metrics,
        comparison: r.comparison ?? null,
        datapoints: r.datapoints.map((d) => ({
          id: d.datapointId,
          metrics: d.metrics,
          error: d.error,
          passed: d.passed,
        })),
      })),
    },
    null,
    2,
  );
}

/** The datapoints a failure line names (after `; datapoints: `). */
const namedIn = (failure: string): string[] => failure.split('; datapoints: ')[1]?.split(', ') ?? [];

const xml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** JUnit XML: a suite per experiment, a test case per datapoint, failed when a broken threshold names it. */
function junit(results: readonly ExperimentResult[]): string {
  const suites = results.map((r) => {
    const ids = [...new Set(r.datapoints.map((d) => d.datapointId))];
    const cases = ids.map((id) => {
      const why = r.failures.filter((f) => namedIn(f).includes(id));
      const body = why.length ? `<failure message="${xml(why[0]!)}">${xml(why.join('\n'))}</failure>` : '';
      return `    <testcase classname="${xml(r.name)}" name="${xml(id)}">${body}</testcase>`;
    });
    // a broken threshold that names no datapoint still fails the suite, as a case of its own
    for (const f of r.failures.filter((f) => namedIn(f).length === 0))
      cases.push(
        `    <testcase classname="${xml(r.name)}" name="${xml(f.split(':')[0]!)} threshold"><failure message="${xml(f)}"/></testcase>`,
      );
    const failed = cases.filter((c) => c.includes('<failure')).length;
    return `  <testsuite name="${xml(r.name)}" tests="${cases.length}" failures="${failed}">\n    <properties><property name="run_id" value="${xml(r.runId)}"/>${r.baselineRunId ? `<property name="baseline_run_id" value="${xml(r.baselineRunId)}"/>` : ''}</properties>\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hivetrace eval">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Markdown for a pull request comment or a job summary: per experiment its metrics against the baseline and what failed. */
function markdown(results: readonly ExperimentResult[]): string {
  const failed = results.filter((r) => !r.passed).length;
  const lines = [
    `## hivetrace eval: ${failed ? `✗ ${failed} of ${results.length} experiment(s) broke a threshold` : `✓ ${results.length} experiment(s) passed`}`,
  ];
  for (const r of results) {
    lines.push('', `### ${r.passed ? '✓' : '✗'} ${r.name}`, '');
    lines.push(
      `Run \`${r.runId}\`${r.baselineRunId ? ` against baseline \`${r.baselineRunId}\`` : ''}, ${r.repetitions} repetition(s).`,
      '',
    );
    if (r.comparison) {
      lines.push('| metric | baseline | this run | delta | regressed datapoints |', '|---|---|---|---|---|');
      for (const m of r.comparison.metrics)
        lines.push(
          `| ${m.metric_name} | ${num(m.old_aggregate)} | ${num(m.new_aggregate)} | ${signed(m.difference)} | ${m.degraded.join(', ') || '—'} |`,
        );
    } else {
      lines.push('| metric | mean | std | min | max | pass rate |', '|---|---|---|---|---|---|');
      for (const [name, m] of Object.entries(r.metrics))
        lines.push(
          `| ${name} | ${num(m.mean)} | ${num(m.std)} | ${num(m.min)} | ${num(m.max)} | ${num(m.passRate)} |`,
        );
    }
    if (r.failures.length) lines.push('', '**Broken thresholds**', '', ...r.failures.map((f) => `- ${f}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The report of every experiment in one format. */
export function renderReport(kind: Reporter, results: readonly ExperimentResult[]): string {
  return kind === 'json' ? `${json(results)}\n` : kind === 'junit' ? junit(results) : markdown(results);
}
