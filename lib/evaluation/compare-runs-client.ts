import { HoneyHiveTracer, internalsOf } from '../tracer/HoneyHiveTracer';
import type { BackendOptions } from './backend-of';
import { backendOf } from './backend-of';
import { fetchComparison } from './baseline';
import type { RunComparison } from './compare-runs';

/**
 * Compares two experiment runs on the backend (`GET /runs/{new}/compare-with/{old}`, as the
 * HoneyHive SDKs call it): per metric the old and new aggregate and their difference, the
 * datapoints both ran, and each datapoint's change. The backend is the default tracer's, or
 * `options`, or `HH_*`.
 *
 * @example
 * const c = await compareRuns(result.runId, 'a3f…');
 * for (const m of c.metrics) console.log(m.metric_name, m.old_aggregate, '→', m.new_aggregate);
 */
export async function compareRuns(
  newRunId: string,
  oldRunId: string,
  options: Omit<BackendOptions, 'testMode'> = {},
): Promise<RunComparison> {
  const tracer = new HoneyHiveTracer({
    ...backendOf(options),
    testMode: false,
    sessionName: 'compare runs',
    skipSessionStart: true,
    flushOnExit: false,
  });
  const keepAlive = setInterval(() => undefined, 1 << 30); // retry waits do not hold the process
  try {
    return await fetchComparison(internalsOf(tracer).client, newRunId, oldRunId);
  } finally {
    clearInterval(keepAlive);
    await tracer.close(1000);
  }
}
