import type { UniversalDecorator } from '../decorators/decorator-adapter';
import { createDecorator } from '../decorators/decorator-adapter';
import { defineEvaluateOptions, getEvaluateMetadata } from '../decorators/metadata';
import type { EvaluateOptions } from './EvaluateOptions';

/**
 * Declares a method's experiment: the dataset and evaluators `evaluate(instance, 'method')` runs
 * it with. It records options only; the method itself is unchanged.
 *
 * @example
 * class Bot { @Evaluate({ name: 'faq-v2', dataset, evaluators: [exactMatch] }) async answer(dp) { … } }
 * const result = await evaluate(new Bot(), 'answer');
 */
export function Evaluate(options: EvaluateOptions): UniversalDecorator {
  return createDecorator(
    (fn) => {
      defineEvaluateOptions(fn, { ...options });
      return fn;
    },
    undefined,
    'Evaluate',
  );
}

/** The `@Evaluate` options of a method function, if any. */
export function getEvaluateOptions(fn: unknown): EvaluateOptions | undefined {
  return getEvaluateMetadata<EvaluateOptions>(fn);
}
