import type { IncomingMessage } from 'node:http';
import { HttpStatusError, sendJson } from './http-utils';
import { jsonBody, wireRun, wireRunResult } from './rest-shapes';
import { restRoute } from './rest-paths';
import type { Router } from './Router';
import type { RunStore } from '../store/RunStore';
import type { StoredRun } from '../store/store-types';
import { compareScores } from '../../evaluation/compare-runs';

const AGGREGATIONS = new Set(['average', 'sum', 'min', 'max']);

/** A run's evaluators, when it names them (hivetrace's evaluate() does): only their scores are compared. */
function evaluatorsOf(run: StoredRun): string[] | undefined {
  const named = run.configuration?.evaluators;
  return Array.isArray(named) ? named.filter((n): n is string => typeof n === 'string') : undefined;
}

/** Experiment runs (`/runs` and `/v1/runs`): create, list, read, update, delete, result, comparison. */
export function runRoutes(router: Router, runs: RunStore, limit: number): void {
  const body = (req: IncomingMessage) => jsonBody(req, limit);
  const found = (id: string) => {
    const run = runs.getRun(id);
    if (!run) throw new HttpStatusError(404, `no run ${id}`);
    return run;
  };

  restRoute(router, 'POST', '/runs', async ({ req, res }) => {
    const run = runs.createRun(await body(req));
    sendJson(res, 200, { run_id: run.run_id, evaluation: wireRun(run) });
  });
  restRoute(router, 'PUT', '/runs/:id', async ({ req, res, params }) => {
    const b = await body(req);
    found(params.id!);
    const run = runs.updateRun(params.id!, b)!;
    sendJson(res, 200, { success: true, evaluation: wireRun(run), warning: null });
  });
  restRoute(router, 'GET', '/runs', ({ res, query }) =>
    sendJson(res, 200, { evaluations: runs.listRuns(query.get('project') ?? undefined).map(wireRun) }),
  );
  restRoute(router, 'GET', '/runs/:id', ({ res, params }) =>
    sendJson(res, 200, { evaluation: wireRun(found(params.id!)) }),
  );
  restRoute(router, 'DELETE', '/runs/:id', ({ res, params }) => {
    found(params.id!);
    sendJson(res, 200, { id: params.id, deleted: runs.deleteRun(params.id!) });
  });
  restRoute(router, 'GET', '/runs/:id/result', ({ res, params, query }) => {
    const aggregation = query.get('aggregate_function') ?? 'average';
    if (!AGGREGATIONS.has(aggregation))
      throw new HttpStatusError(400, `aggregate_function must be one of ${[...AGGREGATIONS].join(', ')}`);
    const result = runs.runResult(found(params.id!).run_id)!;
    sendJson(res, 200, wireRunResult(result, aggregation));
  });
  // HoneyHive's comparison of two runs: per metric old/new aggregate and delta, the datapoints
  // both ran; hivetrace adds each datapoint's change (improved, regressed, unchanged, new, missing)
  restRoute(router, 'GET', '/runs/:new/compare-with/:old', ({ res, params }) => {
    const newRun = found(params.new!);
    const oldRun = found(params.old!);
    const comparison = compareScores(
      { datapoints: runs.runResult(newRun.run_id)!.datapoints, evaluators: evaluatorsOf(newRun) },
      { datapoints: runs.runResult(oldRun.run_id)!.datapoints, evaluators: evaluatorsOf(oldRun) },
    );
    sendJson(res, 200, {
      ...comparison,
      event_details: [{ event_name: newRun.name, event_type: 'session', presence: 'both' }],
      old_run: wireRun(oldRun),
      new_run: wireRun(newRun),
    });
  });
}
