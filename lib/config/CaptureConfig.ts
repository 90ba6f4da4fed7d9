import { IsBoolean, IsInt, IsObject, IsOptional, Min, ValidateIf } from 'class-validator';
import type { CaptureLimits, CaptureOptions, RedactionOptions } from '../capture/CaptureOptions';
import { defineRules } from './define-rules';

/** The validation model of `capture.limits`: every limit a whole number in its range. */
export class CaptureLimitsConfig implements Partial<CaptureLimits> {
  maxDepth?: number;
  maxAttributesPerNamespace?: number;
  maxStringLength?: number;
  maxBytesPerSpan?: number;
  maxItemsPerContainer?: number;
}

/** The names of the capture limits. */
export const CAPTURE_LIMIT_FIELDS = defineRules(CaptureLimitsConfig, {
  maxDepth: [IsOptional(), IsInt(), Min(0)],
  maxAttributesPerNamespace: [IsOptional(), IsInt(), Min(1)],
  maxStringLength: [IsOptional(), IsInt(), Min(1)],
  maxBytesPerSpan: [IsOptional(), IsInt(), Min(1)],
  maxItemsPerContainer: [IsOptional(), IsInt(), Min(1)],
});

/** The validation model of `capture.redaction` when it is an object. */
export class RedactionConfig implements RedactionOptions {
  enabled?: boolean;
  patterns?: ReadonlyArray<string | RegExp>;
  shouldRedact?: RedactionOptions['shouldRedact'];
}

const isPattern = (p: unknown): boolean => typeof p === 'string' || p instanceof RegExp;

/** The names of the redaction options. */
export const REDACTION_FIELDS = defineRules(RedactionConfig, {
  enabled: [IsOptional(), IsBoolean()],
  patterns: [
    IsOptional(),
    ValidateIf((o: RedactionConfig) => !(Array.isArray(o.patterns) && o.patterns.every(isPattern))),
    IsBoolean({ message: 'must be an array of strings and regular expressions' }),
  ],
  shouldRedact: [
    IsOptional(),
    ValidateIf((o: RedactionConfig) => typeof o.shouldRedact !== 'function'),
    IsBoolean({ message: 'must be a function (key, path) => boolean | undefined' }),
  ],
});

/** The validation model of `capture` (its nested objects are validated on their own). */
export class CaptureConfig implements CaptureOptions {
  limits?: Partial<CaptureLimits>;
  redaction?: boolean | RedactionOptions;
  captureInputs?: boolean;
  captureOutputs?: boolean;
  invokeGetters?: boolean;
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
