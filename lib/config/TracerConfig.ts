import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
} from 'class-validator';
import type { CaptureOptions } from '../capture/CaptureOptions';
import type { ExperimentFields } from '../semconv/honeyhive';
import { defineRules } from './define-rules';

/** OTLP encodings the exporter can use. */
export type OtlpProtocol = 'http/json' | 'http/protobuf';

/** Compression of OTLP requests. */
export type OtlpCompression = 'gzip' | 'none';

/**
 * An online experiment the traces belong to (an A/B test): stamped on every span as
 * `honeyhive.experiment_id`, `_name`, `_variant`, `_group` and `honeyhive.experiment_metadata.*`,
 * and on the session's metadata, as the HoneyHive SDKs do.
 */
export type ExperimentTags = ExperimentFields;

/**
 * Tracer settings, one field for every option of the seed's `HoneyHiveTracer.init`, in camelCase,
 * plus hivetrace's own. Pass one as `config`; options given directly to `init` beat it.
 *
 * @example
 * const config = new TracerConfig({ apiKey: 'hh_…', project: 'support-bot', verbose: true });
 * const tracer = HoneyHiveTracer.init({ config, source: 'staging' });
 */
export class TracerConfig {
  /** HoneyHive API key (`HH_API_KEY`). Never logged or put on a span. */
  apiKey?: string | undefined;
  /** Project name (`HH_PROJECT`). Required. */
  project?: string | undefined;
  /** Environment, e.g. `production` (`HH_SOURCE`). Default `dev`. */
  source?: string | undefined;
  /** Backend base URL (`HH_API_URL` / `HH_SERVER_URL`). Default `https://api.honeyhive.ai`. */
  serverUrl?: string | undefined;
  /** Session name (`HH_SESSION_NAME`). Default: the entry script's file name. */
  sessionName?: string | undefined;
  /** Join an existing session (a UUID). */
  sessionId?: string | undefined;
  /**
   * `false` turns on HTTP client and server spans for this tracer (`HH_DISABLE_HTTP_TRACING`):
   * Node's `http`/`https` and `fetch`, each span recorded by the tracer whose traced code made the
   * call. Default `true` (off).
   */
  disableHttpTracing?: boolean | undefined;
  /** Export each span at once instead of batching (`HH_DISABLE_BATCH`). */
  disableBatch?: boolean | undefined;
  /** Log what the tracer does (`HH_VERBOSE`). */
  verbose?: boolean | undefined;
  /** Keep everything in memory; nothing goes over the network (`HH_TEST_MODE`). */
  testMode?: boolean | undefined;
  /** Session inputs. */
  inputs?: Record<string, unknown> | undefined;
  /** Evaluation mode: run/dataset/datapoint ids are stamped on every span. */
  isEvaluation?: boolean | undefined;
  /** Evaluation run id. */
  runId?: string | undefined;
  /** Evaluation dataset id. */
  datasetId?: string | undefined;
  /** Evaluation datapoint id. */
  datapointId?: string | undefined;
  /** A carrier (headers) whose trace context new spans continue, as with `tracer.link`. */
  linkCarrier?: Record<string, unknown> | undefined;
  /**
   * OTLP encoding (`HH_OTLP_PROTOCOL` / `OTEL_EXPORTER_OTLP_PROTOCOL`). Default `http/protobuf`
   * (as HoneyHive's TypeScript SDK sends; written straight from the spans, no object tree per span).
   */
  otlpProtocol?: OtlpProtocol | undefined;
  /**
   * Where spans go: a full OTLP/HTTP traces URL, e.g. an OpenTelemetry Collector's
   * `http://otel-collector:4318/v1/traces` (`HH_OTLP_ENDPOINT`, else
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`).
   * Default `{serverUrl}/opentelemetry/v1/traces`. REST calls keep using `serverUrl`.
   */
  otlpEndpoint?: string | undefined;
  /**
   * Headers added to every OTLP request, over hivetrace's own (`HH_OTLP_HEADERS`, else
   * `OTEL_EXPORTER_OTLP_TRACES_HEADERS` / `OTEL_EXPORTER_OTLP_HEADERS`: `key=value,key2=value2`,
   * values URL-encoded).
   */
  otlpHeaders?: Record<string, string> | undefined;
  /** OTLP request compression (`HH_OTLP_COMPRESSION`, else `OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION`). Default `none`. */
  otlpCompression?: OtlpCompression | undefined;
  /** The online experiment these traces belong to (`HH_EXPERIMENT_ID`, `_NAME`, `_VARIANT`, `_GROUP`, `_METADATA`). */
  experiment?: ExperimentTags | undefined;
  /** Capture limits and redaction. */
  capture?: CaptureOptions | undefined;
  /** Fraction of traces recorded, 0..1. Default 1. */
  sampleRate?: number | undefined;
  /** Timeout of REST calls (session start, enrichment) in ms. Default 5000. */
  apiTimeoutMs?: number | undefined;
  /** Timeout of one OTLP export in ms. Default 10000. */
  exportTimeoutMs?: number | undefined;
  /** A returned stream nobody consumes ends its span after this many ms. Default 60000. */
  streamTimeoutMs?: number | undefined;
  /** Session metadata sent with the session start. */
  metadata?: Record<string, unknown> | undefined;
  /** Session user properties sent with the session start. */
  userProperties?: Record<string, unknown> | undefined;
  /**
   * Ended spans held at most while waiting for export (`HH_MAX_QUEUE_SIZE`). Past it new spans
   * are dropped, counted in `stats().dropped`, warned about, and `flush()` answers false.
   * Default 32768.
   */
  maxQueueSize?: number | undefined;
  /**
   * Deliver what is pending when the process runs out of work (a bounded flush on `beforeExit`,
   * `HH_FLUSH_ON_EXIT`). Default true. `process.exit()` and signals skip `beforeExit`: see
   * `registerShutdownHooks()`.
   */
  flushOnExit?: boolean | undefined;

  /** @param values - initial values; validated when a tracer is built from them. */
  constructor(values: Partial<TracerConfig> = {}) {
    Object.assign(this, values);
  }
}

/** The names of every `TracerConfig` field. */
export const TRACER_CONFIG_FIELDS = defineRules(TracerConfig, {
  apiKey: [IsOptional(), IsString()],
  project: [IsOptional(), IsString()],
  source: [IsOptional(), IsString()],
  serverUrl: [
    IsOptional(),
    IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }),
  ],
  sessionName: [IsOptional(), IsString()],
  sessionId: [IsOptional(), IsString()],
  disableHttpTracing: [IsOptional(), IsBoolean()],
  disableBatch: [IsOptional(), IsBoolean()],
  verbose: [IsOptional(), IsBoolean()],
  testMode: [IsOptional(), IsBoolean()],
  inputs: [IsOptional(), IsObject()],
  isEvaluation: [IsOptional(), IsBoolean()],
  runId: [IsOptional(), IsString()],
  datasetId: [IsOptional(), IsString()],
  datapointId: [IsOptional(), IsString()],
  linkCarrier: [IsOptional(), IsObject()],
  otlpProtocol: [IsOptional(), IsIn(['http/json', 'http/protobuf'])],
  otlpEndpoint: [
    IsOptional(),
    IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }),
  ],
  otlpHeaders: [IsOptional(), IsObject()],
  otlpCompression: [IsOptional(), IsIn(['gzip', 'none'])],
  experiment: [IsOptional(), IsObject()],
  capture: [IsOptional(), IsObject()],
  sampleRate: [IsOptional(), IsNumber(), Min(0), Max(1)],
  apiTimeoutMs: [IsOptional(), IsInt(), Min(1)],
  exportTimeoutMs: [IsOptional(), IsInt(), Min(1)],
  streamTimeoutMs: [IsOptional(), IsInt(), Min(1)],
  metadata: [IsOptional(), IsObject()],
  userProperties: [IsOptional(), IsObject()],
  maxQueueSize: [IsOptional(), IsInt(), Min(1)],
  flushOnExit: [IsOptional(), IsBoolean()],
});
