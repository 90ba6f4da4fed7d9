import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger } from '../../internal/logger';
import { markOwnServer } from '../../internal/own-servers';
import { statusOf } from './error-status';
import { HttpStatusError, sendJson } from './http-utils';
import type { Router } from './Router';
import type { ViewerAuth } from './viewer-auth';

/**
 * What anyone may reach on a collector with an API key: liveness and readiness (for load
 * balancers), the sign-in page and its stylesheet.
 */
const OPEN_PATHS = new Set(['/health', '/ready', '/login', '/viewer/style.css']);

/** How much a collector's HTTP server takes on. */
export interface ServerLimits {
  /** Largest accepted request body in bytes. */
  readonly limit: number;
  /** A request must arrive whole within this time, or its connection is closed. */
  readonly requestTimeoutMs: number;
  /** Request bodies held at once, in bytes: past it, large requests are answered 503. */
  readonly bodyBytesInFlight: number;
}

/**
 * The collector's HTTP server: admission (a budget of request bodies in flight, answered 503 with
 * `Retry-After` past it), the API key, routing, and errors answered with the status their type
 * maps to. `close()` stops accepting and waits for the requests in flight.
 */
export class CollectorServer {
  private readonly server: http.Server;
  private inFlight = 0;
  private bodyBytes = 0;
  private drained: (() => void) | undefined;

  constructor(
    private readonly router: Router,
    private readonly auth: ViewerAuth | undefined,
    private readonly limits: ServerLimits,
  ) {
    const requestTimeout = limits.requestTimeoutMs;
    // slow-body (and slow-header) connections are closed once the request timeout passes
    this.server = http.createServer(
      {
        requestTimeout,
        headersTimeout: Math.min(requestTimeout, 10_000),
        connectionsCheckingInterval: Math.min(1000, requestTimeout),
      },
      (req, res) => this.admit(req, res),
    );
    this.server.keepAliveTimeout = 5000;
    markOwnServer(this.server);
  }

  /** Listens; resolves with the base URL (`0.0.0.0` is reached as 127.0.0.1). */
  async listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const addr = this.server.address() as AddressInfo;
    const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${addr.port}`;
  }

  /** Stops accepting, then resolves once every request in flight has been answered. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
    if (this.inFlight > 0) await new Promise<void>((r) => (this.drained = r));
  }

  private admit(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.inFlight++;
    const size = Number(req.headers['content-length'] ?? 0) || 0;
    this.bodyBytes += size;
    res.on('close', () => {
      this.inFlight--;
      this.bodyBytes -= size;
      if (this.inFlight === 0) this.drained?.();
    });
    const { limit, bodyBytesInFlight } = this.limits;
    if (size > 0 && this.bodyBytes > bodyBytesInFlight && this.bodyBytes > size && size <= limit) {
      res.setHeader('retry-after', '1');
      res.setHeader('connection', 'close');
      sendJson(res, 503, { error: 'the collector is busy with large requests: retry' });
      req.resume();
      return;
    }
    void this.handle(req, res);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://collector');
      // with a key, everything but liveness and sign-in needs it, unknown routes included
      if (this.auth && !OPEN_PATHS.has(url.pathname) && !this.auth.allows(req)) {
        if (req.method === 'GET' && url.pathname === '/') {
          res.writeHead(303, { location: '/login', 'content-length': 0 });
          res.end();
          return;
        }
        throw new HttpStatusError(401, 'missing or wrong API key');
      }
      const route = this.router.match(req.method ?? 'GET', url.pathname);
      if (route === undefined) throw new HttpStatusError(404, `no route ${req.method} ${url.pathname}`);
      if (route === 'method')
        throw new HttpStatusError(405, `${req.method} is not allowed on ${url.pathname}`);
      await route.handler({ req, res, params: route.params, query: url.searchParams });
    } catch (err) {
      const status = statusOf(err);
      if (status >= 500) logger.error(`collector: ${req.method} ${req.url} failed`, err);
      if (!res.headersSent) {
        if (status === 413) res.setHeader('connection', 'close');
        sendJson(res, status, { error: (err as Error)?.message ?? 'error' });
      } else res.destroy();
    }
  }
}
