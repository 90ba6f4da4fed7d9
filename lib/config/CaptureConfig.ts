import { IsBoolean, IsInt, IsObject, IsOptional, Min, ValidateIf } from 'class-validator';
import type { CaptureLimits, CaptureOptions, RedactionOptions } from '../capture/CaptureOptions';
import { defineRules } from './define-rules';

/** The validation model of `capture.limits`: every limit a whole number in its range. */
export class CaptureLimitsConfig implements Partial<CaptureLimits> {
  maxDepth?: number | undefined;
  maxAttributesPerNamespace?: number | undefined;
  maxStringLength?: number | undefined;
  maxJsonLength?: number | undefined;
  maxBytesPerSpan?: number | undefined;
  maxItemsPerContainer?: number | undefined;
}

/** The names of the capture limits. */
export const CAPTURE_LIMIT_FIELDS = defineRules(CaptureLimitsConfig, {
  maxDepth: [IsOptional(), IsInt(), Min(0)],
  maxAttributesPerNamespace: [IsOptional(), IsInt(), Min(1)],
  maxStringLength: [IsOptional(), IsInt(), Min(1)],
  maxJsonLength: [IsOptional(), IsInt(), Min(2)],
  maxBytesPerSpan: [IsOptional(), IsInt(), Min(1)],
  maxItemsPerContainer: [IsOptional(), IsInt(), Min(1)],
});

/** The validation model of `capture.redaction` when it is an object. */
export class RedactionConfig implements RedactionOptions {
  enabled?: boolean | undefined;
  patterns?: ReadonlyArray<string | RegExp> | undefined;
  keys?: ReadonlyArray<string | RegExp> | undefined;
  values?: RedactionOptions['values'] | undefined;
  disable?: readonly string[] | undefined;
  shouldRedact?: RedactionOptions['shouldRedact'] | undefined;
}

const isValueRule = (v: unknown): boolean =>
  v instanceof RegExp ||
  (typeof v === 'object' &&
    v !== null &&
    (v as { pattern?: unknown }).pattern instanceof RegExp &&
    ['string', 'undefined'].includes(typeof (v as { replace?: unknown }).replace));

/** A rule that fails with `message` unless `ok(value)`. */
const must = (ok: (v: unknown) => boolean, message: string) => [
  ValidateIf((_o: unknown, v: unknown) => v !== undefined && !ok(v)),
  IsBoolean({ message }),
];

const isPattern = (p: unknown): boolean => typeof p === 'string' || p instanceof RegExp;

/** The names of the redaction options. */
export const REDACTION_FIELDS = defineRules(RedactionConfig, {
  enabled: [IsOptional(), IsBoolean()],
  patterns: must(
    (v) => Array.isArray(v) && v.every(isPattern),
    'must be an array of strings and regular expressions',
  ),
  keys: must(
    (v) => Array.isArray(v) && v.every(isPattern),
    'must be an array of strings and regular expressions',
  ),
  values: must(
    (v) => Array.isArray(v) && v.every(isValueRule),
    'must be an array of regular expressions or { pattern: RegExp, replace?: string }',
  ),
  disable: must(
    (v) => Array.isArray(v) && v.every((n) => typeof n === 'string'),
    'must be an array of rule names',
  ),
  shouldRedact: [
    IsOptional(),
    ValidateIf((o: RedactionConfig) => typeof o.shouldRedact !== 'function'),
    IsBoolean({ message: 'must be a function (key, path) => boolean | undefined' }),
  ],
});

/** The validation model of `capture` (its nested objects are validated on their own). */
export class CaptureConfig implements CaptureOptions {
  limits?: Partial<CaptureLimits> | undefined;
  redaction?: boolean | RedactionOptions | undefined;
  captureInputs?: boolean | undefined;
  captureOutputs?: boolean | undefined;
  invokeGetters?: boolean | undefined;
}

/** The names of the capture options. */
export const CAPTURE_FIELDS = defineRules(CaptureConfig, {
  limits: [IsOptional(), IsObject()],
  redaction: [
    IsOptional(),
    ValidateIf((o: CaptureConfig) => typeof o.redaction !== 'boolean'),
    IsObject({ message: 'must be a boolean or an object' }),
  ],
  captureInputs: [IsOptional(), IsBoolean()],
  captureOutputs: [IsOptional(), IsBoolean()],
  invokeGetters: [IsOptional(), IsBoolean()],
});
