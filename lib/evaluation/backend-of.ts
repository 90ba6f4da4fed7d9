import type { TracerOptions } from '../config/TracerOptions';
import { findTracer } from '../tracer/TracerRegistry';

/** The backend settings an experiment call may be given. */
export interface BackendOptions {
  apiKey?: string | undefined;
  project?: string | undefined;
  serverUrl?: string | undefined;
  testMode?: boolean | undefined;
}

/**
 * Where the experiment goes: the options given, else the initialised (default) tracer's project,
 * key, server and test mode, so experiments land beside the app's traces; `HH_*` after that.
 */
export function backendOf(
  options: BackendOptions,
): Pick<TracerOptions, 'apiKey' | 'project' | 'serverUrl' | 'testMode'> {
  const base = findTracer()?.settings;
  return {
    apiKey: options.apiKey ?? base?.apiKey,
    project: options.project ?? base?.project,
    serverUrl: options.serverUrl ?? base?.serverUrl,
    testMode: options.testMode ?? base?.testMode,
  };
}
