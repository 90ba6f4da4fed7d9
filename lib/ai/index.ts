/**
 * `hivetrace/ai`: the Vercel AI SDK's telemetry option, bound to the current hivetrace tracer
 * (AI SDK 4–7). The AI SDK itself is not a dependency.
 *
 * @packageDocumentation
 */
export type { AiTelemetryIntegration, AiTelemetryOptions, AiTelemetrySettings } from './ai-telemetry';
export { AI_SDK_SCOPE, aiTelemetry } from './ai-telemetry';
