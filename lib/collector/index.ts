/** `hivetrace/collector`: the local HoneyHive-compatible backend and viewer. */
export type { CollectorEvent } from './CollectorEvent';
export type { Collector, CollectorOptions } from './start-collector';
export { startCollector } from './start-collector';
export type { EventPatch } from './EventStore';
export { EventStore } from './EventStore';
export type { Datapoint, MetricAggregate } from './RunStore';
export { RunStore } from './RunStore';
export type { RunResult, RunResultDatapoint, SessionSummary, StoredDataset, StoredRun } from './store-types';
export type { ExportFilter, ExportQuery } from './export-query';
export { MissingDependencyError } from './load-optional';
export { spanToEvent, spanEventId } from './span-to-event';
export type { OtlpSpan } from './otlp-span';
export type { OtlpScope, OtlpSpanEvent, OtlpSpanLink } from './otlp-span';
export { traceSessionId } from './span-to-event';
export type { DatapointMapping, LoadedDataset } from './RunStore';
export { SCHEMA_VERSION, SchemaVersionError } from './database';
export type { MappedAttributes } from '../semconv/map-attributes';
export { CONVENTIONS, mapAttributes } from '../semconv/map-attributes';
export type { Convention, ConventionRule, MappedField, MappedScalar } from '../semconv/convention-types';
export { NAMESPACE_TABLE } from '../semconv/honeyhive';
export type { EventField, NamespaceRow } from '../semconv/honeyhive';
export type { StorageEngine } from './database';
export type { SqlDatabase, SqlDriver, SqlStatement } from './sql/SqlDatabase';
export { DatabaseInUseError } from './sql/writer-lock';
export type {
  ConventionsResponse,
  FacetsResponse,
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
} from './viewer-api';
export { SESSION_SORT_KEYS } from './viewer-api';
