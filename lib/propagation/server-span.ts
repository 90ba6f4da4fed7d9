import type { Context, Span } from '@opentelemetry/api';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EventType } from '../semconv/honeyhive';
import { ATTR, eventAttributes } from '../semconv/honeyhive';
import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import { internalsOf } from '../tracer/HoneyHiveTracer';
import { setContextTracer } from '../tracer/tracer-context';
import type { Carrier } from '../context/carrier';
import { extractContextFromCarrier } from './distributed';

/** Options shared by the server middlewares. */
export interface ServerMiddlewareOptions {
  /** The tracer (default: resolved per request, usually the default tracer). */
  tracer?: HoneyHiveTracer;
  /** Event type of the server span. Default `chain`. */
  eventType?: EventType;
}

/** A started server span and the context to run the handler in. */
export interface ServerSpan {
  readonly span: Span;
  readonly context: Context;
  /** Renames the span once the route is known (e.g. `GET /users/:id`). */
  rename(name: string): void;
  /** Ends the span with the response status (>= 500 marks it as an error). Idempotent. */
  end(statusCode: number | undefined): void;
}

/**
 * Extracts the caller's trace and session from the request headers and opens a SERVER span in
 * them: the one mechanism behind the Express, Fastify and `http` helpers.
 */
export function startServerSpan(
  tracer: HoneyHiveTracer,
  request: { method?: string; path?: string; headers: Carrier },
  options: ServerMiddlewareOptions = {},
): ServerSpan {
  const method = (request.method ?? 'GET').toUpperCase();
  const path = (request.path ?? '/').split('?')[0]!;
  const base = extractContextFromCarrier(request.headers, tracer, context.active());
  const name = `${method} ${path}`;
  const attributes = {
    'http.request.method': method,
    'url.path': path,
    ...eventAttributes(options.eventType ?? 'chain', name),
  };
  const core = internalsOf(tracer);
  const span = core.startSpanIn(name, attributes, base, { kind: SpanKind.SERVER });
  let ended = false;
  return {
    span,
    context: setContextTracer(trace.setSpan(base, span), core),
    rename(newName) {
      if (ended) return;
      span.updateName(newName);
      span.setAttribute(ATTR.eventName, newName);
    },
    end(statusCode) {
      if (ended) return;
      ended = true;
      if (statusCode !== undefined) {
        span.setAttribute('http.response.status_code', statusCode);
        // a 5xx is an error, unless the error that caused it was recorded already (kept: it says more)
        const recorded = (span as unknown as { attributes?: Record<string, unknown> }).attributes?.[
          ATTR.error
        ];
        if (statusCode >= 500 && recorded === undefined) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${statusCode}` });
          span.setAttribute(ATTR.error, `HTTP ${statusCode}`);
        }
      } else {
        span.setAttribute('hivetrace.request.aborted', true);
      }
      span.end();
    },
  };
}
