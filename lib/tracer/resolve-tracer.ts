import { context, trace } from '@opentelemetry/api';
import type { HoneyHiveTracer } from './HoneyHiveTracer';
import { internalsOf } from './HoneyHiveTracer';
import { getContextTracer } from './tracer-context';
import type { TracerCore } from './TracerCore';
import { allTracers, findTracer } from './TracerRegistry';

/**
 * The tracer a decorator or free function uses, at call time: explicit (instance or project
 * name) > the innermost of the enclosing session mark and span's own tracer > the default > none.
 */
export function resolveTracer(explicit?: HoneyHiveTracer | string): TracerCore | undefined {
  if (explicit !== undefined) {
    if (typeof explicit !== 'string') {
      const core = internalsOf(explicit);
      return core.closed ? undefined : core;
    }
    return findTracer(explicit);
  }
  const tracers = allTracers();
  if (tracers.length === 0) return undefined;
  const ctx = context.active();
  const marked = getContextTracer<TracerCore>(ctx);
  if (marked?.innermost && !marked.tracer.closed) return marked.tracer;
  const span = trace.getSpan(ctx);
  if (span) for (const t of tracers) if (t.ownsSpan(span)) return t;
  if (marked && !marked.tracer.closed) return marked.tracer;
  return findTracer();
}
