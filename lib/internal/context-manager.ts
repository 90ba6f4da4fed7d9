import type { ContextManager } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { globalSlot } from './global-state';
import { nodeBuiltin, nodePackage } from './node-builtin';
import type { AsyncLocalStorageClass } from './portable-context';
import { AsyncLocalStorageManager, SyncContextManager } from './portable-context';

/** How the active context travels on this runtime. */
export type ContextPropagation = 'async-hooks' | 'async-local-storage' | 'sync-only';

let propagation: ContextPropagation | undefined;

/**
 * The best context manager the runtime allows: OpenTelemetry's `AsyncLocalStorage` manager under
 * Node, Bun and Deno; a plain `AsyncLocalStorage` one where only the class is there (Vercel's
 * Edge runtime, Workers with `nodejs_compat`, a bundle); else one that holds context for
 * synchronous code only.
 */
function createContextManager(): ContextManager {
  const otel = nodePackage<{ AsyncLocalStorageContextManager: new () => ContextManager }>(
    '@opentelemetry/context-async-hooks',
  );
  if (otel?.AsyncLocalStorageContextManager) {
    propagation = 'async-hooks';
    return new otel.AsyncLocalStorageContextManager();
  }
  const Als =
    (globalThis as { AsyncLocalStorage?: AsyncLocalStorageClass }).AsyncLocalStorage ??
    nodeBuiltin<{ AsyncLocalStorage?: AsyncLocalStorageClass }>('node:async_hooks')?.AsyncLocalStorage;
  if (Als) {
    propagation = 'async-local-storage';
    return new AsyncLocalStorageManager(Als);
  }
  propagation = 'sync-only';
  return new SyncContextManager();
}

/**
 * Installs the context manager once per process. If the application already registered one (its
 * own NodeSDK), that one is kept.
 */
export function installContextManager(): void {
  globalSlot('contextManager', () => {
    const manager = createContextManager().enable();
    if (!context.setGlobalContextManager(manager)) manager.disable();
    return true;
  });
}

/** How context travels here (`sync-only` where the runtime has no `AsyncLocalStorage`); for diagnostics and docs. */
export function contextPropagation(): ContextPropagation | undefined {
  return propagation;
}
