import type { SessionSummary } from './store-types';

// The session list's query and answer, as the store computes them; the viewer's API
// (viewer/viewer-api.ts) serves them as they are.

/** Columns the session list can be sorted by. */
export const SESSION_SORT_KEYS = [
  'event_name',
  'project',
  'source',
  'user_id',
  'start_time',
  'duration',
  'event_count',
  'error_count',
  'total_tokens',
] as const;

/** A column the session list can be sorted by. */
export type SessionSortKey = (typeof SESSION_SORT_KEYS)[number];

/** `GET /api/sessions` query parameters (all optional, all strings on the wire). */
export interface SessionListQuery {
  project?: string;
  source?: string;
  /** `user_properties.user_id` of the session or of any of its events. */
  user?: string;
  /** Sessions holding at least one event of this type. */
  event_type?: string;
  /** `1`: only sessions with an error. */
  errors?: string;
  /** Free text: session name and id, metadata, user properties, event names and inputs. */
  q?: string;
  /** Session start, epoch milliseconds, inclusive. */
  from?: string;
  /** Session start, epoch milliseconds, inclusive. */
  to?: string;
  /** `1`: include sessions with no events (a tracer's start with nothing traced). */
  empty?: string;
  sort?: SessionSortKey;
  dir?: 'asc' | 'desc';
  /** 1-based. */
  page?: string;
  limit?: string;
}

/** `GET /api/sessions`: one page of sessions and how many match in all. */
export interface SessionListResponse {
  sessions: SessionSummary[];
  total: number;
  page: number;
  limit: number;
}

/** `GET /api/facets`: the values the session filters offer. */
export interface FacetsResponse {
  projects: string[];
  sources: string[];
  users: string[];
  event_types: string[];
}
