import { ConfigurationError } from '../config/ConfigurationError';
import { warnUnknownKeys } from '../config/unknown-keys';
import { EVENT_TYPES } from '../semconv/honeyhive';
import type { TraceDecoratorOptions } from './TraceDecoratorOptions';

const TRACE_OPTION_NAMES: readonly string[] = [
  'name',
  'eventType',
  'tracer',
  'metadata',
  'config',
  'captureInputs',
  'captureOutputs',
  'methods',
] satisfies readonly (keyof TraceDecoratorOptions)[];

/**
 * Checks `@Trace` / `traced()` options when they are given (at decoration time): an unknown
 * event type throws `ConfigurationError` listing the valid ones (it would be stored as is and
 * mislabel every span); an unknown key warns once with the closest known name.
 */
export function checkTraceOptions(options: TraceDecoratorOptions): void {
  warnUnknownKeys('@Trace option', options, TRACE_OPTION_NAMES);
  const type = options.eventType as unknown;
  if (type !== undefined && !(EVENT_TYPES as readonly unknown[]).includes(type))
    throw new ConfigurationError([
      {
        field: 'eventType',
        reason: `must be one of ${EVENT_TYPES.join(', ')} (got ${JSON.stringify(type)})`,
      },
    ]);
}
