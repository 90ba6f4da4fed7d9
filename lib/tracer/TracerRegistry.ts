import { globalSlot } from '../internal/global-state';
import type { TracerCore } from './TracerCore';

/**
 * Live tracers, by their cores (what hivetrace's modules work with). The registry knows nothing
 * of the public facade: `HoneyHiveTracer` registers its core here, and the lookups users call
 * (`getTracer`, `setDefaultTracer`) live in tracer-lookup.ts, above both.
 */
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

/** Makes a live tracer the default, registering it if needed. */
export function makeDefault(tracer: TracerCore): void {
  registerTracer(tracer);
  state().defaultTracer = tracer;
}

/** The default tracer (no project given), or the most recently created live tracer of `project`. */
export function findTracer(project?: string): TracerCore | undefined {
  const s = state();
  if (project === undefined) return s.defaultTracer;
  for (let i = s.tracers.length - 1; i >= 0; i--) {
    const t = s.tracers[i];
    if (t?.project === project) return t;
  }
  return undefined;
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
