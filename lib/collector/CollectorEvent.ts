/** An event as the HoneyHive API models it (and `POST /v1/events/export` returns it). */
export interface CollectorEvent {
  event_id: string;
  parent_id: string | null;
  session_id: string;
  project: string;
  source: string;
  event_type: string;
  event_name: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  metadata: Record<string, unknown>;
  metrics: Record<string, unknown>;
  feedback: Record<string, unknown>;
  config: Record<string, unknown>;
  user_properties: Record<string, unknown>;
  error: string | null;
  start_time: number;
  end_time: number;
  duration: number;
  trace_id?: string | null;
  span_id?: string | null;
}

/** The JSON columns of an event. */
export const JSON_FIELDS = [
  'inputs',
  'outputs',
  'metadata',
  'metrics',
  'feedback',
  'config',
  'user_properties',
] as const;

/** The scalar columns of an event that filters may name. */
export const SCALAR_FIELDS = [
  'event_id',
  'parent_id',
  'session_id',
  'project',
  'source',
  'event_type',
  'event_name',
  'error',
  'start_time',
  'end_time',
  'duration',
] as const;
