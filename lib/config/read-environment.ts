import { logger } from '../internal/logger';
import type { OtlpProtocol, TracerConfig } from './TracerConfig';

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

/**
 * Reads the `HH_*` variables. Called at init, never at import, so a test or a process that sets
 * the environment late is honoured. Unparsable values warn and are ignored.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentSettings {
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
    otlpProtocol: readProtocol(env, 'HH_OTLP_PROTOCOL') ?? readProtocol(env, 'OTEL_EXPORTER_OTLP_PROTOCOL'),
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
