import type { AttributeValue, Tracer } from '@opentelemetry/api';
import { logger } from '../internal/logger';
import type { HoneyHiveTracer } from '../tracer/HoneyHiveTracer';
import { resolveTracer } from '../tracer/resolve-tracer';
import { VERSION } from '../version';

/**
 * An AI SDK 7 telemetry integration class from `@ai-sdk/otel`: `OpenTelemetry` (GenAI
 * conventions, the default) or `LegacyOpenTelemetry` (the `ai.*` spans of AI SDK 4–6).
 */
export type AiTelemetryIntegration<I> = new (options: { tracer: Tracer; agentSpanName?: 'functionId' }) => I;

/** Options of {@link aiTelemetry}. */
export interface AiTelemetryOptions<I = never> {
  /** Names the call: the AI SDK's `functionId`, which becomes the event name of its outer span. */
  functionId?: string | undefined;
  /** AI SDK 4–6 only: `ai.telemetry.metadata.*` attributes (they land in the events' `metadata`). */
  metadata?: Record<string, AttributeValue> | undefined;
  /** Record prompts and messages (default true; the AI SDK's own default). */
  recordInputs?: boolean | undefined;
  /** Record answers and tool results (default true). */
  recordOutputs?: boolean | undefined;
  /** The tracer (or its project); default: the tracer of the current span or session, else the default tracer. */
  tracer?: HoneyHiveTracer | string | undefined;
  /**
   * AI SDK 7: the integration class from `@ai-sdk/otel` (`OpenTelemetry` or
   * `LegacyOpenTelemetry`); it is given the hivetrace tracer, and names each call's span after
   * its `functionId` (`invoke_agent answer`). Not needed for AI SDK 4–6.
   */
  integration?: AiTelemetryIntegration<I> | undefined;
}

/**
 * The object the AI SDK takes as its telemetry option: `experimental_telemetry` in AI SDK 4–6
 * (which reads `tracer`), `telemetry` in AI SDK 7 (which reads `integrations`).
 */
export interface AiTelemetrySettings<I = never> {
  isEnabled: boolean;
  functionId?: string;
  metadata?: Record<string, AttributeValue>;
  recordInputs?: boolean;
  recordOutputs?: boolean;
  /** The hivetrace tracer's OpenTelemetry tracer (AI SDK 4–6). */
  tracer?: Tracer;
  /** The integration, bound to the same tracer (AI SDK 7). */
  integrations?: I[];
}

/** The instrumentation scope of the AI SDK's spans on a hivetrace provider. */
export const AI_SDK_SCOPE = 'ai';

/**
 * The AI SDK's telemetry option, bound to the current hivetrace tracer: its spans (the call,
 * each model call, each tool execution) go through that tracer's provider, so they nest under
 * the caller's `@Trace` span, land in its session and carry what `withAttributes` set (user,
 * metadata). With no live tracer it answers `{ isEnabled: false }`, and the call runs untraced.
 * Never throws.
 *
 * @example
 * // AI SDK 4–6
 * await generateText({ model, prompt, experimental_telemetry: aiTelemetry({ functionId: 'answer' }) });
 * // AI SDK 7 (`import { OpenTelemetry } from '@ai-sdk/otel'`)
 * await generateText({ model, prompt, telemetry: aiTelemetry({ functionId: 'answer', integration: OpenTelemetry }) });
 */
export function aiTelemetry<I = never>(options: AiTelemetryOptions<I> = {}): AiTelemetrySettings<I> {
  try {
    const core = resolveTracer(options.tracer);
    if (!core) return { isEnabled: false };
    const tracer = core.provider.getTracer(AI_SDK_SCOPE, VERSION);
    const settings: AiTelemetrySettings<I> = { isEnabled: true, tracer };
    if (options.functionId !== undefined) settings.functionId = options.functionId;
    if (options.metadata !== undefined) settings.metadata = options.metadata;
    if (options.recordInputs !== undefined) settings.recordInputs = options.recordInputs;
    if (options.recordOutputs !== undefined) settings.recordOutputs = options.recordOutputs;
    if (options.integration)
      settings.integrations = [new options.integration({ tracer, agentSpanName: 'functionId' })];
    return settings;
  } catch (err) {
    logger.warn(`aiTelemetry: the call runs untraced (${(err as Error).message})`);
    return { isEnabled: false };
  }
}
