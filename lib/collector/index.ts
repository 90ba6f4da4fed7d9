/** `hivetrace/collector`: the local HoneyHive-compatible backend and viewer. */
export type { CollectorEvent } from './store/CollectorEvent';
export type { Collector, CollectorOptions } from './start-collector';
export { startCollector } from './start-collector';
export type { PruneResult } from './store/prune-sessions';
export type { EventPatch } from './store/EventStore';
export { EventStore } from './store/EventStore';
export type { Datapoint, MetricAggregate } from './store/RunStore';
export { RunStore } from './store/RunStore';
export type {
  RunResult,
  RunResultDatapoint,
  SessionSummary,
  StoredDataset,
  StoredRun,
} from './store/store-types';
export type { ExportFilter, ExportQuery } from './store/export-query';
export { MissingDependencyError } from './store/load-optional';
export { spanToEvent, spanEventId } from './ingest/span-to-event';
export type { OtlpSpan } from './ingest/otlp-span';
export type { OtlpScope, OtlpSpanEvent, OtlpSpanLink } from './ingest/otlp-span';
export { traceSessionId } from './ingest/span-to-event';
export type { DatapointMapping, LoadedDataset } from './store/RunStore';
export { SCHEMA_VERSION, SchemaVersionError } from './store/database';
export type { MappedAttributes } from '../semconv/map-attributes';
export { CONVENTIONS, mapAttributes } from '../semconv/map-attributes';
export type { Convention, ConventionRule, MappedField, MappedScalar } from '../semconv/convention-types';
export { NAMESPACE_TABLE } from '../semconv/honeyhive';
export type { EventField, NamespaceRow } from '../semconv/honeyhive';
export type { StorageEngine } from './store/database';
export type { SqlDatabase, SqlDialect, SqlDriver, SqlStatement } from './store/sql/SqlDatabase';
export { DatabaseInUseError } from './store/sql/writer-lock';
export type {
  ConventionsResponse,
  FacetsResponse,
  ModelPrice,
  ModelPrices,
  RevisionResponse,
  RunResponse,
  RunsResponse,
  SessionDetailResponse,
  SessionListQuery,
  SessionListResponse,
  SessionSortKey,
  TokenCounts,
  ViewerEvent,
  ViewerLink,
  ViewerRoutes,
  ViewerRun,
} from './viewer/viewer-api';
export { SESSION_SORT_KEYS } from './viewer/viewer-api';
