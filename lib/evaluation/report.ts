import type { ExperimentResult } from './ExperimentResult';

/** A one-line progress bar on a terminal; nothing elsewhere. */
export function progress(done: number, total: number, stream: NodeJS.WriteStream = process.stderr): void {
  if (!stream.isTTY) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  stream.write(
    `\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`,
  );
}

/** The summary table printed at the end of a run. */
export function summaryTable(result: ExperimentResult): string {
  const lines = [
    `Experiment "${result.name}" (run ${result.runId}): ${result.status}, ${result.datapoints.length} datapoint(s)`,
  ];
  const names = Object.keys(result.metrics);
  if (names.length > 0) {
    const w = Math.max(6, ...names.map((n) => n.length));
    lines.push(
      `  ${'metric'.padEnd(w)}  ${'mean'.padStart(7)}  ${'min'.padStart(7)}  ${'max'.padStart(7)}  ${'pass'.padStart(5)}  count`,
    );
    for (const n of names) {
      const m = result.metrics[n]!;
      lines.push(
        `  ${n.padEnd(w)}  ${m.mean.toFixed(3).padStart(7)}  ${m.min.toFixed(3).padStart(7)}  ${m.max.toFixed(3).padStart(7)}  ${`${Math.round(m.passRate * 100)}%`.padStart(5)}  ${m.count}`,
      );
    }
  }
  const failed = result.datapoints.filter((d) => d.error);
  if (failed.length > 0)
    lines.push(
      `  ${failed.length} datapoint(s) failed: ${failed.map((d) => `${d.datapointId} (${d.error})`).join('; ')}`,
    );
  return lines.join('\n');
}
