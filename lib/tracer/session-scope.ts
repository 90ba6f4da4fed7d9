import type { Context } from '@opentelemetry/api';
import { propagation } from '@opentelemetry/api';
import { sanitize } from '../capture/sanitize';
import { BAGGAGE, EVENT_FIELDS, experimentMetadata } from '../semconv/honeyhive';
import type { Capturer } from '../capture/Capturer';
import type { ExperimentTags } from '../config/TracerConfig';
import { setContextTracer } from './tracer-context';

/** What a session needs of its tracer (TracerCore has it): names, capture rules, experiment tags. */
export interface SessionHost {
  readonly project: string;
  readonly source: string;
  readonly sessionName: string;
  readonly capturer: Capturer;
  readonly experiment: Readonly<ExperimentTags> | undefined;
  readonly evaluation: Readonly<Record<string, string>> | undefined;
}

/** Options of `startSession` / `withSession`. */
export interface SessionOptions {
  /** Session name (default: the tracer's). */
  sessionName?: string;
  /** Join this session instead of starting one (`withSession`), or use this id for the new one. */
  sessionId?: string;
  inputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
}

/** `ctx` with the session's baggage (`session_id`, `project`, `source`) and the tracer marked. */
export function sessionContext(tracer: SessionHost, ctx: Context, sessionId: string): Context {
  const bag = (propagation.getBaggage(ctx) ?? propagation.createBaggage())
    .setEntry(BAGGAGE.sessionId, { value: sessionId })
    .setEntry(BAGGAGE.project, { value: tracer.project })
    .setEntry(BAGGAGE.source, { value: tracer.source });
  return setContextTracer(propagation.setBaggage(ctx, bag), tracer);
}

/** The `POST /session/start` body of the wire contract. */
export function sessionStartBody(tracer: SessionHost, sessionId: string, options: SessionOptions): unknown {
  const { limits } = tracer.capturer;
  const redact = tracer.capturer.redact;
  const metadata = {
    ...(tracer.experiment ? experimentMetadata(tracer.experiment) : {}),
    ...options.metadata,
    ...tracer.evaluation,
  };
  const session: Record<string, unknown> = {
    project: tracer.project,
    session_name: options.sessionName ?? tracer.sessionName,
    source: tracer.source,
    session_id: sessionId,
  };
  if (options.inputs) session[EVENT_FIELDS.inputs] = sanitize(options.inputs, limits, redact);
  if (Object.keys(metadata).length > 0) session[EVENT_FIELDS.metadata] = sanitize(metadata, limits, redact);
  if (options.userProperties)
    session[EVENT_FIELDS.userProperties] = sanitize(options.userProperties, limits, redact);
  return { session };
}
