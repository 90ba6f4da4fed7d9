import type { HoneyHiveClient } from '../export/HoneyHiveClient';
import type { RunComparison } from './compare-runs';

/** The status of an HTTP failure, if it was one. */
const statusOf = (err: unknown): number | undefined =>
  (err as { status?: unknown })?.status as number | undefined;

/**
 * The run a baseline names: a run id when a run has that id, else the newest run of `project`
 * with that name (other than `exclude`, the run being made). Throws naming the baseline when
 * neither exists.
 */
export async function resolveBaseline(
  client: HoneyHiveClient,
  baseline: string,
  project: string,
  exclude?: string,
): Promise<string> {
  try {
    await client.request('GET', `/v1/runs/${encodeURIComponent(baseline)}`);
    return baseline;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  const listed = (await client.request('GET', `/v1/runs?project=${encodeURIComponent(project)}`)) as {
    evaluations?: { run_id: string; name: string; created_at?: string }[];
  };
  const named = (listed.evaluations ?? [])
    .filter((r) => r.name === baseline && r.run_id !== exclude)
    .sort((a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')));
  if (!named[0])
    throw new Error(`baseline "${baseline}" is neither a run id nor the name of a run in project ${project}`);
  return named[0].run_id;
}

/** `GET /runs/{new}/compare-with/{old}`: the backend's comparison of two runs. */
export async function fetchComparison(
  client: HoneyHiveClient,
  newRunId: string,
  oldRunId: string,
): Promise<RunComparison> {
  return (await client.request(
    'GET',
    `/v1/runs/${encodeURIComponent(newRunId)}/compare-with/${encodeURIComponent(oldRunId)}`,
  )) as RunComparison;
}
