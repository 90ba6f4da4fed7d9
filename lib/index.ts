/**
 * hivetrace: decorator-driven OpenTelemetry tracing for LLM applications, wire-compatible with
 * HoneyHive. Every public export is named here; nothing under `internal/` is.
 */
export type {
  CaptureLimits,
  CaptureOptions,
  RedactionOptions,
  ValueRuleOption,
} from './capture/CaptureOptions';
export type { SafeJson } from './capture/sanitize';
export { DEFAULT_CAPTURE_LIMITS } from './capture/CaptureOptions';
export { REDACTED } from './capture/redaction';
export type { ConfigurationIssue } from './config/ConfigurationError';
export { ConfigurationError } from './config/ConfigurationError';
export { EvaluationConfig } from './config/EvaluationConfig';
export { SessionConfig } from './config/SessionConfig';
export type { ExperimentTags, OtlpCompression, OtlpProtocol } from './config/TracerConfig';
export type { ExperimentFields } from './semconv/honeyhive';
export { TracerConfig } from './config/TracerConfig';
export type { TracerOptions } from './config/TracerOptions';
export type { UniversalDecorator } from './decorators/decorator-adapter';
export { EnrichWith } from './decorators/EnrichWith';
export type { Enricher } from './decorators/metadata';
export { getTraceMetadata, METADATA_KEYS } from './decorators/metadata';
export { Trace } from './decorators/Trace';
export { traced } from './decorators/traced';
export type {
  EnrichContext,
  InputMapper,
  OutputMapper,
  TraceDecoratorOptions,
} from './decorators/TraceDecoratorOptions';
export { enrichCurrentSpan, enrichSession, enrichSpan } from './enrichment/enrich';
export { Evaluate, getEvaluateOptions } from './evaluation/Evaluate';
export { evaluate, externalDatapointId } from './evaluation/run-experiment';
export type { ExperimentFunction } from './evaluation/run-experiment';
export type { EvaluateOptions, SummaryScore } from './evaluation/EvaluateOptions';
export type { Evaluator, EvaluatorResult } from './evaluation/evaluator';
export { evaluator } from './evaluation/evaluator';
export type { LlmJudgeOptions, SchemaLike } from './evaluation/builtin-evaluators';
export {
  contains,
  exactMatch,
  jsonParses,
  llmJudge,
  matchesRegex,
  matchesSchema,
  numericCloseness,
} from './evaluation/builtin-evaluators';
export type {
  DatapointInput,
  DatapointResult,
  ExperimentResult,
  MetricSummary,
} from './evaluation/ExperimentResult';
export { summaryTable } from './evaluation/report';
export type {
  DatapointChange,
  DatapointComparison,
  MetricComparison,
  RunComparison,
} from './evaluation/compare-runs';
export { compareRuns } from './evaluation/compare-runs-client';
export type { ExperimentDefinition } from './evaluation/define-experiment';
export { defineExperiment } from './evaluation/define-experiment';
export type { BackendOptions } from './evaluation/backend-of';
export type { MetricThreshold, Thresholds } from './evaluation/thresholds';
export type { EnrichmentNamespaces, SpanEnrichment } from './enrichment/normalize-enrichment';
export type { ModelCall, ModelMessage } from './enrichment/record-model-call';
export { recordModelCall } from './enrichment/record-model-call';
export type { SessionEnrichment } from './enrichment/SessionEnrichment';
export type { SessionFields } from './enrichment/session-types';
export { withAttributes } from './enrichment/with-attributes';
export type { Carrier } from './context/carrier';
export type { DistributedContextOptions, SpanContextEnrichment } from './propagation/distributed';
export {
  enrichSpanContext,
  extractContextFromCarrier,
  injectContextIntoCarrier,
  withDistributedTraceContext,
} from './propagation/distributed';
export { hivetraceExpress, hivetraceFastify, traceHttpHandler } from './propagation/middleware';
export type { ExpressRequestLike, FastifyLike } from './propagation/middleware';
export type { ServerMiddlewareOptions, ServerSpan } from './propagation/server-span';
export { startServerSpan } from './propagation/server-span';
export type { EventType } from './semconv/honeyhive';
export type { WaitUntil } from './serverless/flush-after';
export type { FetchHandler, FetchHandlerOptions } from './serverless/trace-fetch-handler';
export { traceFetchHandler } from './serverless/trace-fetch-handler';
export type { LambdaContextLike, LambdaHandlerOptions } from './serverless/trace-lambda-handler';
export { traceLambdaHandler } from './serverless/trace-lambda-handler';
export type { ContextAttributes } from './tracer/context-attributes';
export type { EventOptions, LinkToken, TraceOptions } from './tracer/tracer-types';
export { HoneyHiveTracer } from './tracer/HoneyHiveTracer';
export type { TracerStats } from './export/DeliveryCounters';
export type { ShutdownHookOptions } from './tracer/shutdown-hooks';
export { registerShutdownHooks } from './tracer/shutdown-hooks';
export type { SessionOptions } from './tracer/session-scope';
export type { StreamState, StreamSummary } from './tracer/StreamObserver';
export { resetTracers } from './tracer/TracerRegistry';
export { getTracer, setDefaultTracer } from './tracer/tracer-lookup';
export { VERSION } from './version';
