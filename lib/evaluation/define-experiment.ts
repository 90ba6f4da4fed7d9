import type { EvaluateOptions } from './EvaluateOptions';
import type { ExperimentFunction } from './run-experiment';

/** An experiment as a file declares it for `hivetrace eval`: `evaluate`'s options and the function it runs. */
export interface ExperimentDefinition extends EvaluateOptions {
  /** The experiment's name (the run's name): what `--filter` and `--baseline <name>` match. */
  name: string;
  /** The function run on each datapoint. */
  run: ExperimentFunction;
}

/** The brand that marks an experiment definition among a file's exports. */
export const EXPERIMENT_BRAND: unique symbol = Symbol.for('hivetrace.experiment');

/**
 * Declares an experiment in a file that `hivetrace eval` runs (`export default defineExperiment({ … })`,
 * or any number of named exports). The same object can be given to `evaluate(def.run, def)`.
 *
 * @example
 * export default defineExperiment({ name: 'faq', dataset, evaluators: [exactMatch], run: (dp) => bot.answer(dp.inputs.q) });
 */
export function defineExperiment(definition: ExperimentDefinition): ExperimentDefinition {
  return Object.assign({ ...definition }, { [EXPERIMENT_BRAND]: true });
}

/** True for what `defineExperiment` made. */
export function isExperimentDefinition(v: unknown): v is ExperimentDefinition {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[EXPERIMENT_BRAND] === true;
}
