import { runtimeEnv, runtimeProcess } from '../internal/node-builtin';
import { validateSync } from 'class-validator';
import type { CaptureLimits, CaptureOptions, RedactionOptions } from '../capture/CaptureOptions';
import { DEFAULT_CAPTURE_LIMITS } from '../capture/CaptureOptions';
import { logger } from '../internal/logger';
import type { ConfigurationIssue } from './ConfigurationError';
import {
  CAPTURE_FIELDS,
  CAPTURE_LIMIT_FIELDS,
  CaptureConfig,
  CaptureLimitsConfig,
  REDACTION_FIELDS,
  RedactionConfig,
} from './CaptureConfig';
import { ConfigurationError } from './ConfigurationError';
import { EVALUATION_CONFIG_FIELDS, EvaluationConfig } from './EvaluationConfig';
import { readEnvironment } from './read-environment';
import { SESSION_CONFIG_FIELDS, SessionConfig } from './SessionConfig';
import { OTLP_TRACES_PATH } from '../semconv/honeyhive';
import type { ExperimentTags, OtlpCompression, OtlpProtocol } from './TracerConfig';
import { TRACER_CONFIG_FIELDS, TracerConfig } from './TracerConfig';
import type { TracerOptions } from './TracerOptions';
import { warnUnknownKeys } from './unknown-keys';

/** Every setting of a tracer after precedence, validation and defaults. */
export interface ResolvedConfig {
  readonly apiKey: string | undefined;
  readonly project: string;
  readonly source: string;
  readonly serverUrl: string;
  readonly sessionName: string;
  readonly sessionId: string | undefined;
  readonly disableHttpTracing: boolean;
  readonly disableBatch: boolean;
  readonly verbose: boolean;
  readonly testMode: boolean;
  readonly inputs: Record<string, unknown> | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  readonly userProperties: Record<string, unknown> | undefined;
  readonly isEvaluation: boolean;
  readonly runId: string | undefined;
  readonly datasetId: string | undefined;
  readonly datapointId: string | undefined;
  readonly linkCarrier: Record<string, unknown> | undefined;
  readonly otlpProtocol: OtlpProtocol;
  /** The full OTLP traces URL spans are sent to. */
  readonly otlpEndpoint: string;
  readonly otlpHeaders: Readonly<Record<string, string>>;
  readonly otlpCompression: OtlpCompression;
  /** The online experiment stamped on spans and the session, if any. */
  readonly experiment: Readonly<ExperimentTags> | undefined;
  readonly limits: Readonly<CaptureLimits>;
  readonly redaction: Readonly<RedactionOptions>;
  readonly captureInputs: boolean;
  readonly captureOutputs: boolean;
  readonly invokeGetters: boolean;
  readonly sampleRate: number;
  readonly apiTimeoutMs: number;
  readonly exportTimeoutMs: number;
  readonly streamTimeoutMs: number;
  readonly skipSessionStart: boolean;
  readonly maxQueueSize: number;
  readonly flushOnExit: boolean;
  /** Whether an incoming baggage key is copied onto spans (`baggageAttributes`). */
  readonly baggageAllowed: (key: string) => boolean;
}

/** The values used when neither code nor environment sets them. */
export const DEFAULTS = Object.freeze({
  source: 'dev',
  serverUrl: 'https://api.honeyhive.ai',
  disableHttpTracing: true,
  disableBatch: false,
  verbose: false,
  testMode: false,
  isEvaluation: false,
  otlpProtocol: 'http/protobuf',
  sampleRate: 1,
  apiTimeoutMs: 5000,
  exportTimeoutMs: 10000,
  streamTimeoutMs: 60000,
  maxQueueSize: 32_768,
  flushOnExit: true,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a UUID string in canonical 8-4-4-4-12 form. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function pickDefined(source: object | undefined, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!source || typeof source !== 'object') return out;
  for (const k of keys) {
    const v = (source as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * The session name when none is given: the script's name (`main` for `node dist/main.js`), as the
 * Python SDK names it; where there is no script (Workers, edge functions), the project.
 */
function defaultSessionName(project: string): string {
  const entry = runtimeProcess()?.argv?.[1];
  const base = entry
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.[^.]*$/, '');
  return base || project;
}

/** Every key `init` takes. */
const INIT_OPTION_NAMES: readonly string[] = [
  ...TRACER_CONFIG_FIELDS,
  'config',
  'sessionConfig',
  'evaluationConfig',
  'skipSessionStart',
  'exporter',
  'spanProcessors',
  'baggageAttributes',
  'redaction',
] satisfies readonly (keyof TracerOptions)[];

/** `o` without its undefined values, so `{ maxStringLength: undefined }` keeps the default. */
function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return pickDefined(o, o ? Object.keys(o) : []) as Partial<T>;
}

/** Issues of the nested `capture` options, named by their path (`capture.limits.maxDepth`). */
function captureIssues(capture: CaptureOptions): ConfigurationIssue[] {
  const issues = issuesOf(
    Object.assign(new CaptureConfig(), pickDefined(capture, CAPTURE_FIELDS)),
    'capture.',
  );
  const { limits, redaction } = capture;
  if (limits && typeof limits === 'object')
    issues.push(
      ...issuesOf(
        Object.assign(new CaptureLimitsConfig(), pickDefined(limits, CAPTURE_LIMIT_FIELDS)),
        'capture.limits.',
      ),
    );
  if (redaction && typeof redaction === 'object')
    issues.push(
      ...issuesOf(
        Object.assign(new RedactionConfig(), pickDefined(redaction, REDACTION_FIELDS)),
        'capture.redaction.',
      ),
    );
  return issues;
}

function issuesOf(instance: object, prefix = ''): ConfigurationIssue[] {
  return validateSync(instance, { forbidUnknownValues: false }).map((e) => ({
    field: prefix + e.property,
    reason: Object.values(e.constraints ?? { invalid: 'is invalid' }).join(', '),
  }));
}

/**
 * The API key as it can go into an `Authorization` header: surrounding whitespace (a key read
 * from a file ends in a newline) is trimmed with a warning; any other character that cannot be
 * sent in a header is an issue. The key itself is never printed.
 */
function checkApiKey(key: unknown, issues: ConfigurationIssue[]): string | undefined {
  if (typeof key !== 'string') return undefined;
  const trimmed = key.trim();
  if (trimmed !== key && trimmed !== '')
    logger.warn('apiKey has whitespace around it (a trailing newline?); it was trimmed');
  if (/[^\x21-\x7e]/.test(trimmed))
    issues.push({
      field: 'apiKey',
      reason: 'contains characters that cannot be sent in an HTTP header (only visible ASCII is allowed)',
    });
  return trimmed;
}

/** The top-level `redaction` option over `capture.redaction`: rules added, disabled names joined. */
function mergeRedaction(base: RedactionOptions, extra: TracerOptions['redaction']): RedactionOptions {
  if (!extra || typeof extra !== 'object') return base;
  return {
    ...base,
    keys: [...(base.keys ?? []), ...(extra.keys ?? [])],
    values: [...(base.values ?? []), ...(extra.values ?? [])],
    disable: [...(base.disable ?? []), ...(extra.disable ?? [])],
  };
}

const NO_BAGGAGE = (): boolean => false;

function resolveBaggageAllowlist(
  value: TracerOptions['baggageAttributes'],
  issues: ConfigurationIssue[],
): (key: string) => boolean {
  if (value === undefined) return NO_BAGGAGE;
  if (typeof value === 'function')
    return (key) => {
      try {
        return value(key) === true;
      } catch {
        return false; // a throwing predicate allows nothing
      }
    };
  if (Array.isArray(value) && value.every((k) => typeof k === 'string')) {
    const allowed = new Set(value);
    return (key) => allowed.has(key);
  }
  issues.push({
    field: 'baggageAttributes',
    reason: 'must be an array of keys or a function (key) => boolean',
  });
  return NO_BAGGAGE;
}

function resolveRedaction(value: boolean | RedactionOptions | undefined): RedactionOptions {
  if (value === false) return { enabled: false };
  if (value === true || value === undefined) return { enabled: true };
  return { ...value, enabled: value.enabled !== false };
}

/**
 * Applies precedence (explicit > config object > environment > default), validates everything
 * and returns the settings a tracer runs with.
 *
 * @throws ConfigurationError naming every invalid field.
 */
export function resolveConfig(
  options: TracerOptions = {},
  env: NodeJS.ProcessEnv = runtimeEnv(),
): ResolvedConfig {
  const issues: ConfigurationIssue[] = [];
  warnUnknownKeys('init option', options, INIT_OPTION_NAMES);
  checkObjectOptions(options, issues);
  const baggageAllowed = resolveBaggageAllowlist(options.baggageAttributes, issues);
  const { merged, explicit } = mergeSources(options, env);
  issues.push(...issuesOf(Object.assign(new TracerConfig(), pickDefined(explicit, TRACER_CONFIG_FIELDS))));
  const testMode = merged.testMode === true;
  const apiKey = checkRequired(merged, testMode, issues);
  const sessionId = checkSessionId(merged.sessionId, testMode, issues);
  const capture = merged.capture ?? {};
  if (merged.capture !== undefined && merged.capture !== null && typeof merged.capture === 'object')
    issues.push(...captureIssues(capture));
  if (issues.length > 0) {
    // one issue per field: the first found is the most specific ("must be a string" before "is required")
    const seen = new Set<string>();
    throw new ConfigurationError(issues.filter((i) => !seen.has(i.field) && seen.add(i.field)));
  }
  return settingsFrom(merged, {
    apiKey,
    sessionId,
    testMode,
    capture,
    baggageAllowed,
    redaction: options.redaction,
  });
}

type MergedConfig = TracerConfig & { skipSessionStart?: boolean };

/** The config objects, the exporter, span processors and redaction, each checked. */
function checkObjectOptions(options: TracerOptions, issues: ConfigurationIssue[]): void {
  for (const [name, obj, cls] of [
    ['config', options.config, TracerConfig],
    ['sessionConfig', options.sessionConfig, SessionConfig],
    ['evaluationConfig', options.evaluationConfig, EvaluationConfig],
  ] as const) {
    if (obj === undefined) continue;
    if (obj === null || typeof obj !== 'object') {
      issues.push({ field: name, reason: 'must be an object' });
      continue;
    }
    const inst = obj instanceof cls ? obj : Object.assign(new (cls as new () => object)(), obj);
    issues.push(...issuesOf(inst, `${name}.`));
  }
  if (options.exporter !== undefined && typeof options.exporter?.export !== 'function')
    issues.push({ field: 'exporter', reason: 'must be a SpanExporter (an object with export())' });
  if (
    options.spanProcessors !== undefined &&
    (!Array.isArray(options.spanProcessors) ||
      options.spanProcessors.some((p) => typeof p?.onEnd !== 'function'))
  )
    issues.push({ field: 'spanProcessors', reason: 'must be an array of SpanProcessors' });
  if (options.redaction !== undefined)
    issues.push(
      ...(options.redaction === null || typeof options.redaction !== 'object'
        ? [{ field: 'redaction', reason: 'must be an object { keys?, values?, disable? }' }]
        : issuesOf(
            Object.assign(
              new RedactionConfig(),
              pickDefined(options.redaction, ['keys', 'values', 'disable']),
            ),
            'redaction.',
          )),
    );
}

/** Explicit options over the config objects over the environment. */
function mergeSources(
  options: TracerOptions,
  env: NodeJS.ProcessEnv,
): { merged: MergedConfig; explicit: Record<string, unknown> } {
  const fromConfig = {
    ...pickDefined(options.config, TRACER_CONFIG_FIELDS),
    ...pickDefined(options.sessionConfig, SESSION_CONFIG_FIELDS),
    ...pickDefined(options.evaluationConfig, EVALUATION_CONFIG_FIELDS),
  };
  const explicit = pickDefined(options, [...TRACER_CONFIG_FIELDS, 'skipSessionStart']);
  const merged = { ...readEnvironment(env), ...fromConfig, ...explicit } as MergedConfig;
  return { merged, explicit };
}

/** The project and, outside test mode, the API key are required; answers the checked key. */
function checkRequired(merged: MergedConfig, testMode: boolean, issues: ConfigurationIssue[]) {
  if (typeof merged.project !== 'string' || merged.project.trim() === '') {
    issues.push({ field: 'project', reason: 'is required (pass project or set HH_PROJECT)' });
  }
  const apiKey = checkApiKey(merged.apiKey, issues);
  // the local collector on this machine takes no key (unless it was started with --api-key)
  const keyless = testMode || onThisMachine(merged.serverUrl);
  if (!keyless && (typeof merged.apiKey !== 'string' || merged.apiKey.trim() === '')) {
    issues.push({
      field: 'apiKey',
      reason:
        'is required outside test mode, except for a collector on this machine (pass apiKey or set HH_API_KEY)',
    });
  }
  return apiKey;
}

/** True when `url` is a server on this machine (loopback), as `hivetrace serve` is by default. */
function onThisMachine(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** A session id must be a UUID; test mode replaces a bad one (with a warning) instead of refusing it. */
function checkSessionId(
  sessionId: string | undefined,
  testMode: boolean,
  issues: ConfigurationIssue[],
): string | undefined {
  if (sessionId === undefined || isUuid(sessionId)) return sessionId;
  if (testMode) {
    logger.warn(
      `sessionId ${JSON.stringify(String(sessionId))} is not a UUID; test mode replaces it with a new one`,
    );
    return undefined;
  }
  issues.push({ field: 'sessionId', reason: 'must be a UUID' });
  return sessionId;
}

/** What was checked separately, for `settingsFrom`. */
interface Checked {
  apiKey: ResolvedConfig['apiKey'];
  sessionId: string | undefined;
  testMode: boolean;
  capture: CaptureOptions;
  baggageAllowed: ResolvedConfig['baggageAllowed'];
  redaction: TracerOptions['redaction'];
}

/** The frozen settings, defaults filled in. */
function settingsFrom(merged: MergedConfig, c: Checked): ResolvedConfig {
  const serverUrl = (merged.serverUrl ?? DEFAULTS.serverUrl).replace(/\/+$/, '');
  return Object.freeze({
    apiKey: c.apiKey,
    project: merged.project as string,
    source: merged.source ?? DEFAULTS.source,
    serverUrl,
    sessionName: merged.sessionName ?? defaultSessionName(merged.project as string),
    sessionId: c.sessionId,
    disableHttpTracing: merged.disableHttpTracing ?? DEFAULTS.disableHttpTracing,
    disableBatch: merged.disableBatch ?? DEFAULTS.disableBatch,
    verbose: merged.verbose ?? DEFAULTS.verbose,
    testMode: c.testMode,
    inputs: merged.inputs,
    metadata: merged.metadata,
    userProperties: merged.userProperties,
    isEvaluation: merged.isEvaluation ?? DEFAULTS.isEvaluation,
    runId: merged.runId,
    datasetId: merged.datasetId,
    datapointId: merged.datapointId,
    linkCarrier: merged.linkCarrier,
    otlpProtocol: merged.otlpProtocol ?? DEFAULTS.otlpProtocol,
    otlpEndpoint: merged.otlpEndpoint ?? `${serverUrl}${OTLP_TRACES_PATH}`,
    otlpHeaders: Object.freeze({ ...merged.otlpHeaders }),
    otlpCompression: merged.otlpCompression ?? 'none',
    experiment: merged.experiment ? Object.freeze({ ...merged.experiment }) : undefined,
    limits: Object.freeze({ ...DEFAULT_CAPTURE_LIMITS, ...definedOnly(c.capture.limits) }),
    redaction: Object.freeze(mergeRedaction(resolveRedaction(c.capture.redaction), c.redaction)),
    captureInputs: c.capture.captureInputs !== false,
    captureOutputs: c.capture.captureOutputs !== false,
    invokeGetters: c.capture.invokeGetters === true,
    sampleRate: merged.sampleRate ?? DEFAULTS.sampleRate,
    apiTimeoutMs: merged.apiTimeoutMs ?? DEFAULTS.apiTimeoutMs,
    exportTimeoutMs: merged.exportTimeoutMs ?? DEFAULTS.exportTimeoutMs,
    streamTimeoutMs: merged.streamTimeoutMs ?? DEFAULTS.streamTimeoutMs,
    skipSessionStart: merged.skipSessionStart === true,
    maxQueueSize: merged.maxQueueSize ?? DEFAULTS.maxQueueSize,
    flushOnExit: merged.flushOnExit ?? DEFAULTS.flushOnExit,
    baggageAllowed: c.baggageAllowed,
  });
}
