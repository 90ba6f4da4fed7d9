import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpStatusError } from './http-utils';

/** What a route handler gets. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

type Handler = (ctx: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** A small method + path router (`/v1/runs/:id/result`). */
export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route. */
  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:(\w+)/g, (_m, k: string) => (keys.push(k), '([^/]+)'))}/?$`,
    );
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  /** Finds the handler of a request; `undefined` for 404, `'method'` for 405. */
  match(
    method: string,
    pathname: string,
  ): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      for (const [i, k] of r.keys.entries()) {
        try {
          params[k] = decodeURIComponent(m[i + 1]!);
        } catch {
          throw new HttpStatusError(400, `malformed percent-encoding in ${pathname.slice(0, 200)}`);
        }
      }
      return { handler: r.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}
