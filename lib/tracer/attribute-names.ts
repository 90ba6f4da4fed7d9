/** Span attribute names of the HoneyHive wire contract. */
export const ATTR = Object.freeze({
  sessionId: 'honeyhive.session_id',
  project: 'honeyhive.project',
  source: 'honeyhive.source',
  parentId: 'honeyhive.parent_id',
  tlSessionId: 'traceloop.association.properties.session_id',
  tlProject: 'traceloop.association.properties.project',
  tlSource: 'traceloop.association.properties.source',
  eventType: 'honeyhive_event_type',
  eventName: 'honeyhive_event_name',
  eventId: 'honeyhive_event_id',
  sessionName: 'honeyhive_session_name',
  userId: 'honeyhive_user_id',
  error: 'honeyhive_error',
  errorType: 'honeyhive_error_type',
  durationMs: 'honeyhive_duration_ms',
});

/** The enrichment namespaces, by their camelCase option name. */
export const NAMESPACES = Object.freeze({
  inputs: 'honeyhive_inputs',
  outputs: 'honeyhive_outputs',
  metadata: 'honeyhive_metadata',
  metrics: 'honeyhive_metrics',
  feedback: 'honeyhive_feedback',
  config: 'honeyhive_config',
  userProperties: 'honeyhive_user_properties',
});

/** A namespace option name: `inputs`, `outputs`, `metadata`, … */
export type NamespaceName = keyof typeof NAMESPACES;

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
