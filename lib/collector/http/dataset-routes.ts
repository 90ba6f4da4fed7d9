import type { IncomingMessage } from 'node:http';
import { HttpStatusError, sendJson } from './http-utils';
import { isObject, jsonBody, obj, requireArray, requireObject, wireDataset } from './rest-shapes';
import { restRoute } from './rest-paths';
import type { Router } from './Router';
import type { DatapointMapping, RunStore } from '../store/RunStore';

const strings = (v: unknown, what: string): string[] | undefined => {
  if (v === undefined) return undefined;
  const list = requireArray(v, what);
  if (!list.every((x) => typeof x === 'string')) throw new HttpStatusError(400, `${what} must list strings`);
  return list;
};

/** 404 unless dataset `id` exists. */
function requireDataset(runs: RunStore, id: string): void {
  if (runs.listDatasets({ dataset_id: id }).length === 0) throw new HttpStatusError(404, `no dataset ${id}`);
}

type BodyReader = (req: IncomingMessage) => Promise<Record<string, unknown>>;

/** Datasets and datapoints (`/datasets`, `/datapoints`, with and without `/v1`). */
export function datasetRoutes(router: Router, runs: RunStore, limit: number): void {
  const body: BodyReader = (req) => jsonBody(req, limit);
  datasetsRoutes(router, runs, body);
  datapointRoutes(router, runs, body);
}

/** `/datasets`: list, create (records or linked datapoint ids), add datapoints. */
function datasetsRoutes(router: Router, runs: RunStore, body: BodyReader): void {
  restRoute(router, 'GET', '/datasets', ({ res, query }) => {
    const list = runs
      .listDatasets({
        dataset_id: query.get('dataset_id') ?? undefined,
        project: query.get('project') ?? undefined,
      })
      .map(wireDataset);
    // hivetrace and the Python SDK read `datasets`, the TypeScript SDK `testcases`
    sendJson(res, 200, { datasets: list, testcases: list });
  });

  restRoute(router, 'POST', '/datasets', async ({ req, res }) => {
    const b = await body(req);
    const given = requireArray(b.datapoints, 'datapoints');
    // HoneyHive's API links existing datapoints by id; hivetrace's own clients send them whole
    const records = given.filter(isObject);
    const id = runs.createDataset({
      project: b.project === undefined ? undefined : String(b.project),
      name: b.name === undefined ? undefined : String(b.name),
      description: b.description === undefined ? undefined : String(b.description),
      dataset_id: typeof b.dataset_id === 'string' ? b.dataset_id : undefined,
      datapoints: records,
    });
    const linked = given.filter((d): d is string => typeof d === 'string');
    if (linked.length > 0)
      runs.addDatapoints(
        id,
        runs.listDatapoints({ ids: linked }).map((d) => ({ ...d, id: undefined })),
      );
    sendJson(res, 200, { inserted: true, dataset_id: id, result: { insertedId: id } });
  });

  restRoute(router, 'POST', '/datasets/:id/datapoints', async ({ req, res, params }) => {
    const b = await body(req);
    requireDataset(runs, params.id!);
    if (Array.isArray(b.datapoints)) {
      sendJson(res, 200, { inserted: true, datapoint_ids: runs.addDatapoints(params.id!, b.datapoints) });
      return;
    }
    // the HoneyHive SDK: `{ project, data: [records], mapping: { inputs, ground_truth, history } }`
    const data = requireArray(b.data, 'data');
    const m = obj(b.mapping);
    const mapping: DatapointMapping = {
      inputs: strings(m.inputs, 'mapping.inputs'),
      ground_truth: strings(m.ground_truth, 'mapping.ground_truth'),
      history: strings(m.history, 'mapping.history'),
    };
    sendJson(res, 200, {
      inserted: true,
      datapoint_ids: runs.addMappedDatapoints(params.id!, data, mapping),
    });
  });
}

/** `/datapoints`: create, list, read, delete. */
function datapointRoutes(router: Router, runs: RunStore, body: BodyReader): void {
  restRoute(router, 'POST', '/datapoints', async ({ req, res }) => {
    const b = await body(req);
    const datasets = strings(b.linked_datasets, 'linked_datasets') ?? [];
    for (const d of datasets) requireDataset(runs, d);
    const [id] = runs.addDatapoints(datasets[0] ?? '', [
      {
        inputs: requireObject(b.inputs ?? {}, 'inputs'),
        ground_truth: b.ground_truth,
        history: b.history,
        metadata: b.metadata,
      },
    ]);
    sendJson(res, 200, { result: { insertedId: id } });
  });

  restRoute(router, 'GET', '/datapoints', ({ res, query }) => {
    const ids = query
      .getAll('datapoint_ids')
      .flatMap((v) => v.split(','))
      .filter(Boolean);
    sendJson(res, 200, {
      datapoints: runs.listDatapoints({
        ids,
        datasetName: query.get('dataset_name') ?? undefined,
        project: query.get('project') ?? undefined,
      }),
    });
  });

  restRoute(router, 'GET', '/datapoints/:id', ({ res, params }) => {
    const dp = runs.getDatapoint(params.id!);
    if (!dp) throw new HttpStatusError(404, `no datapoint ${params.id}`);
    sendJson(res, 200, { datapoint: [dp] });
  });

  restRoute(router, 'DELETE', '/datapoints/:id', ({ res, params }) => {
    if (!runs.deleteDatapoint(params.id!)) throw new HttpStatusError(404, `no datapoint ${params.id}`);
    sendJson(res, 200, { deleted: true });
  });
}
