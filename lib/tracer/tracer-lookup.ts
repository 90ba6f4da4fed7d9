import { logger } from '../internal/logger';
import type { HoneyHiveTracer } from './HoneyHiveTracer';
import { facadeOf, internalsOf } from './HoneyHiveTracer';
import { findTracer, makeDefault } from './TracerRegistry';

/**
 * The default tracer, or the most recently created live tracer of `project`.
 *
 * @example
 * const payments = getTracer('payment-service');
 */
export function getTracer(project?: string): HoneyHiveTracer | undefined {
  const core = findTracer(project);
  return core && facadeOf(core);
}

/** Makes `tracer` the default (registering it if needed). Returns false, with a log, if it is closed. */
export function setDefaultTracer(tracer: HoneyHiveTracer): boolean {
  const core = internalsOf(tracer);
  if (core.closed) {
    logger.warn('setDefaultTracer: that tracer is closed');
    return false;
  }
  makeDefault(core);
  return true;
}
