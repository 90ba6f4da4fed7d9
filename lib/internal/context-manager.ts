import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { globalSlot } from './global-state';

/**
 * Installs the AsyncLocalStorage context manager once per process. If the application already
 * registered one (its own NodeSDK), that one is kept.
 */
export function installContextManager(): void {
  globalSlot('contextManager', () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    if (!context.setGlobalContextManager(manager)) manager.disable();
    return true;
  });
}
