import { context } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '../internal/logger';
import { resolveTracer } from '../tracer/resolve-tracer';
import { facadeOf, internalsOf } from '../tracer/HoneyHiveTracer';
import type { ServerMiddlewareOptions, ServerSpan } from './server-span';
import { startServerSpan } from './server-span';

function begin(
  options: ServerMiddlewareOptions,
  request: { method?: string; path?: string; headers: IncomingMessage['headers'] },
): ServerSpan | undefined {
  try {
    const core = options.tracer ? internalsOf(options.tracer) : resolveTracer();
    const tracer = core && !core.closed ? facadeOf(core) : undefined;
    return tracer ? startServerSpan(tracer, request, options) : undefined;
  } catch (err) {
    logger.error('starting a server span failed; the request runs untraced', err);
    return undefined;
  }
}

function endOn(res: ServerResponse, handle: ServerSpan, finalName?: () => string | undefined): void {
  const finish = (): void => {
    const name = finalName?.();
    if (name) handle.rename(name);
    handle.end(res.statusCode);
  };
  res.once('finish', finish);
  res.once('close', () => handle.end(res.writableFinished ? res.statusCode : undefined));
}

/** An Express request: Node's `IncomingMessage` plus the routing fields the middleware reads. */
export type ExpressRequestLike = IncomingMessage & {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
};

/**
 * Express middleware: continues the caller's trace and session (incoming `traceparent` /
 * `baggage`), runs the rest of the request in a SERVER span named `METHOD /route/:param`, and
 * ends it with the status code when the response finishes.
 *
 * @example
 * app.use(hivetraceExpress({ tracer }));
 */
export function hivetraceExpress(options: ServerMiddlewareOptions = {}) {
  return (req: ExpressRequestLike, res: ServerResponse, next: (err?: unknown) => void): void => {
    const handle = begin(options, {
      method: req.method,
      path: req.originalUrl ?? req.url,
      headers: req.headers,
    });
    if (!handle) return next();
    endOn(res, handle, () =>
      typeof req.route?.path === 'string' ? `${req.method} ${req.baseUrl ?? ''}${req.route.path}` : undefined,
    );
    context.with(handle.context, next);
  };
}

/** The parts of a Fastify instance the plugin uses. */
/** What `hivetraceFastify` uses of a Fastify instance. */
export interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (
      req: { raw: IncomingMessage; url: string; method: string; routeOptions?: { url?: string } },
      reply: unknown,
      done: () => void,
    ) => void,
  ): unknown;
  addHook(
    name: 'onResponse',
    hook: (
      req: { raw: IncomingMessage; method: string; routeOptions?: { url?: string } },
      reply: { statusCode: number },
      done: () => void,
    ) => void,
  ): unknown;
}

/**
 * Fastify plugin (registered without encapsulation): continues the caller's trace and session,
 * runs the route in a SERVER span, ends it in `onResponse` with the status code.
 *
 * @example
 * await app.register(hivetraceFastify({ tracer }));
 */
export function hivetraceFastify(options: ServerMiddlewareOptions = {}) {
  const open = new WeakMap<IncomingMessage, ServerSpan>();
  const plugin = (fastify: FastifyLike, _opts: unknown, done: () => void): void => {
    fastify.addHook('onRequest', (req, _reply, next) => {
      const handle = begin(options, { method: req.method, path: req.url, headers: req.raw.headers });
      if (!handle) return next();
      open.set(req.raw, handle);
      context.with(handle.context, next);
    });
    fastify.addHook('onResponse', (req, reply, next) => {
      const handle = open.get(req.raw);
      if (handle) {
        if (req.routeOptions?.url) handle.rename(`${req.method} ${req.routeOptions.url}`);
        handle.end(reply.statusCode);
        open.delete(req.raw);
      }
      next();
    });
    done();
  };
  // like fastify-plugin: hooks apply to the whole app, not an encapsulated child
  (plugin as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;
  (plugin as unknown as Record<symbol, unknown>)[Symbol.for('fastify.display-name')] = 'hivetrace';
  return plugin;
}

/**
 * Wraps a plain `http` request handler: continues the caller's trace and session and runs the
 * handler in a SERVER span that ends with the response.
 *
 * @example
 * http.createServer(traceHttpHandler((req, res) => res.end('ok'), { tracer }));
 */
export function traceHttpHandler<R>(
  handler: (req: IncomingMessage, res: ServerResponse) => R,
  options: ServerMiddlewareOptions = {},
): (req: IncomingMessage, res: ServerResponse) => R {
  return (req, res) => {
    const handle = begin(options, { method: req.method, path: req.url, headers: req.headers });
    if (!handle) return handler(req, res);
    endOn(res, handle);
    return context.with(handle.context, handler, undefined, req, res);
  };
}
