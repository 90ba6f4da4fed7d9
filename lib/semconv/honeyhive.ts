// HoneyHive's own semantic conventions: span attribute names, event namespaces, event types and
// baggage keys of the wire contract. Nothing else in hivetrace spells them.

/**
 * The prefix of Traceloop (OpenLLMetry) association properties, which the HoneyHive SDKs set on
 * every span too (so it is part of HoneyHive's own wire contract, not only Traceloop's).
 */
export const TRACELOOP_ASSOCIATION_PREFIX = 'traceloop.association.properties.';

/** The OTLP traces path on a HoneyHive-compatible backend (after `serverUrl`). */
export const OTLP_TRACES_PATH = '/opentelemetry/v1/traces';

/** Span attribute names of the HoneyHive wire contract. */
export const ATTR = Object.freeze({
  sessionId: 'honeyhive.session_id',
  project: 'honeyhive.project',
  source: 'honeyhive.source',
  parentId: 'honeyhive.parent_id',
  tlSessionId: `${TRACELOOP_ASSOCIATION_PREFIX}session_id`,
  tlProject: `${TRACELOOP_ASSOCIATION_PREFIX}project`,
  tlSource: `${TRACELOOP_ASSOCIATION_PREFIX}source`,
  eventType: 'honeyhive_event_type',
  eventName: 'honeyhive_event_name',
  eventId: 'honeyhive_event_id',
  sessionName: 'honeyhive_session_name',
  userId: 'honeyhive_user_id',
  error: 'honeyhive_error',
  errorType: 'honeyhive_error_type',
  durationMs: 'honeyhive_duration_ms',
});

/**
 * HoneyHive's event namespaces, each spelled once: the option name (`userProperties`), the span
 * attribute prefix (`honeyhive_user_properties`) and the field of the event on the wire and in
 * the collector (`user_properties`). The tracer, the session update queue, the collector, its
 * REST routes and the test kit all read this table. `compact`: arguments and results are captured
 * there as one JSON string each (an object or array), which readers decode.
 */
export const NAMESPACE_TABLE = Object.freeze([
  { option: 'inputs', attribute: 'honeyhive_inputs', field: 'inputs', compact: true },
  { option: 'outputs', attribute: 'honeyhive_outputs', field: 'outputs', compact: true },
  { option: 'metadata', attribute: 'honeyhive_metadata', field: 'metadata', compact: false },
  { option: 'metrics', attribute: 'honeyhive_metrics', field: 'metrics', compact: false },
  { option: 'feedback', attribute: 'honeyhive_feedback', field: 'feedback', compact: false },
  { option: 'config', attribute: 'honeyhive_config', field: 'config', compact: false },
  {
    option: 'userProperties',
    attribute: 'honeyhive_user_properties',
    field: 'user_properties',
    compact: false,
  },
] as const);

/** One row of the namespace table. */
export type NamespaceRow = (typeof NAMESPACE_TABLE)[number];

/** A namespace option name: `inputs`, `outputs`, `metadata`, … */
export type NamespaceName = NamespaceRow['option'];

/** A namespace's field on a HoneyHive event: `inputs`, …, `user_properties`. */
export type EventField = NamespaceRow['field'];

/** The enrichment namespaces' span attribute prefixes, by option name. */
export const NAMESPACES = Object.freeze(
  Object.fromEntries(NAMESPACE_TABLE.map((n) => [n.option, n.attribute])) as {
    readonly [R in NamespaceRow as R['option']]: R['attribute'];
  },
);

/** The enrichment namespaces' event fields, by option name. */
export const EVENT_FIELDS = Object.freeze(
  Object.fromEntries(NAMESPACE_TABLE.map((n) => [n.option, n.field])) as {
    readonly [R in NamespaceRow as R['option']]: R['field'];
  },
);

/** Every namespace field of an event, in table order. */
export const NAMESPACE_FIELDS: readonly EventField[] = Object.freeze(NAMESPACE_TABLE.map((n) => n.field));

/** HoneyHive event types. */
export type EventType = 'model' | 'tool' | 'chain' | 'session' | 'generic';

/** Every valid event type. */
export const EVENT_TYPES: readonly EventType[] = Object.freeze([
  'model',
  'tool',
  'chain',
  'session',
  'generic',
]);

/** Baggage keys hivetrace reads and writes (HoneyHive SDK names). */
export const BAGGAGE = Object.freeze({
  sessionId: 'session_id',
  project: 'project',
  source: 'source',
  runId: 'run_id',
  datasetId: 'dataset_id',
  datapointId: 'datapoint_id',
});

/** The start attributes naming a span's HoneyHive event: `honeyhive_event_type` and `honeyhive_event_name`. */
export function eventAttributes(eventType: string, eventName: string): Record<string, string> {
  return { [ATTR.eventType]: eventType, [ATTR.eventName]: eventName };
}

/**
 * Online-experiment span attributes, as the HoneyHive Python SDK writes them:
 * `honeyhive.experiment_id`, `_name`, `_variant`, `_group`, and one
 * `honeyhive.experiment_metadata.<key>` per metadata entry.
 */
export const EXPERIMENT_ATTR = Object.freeze({
  id: 'honeyhive.experiment_id',
  name: 'honeyhive.experiment_name',
  variant: 'honeyhive.experiment_variant',
  group: 'honeyhive.experiment_group',
  metadataPrefix: 'honeyhive.experiment_metadata.',
});

/** The experiment fields of a session's (and an event's) metadata: `experiment_id`, … */
export const EXPERIMENT_METADATA_KEYS = Object.freeze({
  id: 'experiment_id',
  name: 'experiment_name',
  variant: 'experiment_variant',
  group: 'experiment_group',
  metadata: 'experiment_metadata',
});

/** An experiment's tags as they are written (span attributes, or session metadata). */
export interface ExperimentFields {
  id?: string;
  name?: string;
  variant?: string;
  group?: string;
  metadata?: Record<string, unknown>;
}

const attributeValue = (v: unknown): string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);

/** An experiment's span attributes. */
export function experimentAttributes(e: ExperimentFields): [string, string | number | boolean][] {
  const out: [string, string | number | boolean][] = [];
  for (const k of ['id', 'name', 'variant', 'group'] as const)
    if (e[k] !== undefined) out.push([EXPERIMENT_ATTR[k], String(e[k])]);
  for (const [k, v] of Object.entries(e.metadata ?? {}))
    if (v !== undefined) out.push([`${EXPERIMENT_ATTR.metadataPrefix}${k}`, attributeValue(v)]);
  return out;
}

/** An experiment's session metadata entries: `experiment_id`, …, `experiment_metadata`. */
export function experimentMetadata(e: ExperimentFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['id', 'name', 'variant', 'group', 'metadata'] as const)
    if (e[k] !== undefined) out[EXPERIMENT_METADATA_KEYS[k]] = e[k];
  return out;
}
