/** What an evaluator may return: a number, a boolean, or a score with an explanation. */
export type EvaluatorResult =
  number | boolean | { score: number | boolean; explanation?: string } | undefined | null;

/** An evaluator: `(outputs, inputs, groundTruth)`, sync or async, with a name. */
export interface Evaluator {
  (outputs: any, inputs: any, groundTruth: any): EvaluatorResult | Promise<EvaluatorResult>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly evaluatorName: string;
}

/**
 * Names an evaluator function (the name becomes the metric name).
 *
 * @example
 * const exactMatch = evaluator((outputs, inputs, groundTruth) => outputs.text === groundTruth.text, { name: 'exact_match' });
 */
export function evaluator(
  fn: (outputs: any, inputs: any, groundTruth: any) => EvaluatorResult | Promise<EvaluatorResult>, // eslint-disable-line @typescript-eslint/no-explicit-any
  options: { name?: string } = {},
): Evaluator {
  const name = options.name ?? (fn.name || 'evaluator');
  const wrapped = ((o: unknown, i: unknown, g: unknown) => fn(o, i, g)) as Evaluator;
  Object.defineProperty(wrapped, 'evaluatorName', { value: name });
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped;
}

/** The metric name of an evaluator (plain functions use their own name). */
export function evaluatorName(fn: Evaluator | ((...a: never[]) => unknown)): string {
  return (fn as Partial<Evaluator>).evaluatorName ?? (fn.name || 'evaluator');
}
