import type { Convention } from './convention-types';

const CALLS = ['GENERATETEXT', 'STREAMTEXT', 'GENERATEOBJECT', 'STREAMOBJECT'] as const;

/**
 * The Vercel AI SDK's own `ai.*` spans (AI SDK 4–6, and AI SDK 7's `LegacyOpenTelemetry`): the
 * operation names the event type (a call is a chain, its `doGenerate`/`doStream` a model call,
 * `ai.toolCall` a tool, an embedding a model call), `ai.telemetry.functionId` names the call,
 * the prompt and the answer fill `inputs.chat_history` and `outputs`, both token namings fill
 * `metrics`, the model and settings `config`, and `ai.telemetry.metadata.*` `metadata` (its
 * `userId`/`sessionId` naming the user and session, as Langfuse reads them).
 */
export const AI_SDK = Object.freeze<Convention>({
  name: 'ai-sdk',
  kind: {
    attribute: 'ai.operationId',
    types: {
      ...Object.fromEntries(CALLS.map((c) => [`AI.${c}`, 'chain'])),
      ...Object.fromEntries(
        CALLS.map((c) => [`AI.${c}.DO${c.startsWith('STREAM') ? 'STREAM' : 'GENERATE'}`, 'model']),
      ),
      'AI.EMBED': 'chain',
      'AI.EMBEDMANY': 'chain',
      'AI.EMBED.DOEMBED': 'model',
      'AI.EMBEDMANY.DOEMBED': 'model',
      'AI.TOOLCALL': 'tool',
    },
  },
  names: [
    { attribute: 'ai.toolCall.name', types: ['tool'] },
    { attribute: 'ai.telemetry.functionId', types: ['chain'] },
  ],
  rules: [
    { kind: 'value', attribute: 'ai.response.model', field: 'config', key: 'model' },
    { kind: 'json-messages', attribute: 'ai.prompt.messages', field: 'inputs', key: 'chat_history' },
    {
      kind: 'json-messages',
      attribute: 'ai.prompt',
      field: 'inputs',
      key: 'chat_history',
      shape: 'ai-prompt',
    },
    { kind: 'answer', attribute: 'ai.response.text', part: 'content' },
    { kind: 'answer', attribute: 'ai.response.object', part: 'content' },
    { kind: 'answer', attribute: 'ai.response.toolCalls', part: 'tool_calls' },
    { kind: 'value', attribute: 'ai.response.finishReason', field: 'metadata', key: 'finish_reason' },
    { kind: 'value', attribute: 'ai.response.id', field: 'metadata', key: 'response_id' },
    {
      kind: 'value',
      attribute: 'ai.response.msToFirstChunk',
      field: 'metrics',
      key: 'time_to_first_token_ms',
    },
    {
      kind: 'prefix',
      prefix: 'ai.usage.',
      field: 'metrics',
      rename: {
        promptTokens: 'prompt_tokens',
        completionTokens: 'completion_tokens',
        inputTokens: 'prompt_tokens',
        outputTokens: 'completion_tokens',
        totalTokens: 'total_tokens',
        reasoningTokens: 'reasoning_tokens',
        cachedInputTokens: 'cache_read_input_tokens',
        tokens: 'total_tokens',
      },
    },
    { kind: 'value', attribute: 'ai.model.id', field: 'config', key: 'model' },
    { kind: 'value', attribute: 'ai.model.provider', field: 'config', key: 'provider' },
    { kind: 'prefix', prefix: 'ai.settings.', field: 'config' },
    { kind: 'value', attribute: 'ai.telemetry.functionId', field: 'metadata', key: 'function_id' },
    {
      kind: 'prefix',
      prefix: 'ai.telemetry.metadata.',
      field: 'metadata',
      scalars: { userId: 'user_id', user_id: 'user_id', sessionId: 'session_id', session_id: 'session_id' },
    },
    { kind: 'value', attribute: 'ai.toolCall.name', field: 'metadata', key: 'tool_name' },
    { kind: 'value', attribute: 'ai.toolCall.id', field: 'metadata', key: 'tool_call_id' },
    { kind: 'payload', attribute: 'ai.toolCall.args', json: true, field: 'inputs', key: 'arguments' },
    { kind: 'payload', attribute: 'ai.toolCall.result', json: true, field: 'outputs', key: 'result' },
    { kind: 'value', attribute: 'ai.value', field: 'inputs', key: 'value' },
    { kind: 'value', attribute: 'ai.values', field: 'inputs', key: 'values' },
  ],
});
