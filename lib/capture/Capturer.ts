import type { CaptureLimits, RedactionOptions } from './CaptureOptions';
import type { ByteBudget, FlatAttributes } from './flatten-attributes';
import { flattenAttributes } from './flatten-attributes';
import type { RedactionRule } from './redaction';
import { compileRedaction } from './redaction';
import { sanitize } from './sanitize';

/**
 * The capture rules of one tracer: limits and a compiled redaction rule, plus the byte budget of
 * each live span (kept in a WeakMap, so a span's budget goes away with the span).
 */
export class Capturer {
  readonly redact: RedactionRule | undefined;
  private readonly budgets = new WeakMap<object, ByteBudget>();

  constructor(
    readonly limits: Readonly<CaptureLimits>,
    redaction: Readonly<RedactionOptions>,
  ) {
    this.redact = compileRedaction(redaction);
  }

  /** The remaining byte budget of `span`. */
  budgetOf(span: object): ByteBudget {
    let b = this.budgets.get(span);
    if (!b) {
      b = { remaining: this.limits.maxBytesPerSpan };
      this.budgets.set(span, b);
    }
    return b;
  }

  /**
   * Captures `value` as attributes under `prefix` within `span`'s budget. Never throws.
   *
   * @param prefix - `honeyhive_<namespace>` or a dotted path below it
   */
  attributes(prefix: string, value: unknown, span: object | undefined): FlatAttributes {
    const budget = span ? this.budgetOf(span) : { remaining: this.limits.maxBytesPerSpan };
    const safe = sanitize(value, this.limits, this.redact, Math.max(0, budget.remaining));
    return flattenAttributes(prefix, safe, this.limits, budget);
  }
}
