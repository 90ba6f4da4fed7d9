import type { SpanLimits } from '@opentelemetry/sdk-trace-base';
import type { CaptureLimits } from './CaptureOptions';

/** Attributes kept free on every span for what hivetrace sets itself (stamps, error, duration). */
export const RESERVED_ATTRIBUTES = 64;

/** Namespaces a span can capture into (inputs, outputs, metadata, metrics, feedback, config, user properties). */
const NAMESPACE_COUNT = 7;

/** Captured attributes one span may hold in all; capture stops (and summarises) past it. */
export function capturedAttributesPerSpan(limits: Readonly<CaptureLimits>): number {
  return limits.maxAttributesPerNamespace * NAMESPACE_COUNT;
}

/**
 * OpenTelemetry span limits that match the capture limits: room for every captured attribute
 * plus the reserved ones (so output, error and duration are never the ones dropped), and no
 * attribute value longer than the string limit (or the JSON limit, when larger), whoever sets it
 * (instrumentors, exceptions).
 * Marker text hivetrace appends to cut values fits in the slack.
 */
export function spanLimitsFor(limits: Readonly<CaptureLimits>): SpanLimits {
  return {
    attributeCountLimit: capturedAttributesPerSpan(limits) + RESERVED_ATTRIBUTES + 64,
    attributeValueLengthLimit: Math.max(limits.maxStringLength, limits.maxJsonLength) + 64,
    eventCountLimit: 128,
    linkCountLimit: 128,
    attributePerEventCountLimit: 128,
    attributePerLinkCountLimit: 128,
  };
}
