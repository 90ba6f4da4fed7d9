import type { Convention } from './convention-types';
import { TRACELOOP_ASSOCIATION_PREFIX } from './honeyhive';

export { TRACELOOP_ASSOCIATION_PREFIX };

/**
 * Traceloop / OpenLLMetry attributes: the span kind (workflow, task, agent: chain; tool: tool),
 * the entity's input and output, and every association property: `session_id`, `project` and
 * `source` name the event's session and project, `user_id` lands in `user_properties`, and every
 * other key (the evaluation ids `run_id`, `dataset_id`, `datapoint_id` among them) in `metadata`.
 */
export const TRACELOOP = Object.freeze<Convention>({
  name: 'traceloop',
  kind: {
    attribute: 'traceloop.span.kind',
    types: { WORKFLOW: 'chain', TASK: 'chain', AGENT: 'chain', TOOL: 'tool' },
  },
  rules: [
    { kind: 'payload', attribute: 'traceloop.entity.input', json: true, field: 'inputs', key: 'input' },
    { kind: 'payload', attribute: 'traceloop.entity.output', json: true, field: 'outputs', key: 'result' },
    { kind: 'value', attribute: 'traceloop.entity.name', field: 'metadata', key: 'entity_name' },
    { kind: 'value', attribute: 'traceloop.entity.path', field: 'metadata', key: 'entity_path' },
    { kind: 'value', attribute: 'traceloop.workflow.name', field: 'metadata', key: 'workflow_name' },
    {
      kind: 'prefix',
      prefix: TRACELOOP_ASSOCIATION_PREFIX,
      field: 'metadata',
      scalars: { session_id: 'session_id', project: 'project', source: 'source' },
      also: { user_id: 'user_properties' },
    },
  ],
});
