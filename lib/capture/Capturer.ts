import type { AttributeValue } from '@opentelemetry/api';
import { CAPTURE_BUDGET } from '../internal/captured-size';
import type { CaptureLimits, RedactionOptions } from './CaptureOptions';
import type { AttributeSink, ByteBudget, FlatAttributes } from './flatten-attributes';
import { flattenAttributes } from './flatten-attributes';
import { KeyCache } from './KeyCache';
import type { RedactionRule } from './redaction';
import { compileRedaction, REDACTED } from './redaction';
import { MARK, sanitize, truncateString } from './sanitize';
import { capturedAttributesPerSpan } from './span-limits';

/** How far a compact JSON string may pass its bound before it is walked again with less. */
const JSON_SLACK = 64;

/** Where a span's capture budget lives: on the span object itself, so no lookup table is needed. */
const BUDGET = CAPTURE_BUDGET;

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
      const limit = this.limits.maxBytesPerSpan;
      b = { remaining: limit, attributes: this.maxAttributes, limit };
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
   * Captures one argument or result under `key` in its compact form: a primitive as it is, an
   * object or array as one bounded, redacted JSON string (as HoneyHive's Python SDK sends its
   * parameters), within the span's budget and `maxJsonLength`. The walk stops where the bound
   * does, so a 40 MB value costs what the bound costs. Never throws.
   *
   * @param key - `honeyhive_inputs.<param>` or `honeyhive_outputs.result`
   */
  captureCompact(span: AttributeSink & object, key: string, value: unknown): void {
    if (value === null || typeof value !== 'object') {
      this.capture(span, key, value);
      return;
    }
    const budget = this.budgetOf(span);
    const room = Math.min(this.limits.maxJsonLength, budget.remaining - key.length);
    if (budget.attributes <= 0) return;
    if (room <= 2) {
      // no room left on this span (or a JSON bound too small for any JSON): say so, once
      budget.attributes--;
      span.setAttribute(key, MARK.budget);
      return;
    }
    let json = this.compactJson(value, room);
    // the walk's budget estimates characters (numbers, dates and markers count short): past the
    // bound, once more with the budget scaled down, else the marker
    if (typeof json === 'string' && json.length > room + JSON_SLACK) {
      json = this.compactJson(value, Math.floor((room * room) / json.length / 2));
      if (typeof json === 'string' && json.length > room + JSON_SLACK) json = MARK.budget;
    }
    if (typeof json !== 'string') return;
    budget.attributes--;
    budget.remaining -= key.length + json.length;
    span.setAttribute(key, json);
  }

  /** `value` as bounded, redacted JSON within `room` characters (a string as it is); undefined for nothing. */
  private compactJson(value: unknown, room: number): string | undefined {
    const safe = sanitize(value, this.limits, this.redact, room, this.invokeGetters, Infinity, true);
    if (safe === undefined || safe === null) return undefined;
    try {
      // a bounded tree (shared with the value where nothing changed): one native stringify
      return typeof safe === 'object' ? JSON.stringify(safe) : String(safe);
    } catch {
      return '[Unserializable]';
    }
  }

  /**
   * Captures the fields of `value` (an object) each in its compact form under `prefix.<field>`;
   * anything else is captured flattened under `prefix`. Never throws.
   */
  captureFields(span: AttributeSink & object, prefix: string, value: unknown): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.capture(span, prefix, value);
      return;
    }
    let keys: string[];
    try {
      keys = Object.keys(value).slice(0, this.limits.maxItemsPerContainer);
    } catch {
      return;
    }
    for (const k of keys) {
      if (this.redact?.(k, [])) span.setAttribute(`${prefix}.${k}`, REDACTED);
      else this.captureCompact(span, `${prefix}.${k}`, (value as Record<string, unknown>)[k]);
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
