import type { RouteContext, Router } from './Router';

/**
 * Adds a HoneyHive REST route under both path families the clients use: the Python SDK's
 * `/v1/runs` and the TypeScript SDK's `/runs`.
 */
export function restRoute(
  router: Router,
  method: string,
  path: string,
  handler: (ctx: RouteContext) => Promise<void> | void,
): void {
  router.on(method, path, handler);
  router.on(method, `/v1${path}`, handler);
}
