import type { Context, Span, SpanOptions, Tracer, TracerProvider } from '@opentelemetry/api';
import { context, INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import type * as HttpModule from '@opentelemetry/instrumentation-http';
import type * as UndiciModule from '@opentelemetry/instrumentation-undici';
import { logger } from '../internal/logger';
import { nodeBuiltin, nodePackage } from '../internal/node-builtin';
import { isOwnServerSocket } from '../internal/own-servers';
import { OWN_CLIENT_HEADER, OWN_CLIENT_PACKAGE } from '../export/client-headers';

/** A tracer that turned HTTP tracing on (`disableHttpTracing: false`). */
export interface HttpTracingOwner {
  readonly provider: TracerProvider;
  readonly closed: boolean;
  ownsSpan(span: Span): boolean;
}

interface Toggle {
  enable(): void;
  disable(): void;
}

const owners: HttpTracingOwner[] = [];
let instrumentations: Toggle[] | undefined;

/**
 * Which tracer records an HTTP span started in `ctx`: the one that owns the active span (a call
 * made inside its traced code), none when another tracer or a foreign provider owns it, and for a
 * span with no local parent (an incoming request, or one continuing a remote trace) the first
 * tracer that turned HTTP tracing on.
 */
function ownerFor(ctx: Context): HttpTracingOwner | undefined {
  const parent = trace.getSpan(ctx);
  if (parent?.isRecording()) return owners.find((o) => !o.closed && o.ownsSpan(parent));
  return owners.find((o) => !o.closed);
}

/** Routes each HTTP span to the provider of the tracer it belongs to (or records nothing). */
class RoutingTracer implements Tracer {
  private readonly byOwner = new WeakMap<HttpTracingOwner, Tracer>();

  constructor(
    private readonly name: string,
    private readonly version: string | undefined,
  ) {}

  startSpan(name: string, options?: SpanOptions, ctx: Context = context.active()): Span {
    const owner = ownerFor(ctx);
    if (!owner) return trace.wrapSpanContext(trace.getSpanContext(ctx) ?? INVALID_SPAN_CONTEXT);
    let tracer = this.byOwner.get(owner);
    if (!tracer) {
      tracer = owner.provider.getTracer(this.name, this.version);
      this.byOwner.set(owner, tracer);
    }
    return tracer.startSpan(name, options, ctx);
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: unknown[]): ReturnType<F> {
    const fn = rest.pop() as F;
    const [options, ctx = context.active()] = rest as [SpanOptions | undefined, Context | undefined];
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), () => fn(span)) as ReturnType<F>;
  }
}

const routingProvider: TracerProvider = {
  getTracer: (name: string, version?: string) => new RoutingTracer(name, version),
};

/** hivetrace's own requests (exports, REST calls) run with tracing suppressed: never traced. */
const suppressed = (): boolean => isTracingSuppressed(context.active());

function start(): Toggle[] {
  // loaded only when a tracer turns HTTP tracing on, and never by a static import: the SDK's entry
  // point never loads them, and an edge bundle never sees them
  const httpModule = nodePackage<typeof HttpModule>('@opentelemetry/instrumentation-http');
  const undiciModule = nodePackage<typeof UndiciModule>('@opentelemetry/instrumentation-undici');
  if (!httpModule || !undiciModule || !nodeBuiltin('node:http'))
    throw new Error('this runtime has no node:http for OpenTelemetry to instrument');
  const { HttpInstrumentation } = httpModule;
  const { UndiciInstrumentation } = undiciModule;
  // enabled at construction (undici's instrumentation records only when configured enabled),
  // then pointed at the routing provider before any request can start
  const http = new HttpInstrumentation({
    ignoreOutgoingRequestHook: suppressed,
    // requests hivetrace sends, or that its embedded collector serves, are never traced: a span
    // of an export would be exported, and traced again, without end
    ignoreIncomingRequestHook: (req) =>
      req.headers[OWN_CLIENT_HEADER] === OWN_CLIENT_PACKAGE || isOwnServerSocket(req.socket),
  });
  const undici = new UndiciInstrumentation({ ignoreRequestHook: suppressed });
  for (const i of [http, undici]) i.setTracerProvider(routingProvider);
  // the http module is patched when it is required: require it now, so code that loaded it
  // before (and calls it through the module object) is traced from here on
  // through require (which the instrumentation hooks), not process.getBuiltinModule (which it does not)
  nodePackage('node:http');
  nodePackage('node:https');
  return [http, undici];
}

/**
 * Turns HTTP client and server spans on for `owner`: Node's `http`/`https` and `fetch` (undici),
 * through one set of OpenTelemetry instrumentations shared by every tracer that asks, each span
 * recorded by the tracer whose code made the call. Returns the release (the instrumentations
 * are disabled when the last owner releases).
 */
export function enableHttpTracing(owner: HttpTracingOwner): () => void {
  try {
    if (!instrumentations) instrumentations = start();
    else if (owners.length === 0) for (const i of instrumentations) i.enable();
    owners.push(owner);
  } catch (err) {
    logger.error('HTTP tracing could not be turned on; spans of HTTP calls will be missing', err);
    return () => undefined;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const i = owners.indexOf(owner);
    if (i >= 0) owners.splice(i, 1);
    if (owners.length === 0) for (const t of instrumentations ?? []) t.disable();
  };
}
