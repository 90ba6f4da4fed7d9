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
