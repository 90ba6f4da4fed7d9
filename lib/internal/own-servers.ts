import type { Server } from 'node:http';

const servers = new WeakSet<object>();

/**
 * Marks a server as hivetrace's own (the embedded local collector): its requests are never
 * traced by HTTP tracing, which would otherwise record every export it receives as a span, and
 * export that span to it, and so on.
 */
export function markOwnServer(server: Server): void {
  servers.add(server);
}

/** Whether a server-side socket belongs to a server `markOwnServer` marked. */
export function isOwnServerSocket(socket: unknown): boolean {
  const server = (socket as { server?: object } | undefined)?.server;
  return server !== undefined && servers.has(server);
}
