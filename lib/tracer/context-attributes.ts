import type { Context } from '@opentelemetry/api';
import { createContextKey } from '@opentelemetry/api';
import type { ExperimentFields } from '../semconv/honeyhive';

/** Attributes set by `withAttributes` that every span started inside receives. */
export interface ContextAttributes {
  /** The end user, stamped as `honeyhive_user_id` and `honeyhive_user_properties.user_id`. */
  userId?: string;
  /** Spans inside belong to this session. */
  sessionId?: string;
  /** Merged into `honeyhive_metadata.*`. */
  metadata?: Record<string, unknown>;
  /** Merged into `honeyhive_user_properties.*`. */
  userProperties?: Record<string, unknown>;
  /** Tags, kept as `honeyhive_metadata.tags.<i>`. */
  tags?: readonly string[];
  /**
   * The online experiment of this request (an A/B assignment): `{ id?, name?, variant?, group?,
   * metadata? }`, stamped as `honeyhive.experiment_*` over the tracer's own `experiment`.
   */
  experiment?: ExperimentFields;
}

const KEY = createContextKey('hivetrace.context-attributes');

/** The attributes in force in `ctx`. */
export function getContextAttributes(ctx: Context): ContextAttributes | undefined {
  return ctx.getValue(KEY) as ContextAttributes | undefined;
}

/** Returns `ctx` with `attrs` merged over the attributes already in force (nested calls merge). */
export function mergeContextAttributes(ctx: Context, attrs: ContextAttributes): Context {
  const prev = getContextAttributes(ctx);
  const next: ContextAttributes = prev ? { ...prev } : {};
  if (attrs.userId !== undefined) next.userId = attrs.userId;
  if (attrs.sessionId !== undefined) next.sessionId = attrs.sessionId;
  if (attrs.metadata) next.metadata = { ...prev?.metadata, ...attrs.metadata };
  if (attrs.userProperties) next.userProperties = { ...prev?.userProperties, ...attrs.userProperties };
  if (attrs.tags) next.tags = [...new Set([...(prev?.tags ?? []), ...attrs.tags])];
  if (attrs.experiment) next.experiment = { ...prev?.experiment, ...attrs.experiment };
  return ctx.setValue(KEY, Object.freeze(next));
}
