import { context } from '@opentelemetry/api';
import { logger } from '../internal/logger';
import { extractContextFromCarrier } from '../propagation/distributed';
import type { ServerSpan } from '../propagation/server-span';
import { startServerSpan } from '../propagation/server-span';
import type { EventType } from '../semconv/honeyhive';
import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import { facadeOf, internalsOf } from '../tracer/HoneyHiveTracer';
import { recordError } from '../tracer/record-error';
import { resolveTracer } from '../tracer/resolve-tracer';
import { carriesSession } from './caller-session';
import type { WaitUntil } from './flush-after';
import { flushAfter, waitUntilIn } from './flush-after';

/** Options of {@link traceFetchHandler}. */
export interface FetchHandlerOptions<A extends unknown[] = unknown[]> {
  /**
   * The tracer, or a function of the handler's arguments that returns it (Workers: built from
   * `env`, once). Default: the default tracer.
   */
  tracer?: HoneyHiveTracer | ((request: Request, ...rest: A) => HoneyHiveTracer | undefined) | undefined;
  /** Event type of the request's span. Default `chain`. */
  eventType?: EventType | undefined;
  /**
   * Give each request a session of its own (named `METHOD /path`) unless the caller's headers
   * carry one (`baggage`). Default true; false keeps the tracer's session.
   */
  sessionPerRequest?: boolean | undefined;
  /**
   * The platform's `waitUntil` when it is not among the handler's arguments (Vercel:
   * `waitUntil` from `@vercel/functions`). Found by itself on Workers (`ctx`) and in Next.js
   * middleware (`event`).
   */
  waitUntil?: WaitUntil | undefined;
  /** Bound on the flush (before the response when there is no `waitUntil`). Default 2000 ms. */
  flushTimeoutMs?: number | undefined;
}

/** A fetch-style handler: Workers, Vercel functions and edge routes, Deno Deploy, `Bun.serve`. */
export type FetchHandler<A extends unknown[]> = (
  request: Request,
  ...rest: A
) => Response | Promise<Response>;

function tracerFor<A extends unknown[]>(
  option: FetchHandlerOptions<A>['tracer'],
  request: Request,
  rest: A,
): HoneyHiveTracer | undefined {
  const t = typeof option === 'function' ? option(request, ...rest) : option;
  if (t) return internalsOf(t).closed ? undefined : t;
  const core = resolveTracer();
  return core ? facadeOf(core) : undefined;
}

async function run<A extends unknown[]>(
  handler: FetchHandler<A>,
  handle: ServerSpan,
  request: Request,
  rest: A,
): Promise<Response> {
  try {
    const response = await context.with(handle.context, () => handler(request, ...rest));
    handle.end(response.status);
    return response;
  } catch (err) {
    recordError(handle.span, err);
    handle.end(500);
    throw err;
  }
}

/**
 * Traces a fetch-style handler and makes its delivery impossible to forget: each request runs in
 * a SERVER span (continuing the caller's trace and session from its headers, else in a session
 * of its own), and when the response is ready the tracer's flush is handed to the platform's
 * `waitUntil`, or awaited (bounded) before the response leaves where there is none. Tracing
 * never changes the response or the error a handler throws.
 *
 * @example
 * // Cloudflare Workers
 * export default { fetch: traceFetchHandler(async (request, env, ctx) => new Response('ok')) };
 * // Deno
 * Deno.serve(traceFetchHandler((request) => new Response('ok')));
 */
export function traceFetchHandler<A extends unknown[]>(
  handler: FetchHandler<A>,
  options: FetchHandlerOptions<A> = {},
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    let tracer: HoneyHiveTracer | undefined;
    let start: (() => ServerSpan) | undefined;
    try {
      tracer = tracerFor(options.tracer, request, rest);
      const t = tracer;
      const url = new URL(request.url);
      const headers = Object.fromEntries(request.headers);
      const incoming = t && extractContextFromCarrier(headers, t, context.active());
      const joined = incoming !== undefined && carriesSession(incoming);
      const req = { method: request.method, path: url.pathname, headers };
      if (t) start = () => startServerSpan(t, req, { eventType: options.eventType ?? 'chain' });
      if (t && !joined && options.sessionPerRequest !== false) {
        const open = start!;
        start = () => t.withSession({ sessionName: `${req.method} ${req.path}` }, open);
      }
    } catch (err) {
      logger.error('tracing the request failed; it runs untraced', err);
    }
    let handle: ServerSpan | undefined;
    try {
      handle = start?.();
    } catch (err) {
      logger.error('starting the request span failed; it runs untraced', err);
    }
    if (!tracer || !handle) return handler(request, ...rest);
    try {
      return await run(handler, handle, request, rest);
    } finally {
      await flushAfter(tracer, options.waitUntil ?? waitUntilIn(rest), options.flushTimeoutMs ?? 2000);
    }
  };
}
