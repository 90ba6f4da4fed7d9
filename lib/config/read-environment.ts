import { runtimeEnv } from '../internal/node-builtin';
import { logger } from '../internal/logger';
import type { ExperimentTags, OtlpCompression, OtlpProtocol, TracerConfig } from './TracerConfig';

/** The subset of settings that the `HH_*` environment can provide. */
export type EnvironmentSettings = Pick<
  TracerConfig,
  | 'apiKey'
  | 'project'
  | 'source'
  | 'sessionName'
  | 'serverUrl'
  | 'testMode'
  | 'verbose'
  | 'disableBatch'
  | 'disableHttpTracing'
  | 'otlpProtocol'
  | 'otlpEndpoint'
  | 'otlpHeaders'
  | 'otlpCompression'
  | 'experiment'
  | 'apiTimeoutMs'
  | 'exportTimeoutMs'
  | 'maxQueueSize'
  | 'flushOnExit'
>;

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off', '']);

function readBoolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  logger.warn(`${name}=${JSON.stringify(raw)} is not a boolean (true/false); using the default`);
  return undefined;
}

function readString(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function readProtocol(env: NodeJS.ProcessEnv, name: string): OtlpProtocol | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase();
  if (v === 'http/json' || v === 'json') return 'http/json';
  if (v === 'http/protobuf' || v === 'protobuf') return 'http/protobuf';
  logger.warn(
    `${name}=${JSON.stringify(raw)} is not supported (http/json or http/protobuf); using the default`,
  );
  return undefined;
}

function readSeconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isFinite(n) && n > 0) return Math.round(n * 1000);
  logger.warn(`${name}=${JSON.stringify(raw)} is not a positive number of seconds; using the default`);
  return undefined;
}

function readPositiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  logger.warn(`${name}=${JSON.stringify(raw)} is not a positive whole number; using the default`);
  return undefined;
}

function readUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') return raw;
  } catch {
    // falls through to the warning
  }
  logger.warn(`${name}=${JSON.stringify(raw)} is not an http(s) URL; using the default`);
  return undefined;
}

/** OTLP headers in the OpenTelemetry format: `key=value,key2=value2`, values URL-encoded. */
function readHeaders(env: NodeJS.ProcessEnv, name: string): Record<string, string> | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!key) {
      logger.warn(`${name} has an entry that is not key=value; it is ignored`);
      continue;
    }
    let value = pair.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as written
    }
    out[key] = value;
  }
  return out;
}

function readCompression(env: NodeJS.ProcessEnv, name: string): OtlpCompression | undefined {
  const raw = readString(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (raw === 'gzip' || raw === 'none') return raw;
  logger.warn(`${name}=${JSON.stringify(raw)} is not supported (gzip or none); using the default`);
  return undefined;
}

/** `OTEL_EXPORTER_OTLP_ENDPOINT` is a base URL: the traces signal adds `/v1/traces`. */
function readBaseEndpoint(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const base = readUrl(env, name);
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * One OTLP setting: `HH_OTLP_<NAME>`, else `OTEL_EXPORTER_OTLP_TRACES_<NAME>`, else
 * `OTEL_EXPORTER_OTLP_<NAME>` (read with `general`: the general endpoint is a base URL).
 */
function otlpSetting<T>(
  env: NodeJS.ProcessEnv,
  name: string,
  read: (env: NodeJS.ProcessEnv, variable: string) => T | undefined,
  general: (env: NodeJS.ProcessEnv, variable: string) => T | undefined = read,
): T | undefined {
  return (
    read(env, `HH_OTLP_${name}`) ??
    read(env, `OTEL_EXPORTER_OTLP_TRACES_${name}`) ??
    general(env, `OTEL_EXPORTER_OTLP_${name}`)
  );
}

/** `HH_EXPERIMENT_*`, as the HoneyHive Python SDK reads them (metadata as JSON). */
function readExperiment(env: NodeJS.ProcessEnv): ExperimentTags | undefined {
  const tags: ExperimentTags = {};
  const id = readString(env, 'HH_EXPERIMENT_ID');
  const name = readString(env, 'HH_EXPERIMENT_NAME');
  const variant = readString(env, 'HH_EXPERIMENT_VARIANT');
  const group = readString(env, 'HH_EXPERIMENT_GROUP');
  if (id) tags.id = id;
  if (name) tags.name = name;
  if (variant) tags.variant = variant;
  if (group) tags.group = group;
  const metadata = readString(env, 'HH_EXPERIMENT_METADATA');
  if (metadata) {
    try {
      const parsed = JSON.parse(metadata) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        tags.metadata = parsed as Record<string, unknown>;
      else throw new Error('not an object');
    } catch {
      logger.warn('HH_EXPERIMENT_METADATA is not a JSON object; it is ignored');
    }
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/**
 * Reads the `HH_*` variables. Called at init, never at import, so a test or a process that sets
 * the environment late is honoured. Unparsable values warn and are ignored.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = runtimeEnv()): EnvironmentSettings {
  const out: EnvironmentSettings = {
    apiKey: readString(env, 'HH_API_KEY'),
    project: readString(env, 'HH_PROJECT'),
    source: readString(env, 'HH_SOURCE'),
    sessionName: readString(env, 'HH_SESSION_NAME'),
    serverUrl: readUrl(env, 'HH_API_URL') ?? readUrl(env, 'HH_SERVER_URL'),
    testMode: readBoolean(env, 'HH_TEST_MODE'),
    verbose: readBoolean(env, 'HH_VERBOSE'),
    disableBatch: readBoolean(env, 'HH_DISABLE_BATCH'),
    disableHttpTracing: readBoolean(env, 'HH_DISABLE_HTTP_TRACING'),
    // hivetrace's own variables beat OpenTelemetry's standard ones, the signal-specific before the general
    otlpProtocol: otlpSetting(env, 'PROTOCOL', readProtocol),
    otlpEndpoint: otlpSetting(env, 'ENDPOINT', readUrl, readBaseEndpoint),
    otlpHeaders: otlpSetting(env, 'HEADERS', readHeaders),
    otlpCompression: otlpSetting(env, 'COMPRESSION', readCompression),
    experiment: readExperiment(env),
    apiTimeoutMs: readSeconds(env, 'HH_API_TIMEOUT'),
    exportTimeoutMs: readSeconds(env, 'HH_EXPORT_TIMEOUT_SECONDS'),
    maxQueueSize: readPositiveInt(env, 'HH_MAX_QUEUE_SIZE'),
    flushOnExit: readBoolean(env, 'HH_FLUSH_ON_EXIT'),
  };
  for (const k of Object.keys(out) as (keyof EnvironmentSettings)[]) {
    if (out[k] === undefined) delete out[k];
  }
  return out;
}
