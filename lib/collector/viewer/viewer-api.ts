import type { CollectorEvent } from '../store/CollectorEvent';
import type { OtlpSpanLink } from '../store/otlp-types';
import type { FacetsResponse, SessionListResponse } from '../store/session-list-types';
import type { RunResult, StoredRun } from '../store/store-types';

/**
 * The viewer's JSON API, typed once: the collector's routes answer these shapes and the viewer
 * (lib/collector/viewer) reads them, so a renamed field fails to compile on both sides.
 */

export { SESSION_SORT_KEYS } from '../store/session-list-types';
export type {
  FacetsResponse,
  SessionListQuery,
  SessionListResponse,
  SessionSortKey,
} from '../store/session-list-types';

/** A span link, with the event it points to when that event is stored. */
export interface ViewerLink extends OtlpSpanLink {
  target: { event_id: string; session_id: string } | null;
}

/** An event as the viewer gets it: links resolved, token count and cost worked out. */
export interface ViewerEvent extends Omit<CollectorEvent, 'links'> {
  links?: ViewerLink[];
  /** Prompt, completion and total tokens, when the event reports them. */
  tokens: TokenCounts | null;
  /** In the currency of the configured prices; `null` when the model has no price. */
  cost: number | null;
}

/** Token counts of a model call, or summed over a session. */
export interface TokenCounts {
  /** Every input token, cached ones included. */
  prompt: number;
  /** Every output token, reasoning ones included. */
  completion: number;
  total: number;
  /** Of `prompt`, read from the provider's cache. */
  cached?: number;
  /** Of `prompt`, written to the provider's cache. */
  cacheWrite?: number;
  /** Of `completion`, spent reasoning. */
  reasoning?: number;
}

/** `GET /api/sessions/:id`. */
export interface SessionDetailResponse {
  /** The session event (`null` when only its spans arrived and none created it). */
  session: ViewerEvent | null;
  events: ViewerEvent[];
  tokens: TokenCounts;
  /** Summed over priced model events; `null` when none is priced. */
  cost: number | null;
}

/** `GET /api/conventions`: the event fields the viewer shows, from the one table that names them. */
export interface ConventionsResponse {
  namespaces: { field: string; attribute: string }[];
  /** Whether prices are configured (cost columns shown). */
  priced: boolean;
}

/** `GET /api/revision`: changes with every write, so the viewer knows when to refresh. */
export interface RevisionResponse {
  revision: number;
}

/** A run with its result, as listed. */
export interface ViewerRun extends StoredRun {
  result: RunResult | null;
}

/** `GET /api/runs`. */
export interface RunsResponse {
  runs: ViewerRun[];
}

/** `GET /api/runs/:id`. */
export interface RunResponse {
  run: StoredRun;
  result: RunResult;
}

/** Every viewer route and the body it answers. */
export interface ViewerRoutes {
  '/api/conventions': ConventionsResponse;
  '/api/revision': RevisionResponse;
  '/api/facets': FacetsResponse;
  '/api/sessions': SessionListResponse;
  '/api/sessions/:id': SessionDetailResponse;
  '/api/runs': RunsResponse;
  '/api/runs/:id': RunResponse;
}

/**
 * The price of one model per million tokens: input and output, and where the provider charges
 * them differently, cached input (`cached_input`: tokens read from the cache), cache writes
 * (`cache_write`) and reasoning output (`reasoning`). Each of the last three defaults to the
 * input or output price.
 */
export interface ModelPrice {
  input: number;
  output: number;
  cached_input?: number;
  cache_write?: number;
  reasoning?: number;
}

/**
 * Prices per model, in one currency per million tokens: `{ "gpt-4o-mini": { "input": 0.15,
 * "output": 0.6, "cached_input": 0.075 } }`. A model name matches its own entry, else the
 * longest entry it starts with (`gpt-4o-mini-2024-07-18` takes `gpt-4o-mini`). None are built in.
 */
export type ModelPrices = Record<string, ModelPrice>;
