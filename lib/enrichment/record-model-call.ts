import { trace } from '@opentelemetry/api';
import { logger } from '../internal/logger';
import { ATTR } from '../semconv/honeyhive';
import { enrichSpan } from './enrich';

/** A message of a conversation, as the viewer and HoneyHive show it. */
export interface ModelMessage {
  role: 'system' | 'user' | 'assistant' | 'tool' | (string & {});
  content?: string | null | undefined;
  /** Tool calls an assistant message asks for. */
  tool_calls?: readonly unknown[] | undefined;
  /** The call a tool message answers. */
  tool_call_id?: string | undefined;
  name?: string | undefined;
}

/** One call of a model, as `recordModelCall` records it. */
export interface ModelCall {
  /** The model that answered (`gpt-4o-mini-2024-07-18`), else the one asked for. */
  model: string;
  /** Who serves it: `openai`, `anthropic`, … */
  provider?: string | undefined;
  /** The conversation sent. */
  messages?: readonly ModelMessage[] | undefined;
  /** The answer: its text, or the assistant message (with its tool calls). */
  response?: string | ModelMessage | undefined;
  /** Token counts; the total is their sum when not given. */
  usage?:
    | {
        promptTokens?: number | undefined;
        completionTokens?: number | undefined;
        totalTokens?: number | undefined;
      }
    | undefined;
  /** What the call cost, when you know it (the collector can also price it from a prices file). */
  cost?: number | undefined;
  /** Request parameters: temperature, max tokens, … (land in `config` beside the model). */
  parameters?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Records a model call of your own code on the active span, in the conventions HoneyHive and the
 * local collector's viewer read: the span becomes a `model` event with `config.model` and
 * `config.provider` (and the parameters), `inputs.chat_history`, the answer in `outputs` (role,
 * content, tool calls), and `metrics.prompt_tokens`, `completion_tokens`, `total_tokens` (and
 * `cost`). For SDK clients that are instrumented already (OpenAI, Anthropic, the AI SDK), see
 * docs/enrichment.md; this is for the calls they do not see.
 *
 * @returns false (recording nothing) outside a recording span
 * @example
 * \@Trace()
 * async answer(question: string) {
 *   const res = await myModel.complete(question);
 *   recordModelCall({ model: res.model, provider: 'acme', messages: [{ role: 'user', content: question }],
 *     response: res.text, usage: { promptTokens: res.inTokens, completionTokens: res.outTokens } });
 *   return res.text;
 * }
 */
export function recordModelCall(call: ModelCall): boolean {
  const span = trace.getActiveSpan();
  if (!span || !span.isRecording()) return false;
  try {
    span.setAttribute(ATTR.eventType, 'model');
    const { promptTokens, completionTokens, totalTokens } = call.usage ?? {};
    const metrics: Record<string, number> = {};
    if (promptTokens !== undefined) metrics.prompt_tokens = promptTokens;
    if (completionTokens !== undefined) metrics.completion_tokens = completionTokens;
    const total = totalTokens ?? (promptTokens ?? 0) + (completionTokens ?? 0);
    if (totalTokens !== undefined || promptTokens !== undefined || completionTokens !== undefined)
      metrics.total_tokens = total;
    if (call.cost !== undefined) metrics.cost = call.cost;
    const response =
      typeof call.response === 'string' ? { role: 'assistant', content: call.response } : call.response;
    return enrichSpan({
      config: {
        ...call.parameters,
        model: call.model,
        ...(call.provider ? { provider: call.provider } : {}),
      },
      ...(call.messages ? { inputs: { chat_history: call.messages } } : {}),
      ...(response ? { outputs: { ...response } } : {}),
      metrics,
    });
  } catch (err) {
    logger.error('recordModelCall failed', err);
    return false;
  }
}
