/**
 * Node's modules, reached only where the runtime has them, and never by a static import: a
 * bundler for Cloudflare Workers or Vercel's Edge runtime sees no `node:` module on hivetrace's
 * import path, and a runtime without them gets `undefined` (each caller has a portable fallback).
 */

type Loader = (name: string) => unknown;

interface ProcessLike {
  getBuiltinModule?: Loader;
  env?: Record<string, string | undefined>;
  argv?: string[];
  on?: (event: string, listener: (...args: unknown[]) => void) => unknown;
}

/** The runtime's `process` (Node, Bun, Deno, Workers with `nodejs_compat`), or `undefined`. */
export function runtimeProcess(): ProcessLike | undefined {
  const p = (globalThis as { process?: ProcessLike }).process;
  return p !== null && typeof p === 'object' ? p : undefined;
}

/** The environment variables where the runtime has them, else an empty object. */
export function runtimeEnv(): Record<string, string | undefined> {
  const env = runtimeProcess()?.env;
  return env !== null && typeof env === 'object' ? env : {};
}

/** `module.require` of the CommonJS module this file was compiled into, when there is one. */
function commonJsRequire(): Loader | undefined {
  try {
    // `module` is the CommonJS module object under Node, Bun and Deno; a bundler's shim has no `require`
    const m = typeof module === 'object' && module !== null ? (module as { require?: Loader }) : undefined;
    return typeof m?.require === 'function' ? (name) => m.require!(name) : undefined;
  } catch {
    return undefined;
  }
}

/** A built-in module (`node:util`, `node:async_hooks`, …), or `undefined` where the runtime has none. */
export function nodeBuiltin<T>(name: string): T | undefined {
  try {
    const fromProcess = runtimeProcess()?.getBuiltinModule?.(name);
    if (fromProcess) return fromProcess as T;
  } catch {
    // not a module this runtime has
  }
  return nodePackage<T>(name);
}

/**
 * A package from `node_modules`, loaded at run time (OpenTelemetry's Node-only parts:
 * `@opentelemetry/context-async-hooks`, the HTTP instrumentations), or `undefined` where it
 * cannot be loaded (an edge bundle).
 */
export function nodePackage<T>(name: string): T | undefined {
  const load = commonJsRequire();
  if (!load) return undefined;
  try {
    return load(name) as T;
  } catch {
    return undefined;
  }
}
