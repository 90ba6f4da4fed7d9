/**
 * What hivetrace captured onto a span, as its delivery sees it: the capture budget lives on the
 * span object under this symbol (`Capturer.budgetOf`), so the queue can seal a batch by size
 * without walking any attribute.
 */
export const CAPTURE_BUDGET = Symbol('hivetrace.captureBudget');

/** A span's capture budget: what is left, and what it started with. */
export interface SpanCaptureBudget {
  /** Characters (UTF-16 code units, as an estimate) left. */
  remaining: number;
  /** Attributes left. */
  attributes: number;
  /** Characters the span started with. */
  readonly limit: number;
}

/** Characters captured onto `span` so far: 0 when nothing was. */
export function capturedChars(span: object): number {
  const b = (span as { [CAPTURE_BUDGET]?: SpanCaptureBudget })[CAPTURE_BUDGET];
  return b === undefined ? 0 : b.limit - b.remaining;
}
