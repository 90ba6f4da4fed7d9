import type { UniversalDecorator } from './decorator-adapter';
import { createDecorator } from './decorator-adapter';
import type { Enricher } from './metadata';
import { prependEnrichers } from './metadata';
import { enrichWrapper, isTraced } from './wrap-method';

/**
 * Declarative enrichment of a method's span. A plain object is applied at span start; a
 * function is called when the call ends with `{ args, result, error, self, durationMs }` and its
 * return value applied. Several stack in source order; it works on either side of `@Trace`; on a
 * method without `@Trace` it enriches the caller's span. A throwing enricher is logged and
 * changes nothing.
 *
 * @example
 * @Trace()
 * @EnrichWith({ metadata: { feature: 'search' } })
 * @EnrichWith(({ result }) => ({ metrics: { hits: result.length } }))
 * async query(text: string) { ... }
 */
export function EnrichWith(enrichment: Enricher): UniversalDecorator {
  return createDecorator(
    (fn) => {
      const target = isTraced(fn) ? fn : enrichWrapper(fn);
      prependEnrichers(target, [enrichment]);
      return target;
    },
    undefined,
    'EnrichWith',
  );
}
