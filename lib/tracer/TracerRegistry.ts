import { context, trace } from '@opentelemetry/api';
import { globalSlot } from '../internal/global-state';
import { logger } from '../internal/logger';
import type { HoneyHiveTracer } from './HoneyHiveTracer';
import { internalsOf } from './HoneyHiveTracer';
import type { TracerCore } from './TracerCore';
import { getContextTracer } from './tracer-context';

/** Live tracers, by their cores (what hivetrace's modules work with); users get the facades. */
interface RegistryState {
  tracers: TracerCore[];
  defaultTracer: TracerCore | undefined;
}

let cached: RegistryState | undefined;
/** The process-wide registry (looked up on globalThis once, then kept: the slot never changes). */
const state = (): RegistryState =>
  (cached ??= globalSlot<RegistryState>('registry', () => ({ tracers: [], defaultTracer: undefined })));

/** True when no tracer is live: the untraced fast path of every wrapper. */
export function noTracers(): boolean {
  return state().tracers.length === 0;
}

/** Adds a tracer; the first one registered becomes the default. */
export function registerTracer(tracer: TracerCore): void {
  const s = state();
  if (!s.tracers.includes(tracer)) s.tracers.push(tracer);
  s.defaultTracer ??= tracer;
}

/** Removes a closed tracer; the default moves to the oldest remaining one. */
export function unregisterTracer(tracer: TracerCore): void {
  const s = state();
  s.tracers = s.tracers.filter((t) => t !== tracer);
  if (s.defaultTracer === tracer) s.defaultTracer = s.tracers[0];
}

/**
 * The default tracer, or the most recently created live tracer of `project`.
 *
 * @example
 * const payments = getTracer('payment-service');
 */
export function getTracer(project?: string): HoneyHiveTracer | undefined {
  return findTracer(project)?.facade;
}

function findTracer(project?: string): TracerCore | undefined {
  const s = state();
  if (project === undefined) return s.defaultTracer;
  for (let i = s.tracers.length - 1; i >= 0; i--) if (s.tracers[i]!.project === project) return s.tracers[i];
  return undefined;
}

/** Makes `tracer` the default (registering it if needed). Returns false, with a log, if it is closed. */
export function setDefaultTracer(tracer: HoneyHiveTracer): boolean {
  const core = internalsOf(tracer);
  if (core.closed) {
    logger.warn('setDefaultTracer: that tracer is closed');
    return false;
  }
  registerTracer(core);
  state().defaultTracer = core;
  return true;
}

/** Forgets every tracer (for tests). Tracers are not closed: close them yourself if they export. */
export function resetTracers(): void {
  const s = state();
  s.tracers = [];
  s.defaultTracer = undefined;
}

/** Every live tracer, oldest first. */
export function allTracers(): readonly TracerCore[] {
  return state().tracers;
}

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
  const s = state();
  if (s.tracers.length === 0) return undefined;
  const ctx = context.active();
  const marked = getContextTracer<TracerCore>(ctx);
  if (marked?.innermost && !marked.tracer.closed) return marked.tracer;
  const span = trace.getSpan(ctx);
  if (span) for (const t of s.tracers) if (t.ownsSpan(span)) return t;
  if (marked && !marked.tracer.closed) return marked.tracer;
  return s.defaultTracer;
}
