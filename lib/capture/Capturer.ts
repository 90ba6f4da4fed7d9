import type { AttributeValue } from '@opentelemetry/api';
import type { CaptureLimits, RedactionOptions } from './CaptureOptions';
import type { AttributeSink, ByteBudget, FlatAttributes } from './flatten-attributes';
import { flattenAttributes } from './flatten-attributes';
import { KeyCache } from './KeyCache';
import type { RedactionRule } from './redaction';
import { compileRedaction } from './redaction';
import { sanitize, truncateString } from './sanitize';
import { capturedAttributesPerSpan } from './span-limits';

/** Where a span's capture budget lives: on the span object itself, so no lookup table is needed. */
const BUDGET = Symbol('hivetrace.captureBudget');

type BudgetHolder = { [BUDGET]?: ByteBudget };

/**
 * The capture rules of one tracer: limits and a compiled redaction rule, plus the byte and
 * attribute budget of each span (kept on the span object, so it goes away with the span).
 */
export class Capturer {
  readonly redact: RedactionRule | undefined;
  private readonly maxAttributes: number;
  private readonly keys = new KeyCache();

  constructor(
    readonly limits: Readonly<CaptureLimits>,
    redaction: Readonly<RedactionOptions>,
    /** Read getters and look inside Proxies (off by default). */
    readonly invokeGetters = false,
  ) {
    this.redact = compileRedaction(redaction);
    this.maxAttributes = capturedAttributesPerSpan(limits);
  }

  /** The remaining budget of `span` (created on first use). */
  budgetOf(span: object): ByteBudget {
    const holder = span as BudgetHolder;
    let b = holder[BUDGET];
    if (b === undefined) {
      b = { remaining: this.limits.maxBytesPerSpan, attributes: this.maxAttributes };
      try {
        holder[BUDGET] = b;
      } catch {
        // a frozen span object: the budget lasts for this call only
      }
    }
    return b;
  }

  /**
   * Captures `value` onto `span` under `prefix` (bounded, redacted, flattened), within the span's
   * budget. Primitives take a short path that allocates nothing. Never throws.
   *
   * @param prefix - `honeyhive_<namespace>` or a dotted path below it
   */
  capture(span: AttributeSink & object, prefix: string, value: unknown): void {
    switch (typeof value) {
      case 'number':
      case 'boolean':
        this.capturePrimitive(span, prefix, value, 8);
        return;
      case 'string':
        this.capturePrimitive(span, prefix, value, value.length);
        return;
      case 'undefined':
        return;
      default:
        if (value === null) return;
        this.captureValue(span, prefix, value);
    }
  }

  /**
   * Captures `value` as attributes under `prefix` within `holder`'s budget and returns them
   * (instead of writing them to a span). Never throws.
   */
  attributes(prefix: string, value: unknown, holder: object | undefined): FlatAttributes {
    const out: FlatAttributes = {};
    const sink: AttributeSink = {
      setAttribute: (k: string, v: AttributeValue) => {
        out[k] = v;
      },
    };
    this.captureValue(sink, prefix, value, holder ?? {});
    return out;
  }

  private capturePrimitive(
    span: AttributeSink & object,
    key: string,
    value: string | number | boolean,
    size: number,
  ): void {
    const budget = this.budgetOf(span);
    const max = Math.max(0, Math.min(this.limits.maxStringLength, budget.remaining - key.length));
    if (budget.attributes <= 0 || max <= 0) {
      this.captureValue(span, key, value);
      return;
    }
    let v = value;
    if (typeof v === 'string') {
      v = truncateString(v, max);
      if (this.redact) v = this.redact.value(v);
    }
    budget.attributes--;
    budget.remaining -= key.length + Math.min(size, max);
    span.setAttribute(key, v);
  }

  private captureValue(sink: AttributeSink, prefix: string, value: unknown, holder: object = sink): void {
    const budget = this.budgetOf(holder);
    // walk no further than the attributes can hold, plus some for the `__truncated` summary
    const leaves = Math.min(budget.attributes, this.limits.maxAttributesPerNamespace) + 64;
    const safe = sanitize(
      value,
      this.limits,
      this.redact,
      Math.max(0, budget.remaining),
      this.invokeGetters,
      leaves,
    );
    flattenAttributes(prefix, safe, this.limits, budget, sink, this.keys);
  }
}
