import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { HttpException, Inject, Injectable } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { withAttributes } from '../enrichment/with-attributes';
import { recordError } from '../tracer/record-error';
import { extractContextFromCarrier } from '../propagation/distributed';
import type { Carrier } from '../context/carrier';
import { startServerSpan } from '../propagation/server-span';
import { BAGGAGE } from '../semconv/honeyhive';
import { HoneyHiveTracer, internalsOf } from '../tracer/HoneyHiveTracer';

interface HttpRequest {
  method?: string;
  url?: string;
  route?: { path?: string };
  headers: Carrier;
}

interface HttpResponse {
  statusCode?: number;
  writableFinished?: boolean;
  once?(event: string, listener: () => void): unknown;
}

/**
 * Whether the request carries a caller's session of this tracer's project (distributed context
 * from `injectContextIntoCarrier`). A session belongs to one project: a caller from another
 * project continues the trace, in a session of this one.
 */
function inCallerSession(tracer: HoneyHiveTracer, headers: Carrier): boolean {
  const bag = propagation.getBaggage(extractContextFromCarrier(headers, tracer, context.active()));
  const session = bag?.getEntry(BAGGAGE.sessionId)?.value;
  const project = bag?.getEntry(BAGGAGE.project)?.value;
  return session !== undefined && (project === undefined || project === tracer.project);
}

/**
 * Traces each Nest HTTP handler: a SERVER span named `METHOD /route` with the controller and
 * handler, in the request's own session (or the caller's, when the request carries distributed
 * context of the same project; another project's caller is continued in the trace, in a session
 * of this project), the handler and every `@Trace`d provider it calls inside it. An `HttpException` below
 * 500 is an answer, not a span error; a 5xx or any other throw is. Use it globally
 * (`HivetraceModule.forRoot({ ..., interceptAll: true })`) or per controller
 * (`@UseInterceptors(HivetraceInterceptor)`).
 */
export class HivetraceInterceptor implements NestInterceptor {
  constructor(private readonly tracer: HoneyHiveTracer) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const http = execution.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const res = http.getResponse<HttpResponse>();
    const route = req.route?.path ?? (req.url ?? '/').split('?')[0]!;
    const method = (req.method ?? 'GET').toUpperCase();
    const name = `${method} ${route}`;
    return new Observable((subscriber) => {
      const run = () => {
        const server = startServerSpan(this.tracer, { method, path: route, headers: req.headers });
        server.span.setAttributes({
          'http.route': route,
          'nest.controller': execution.getClass().name,
          'nest.handler': execution.getHandler().name,
        });
        // the response's status, once sent, is the truth (exception filters set it too)
        res.once?.('finish', () => server.end(res.statusCode));
        res.once?.('close', () => server.end(res.writableFinished ? res.statusCode : undefined));
        return context.with(server.context, () =>
          next.handle().subscribe({
            next: (v) => subscriber.next(v),
            error: (err: unknown) => {
              if (err instanceof HttpException && err.getStatus() < 500) {
                server.span.setAttribute('http.response.status_code', err.getStatus());
              } else {
                const cap = internalsOf(this.tracer).capturer;
                recordError(server.span, err, cap.limits.maxStringLength, cap.redact?.value);
              }
              subscriber.error(err);
            },
            complete: () => subscriber.complete(),
          }),
        );
      };
      // a new session for the request; named in the context attributes, which win over the
      // caller's baggage that the server span's context takes from the headers
      const subscription = inCallerSession(this.tracer, req.headers)
        ? run()
        : this.tracer.withSession({ sessionName: name }, (sessionId) => withAttributes({ sessionId }, run));
      return () => subscription.unsubscribe();
    });
  }
}

// Nest's decorators applied as functions: hivetrace compiles with standard decorators, Nest reads
// the legacy metadata these calls write
Injectable()(HivetraceInterceptor);
Inject(HoneyHiveTracer)(HivetraceInterceptor, undefined as unknown as string, 0);
