import type { Convention } from './convention-types';

/**
 * OpenInference (Arize) attributes, mapped the way the HoneyHive backend maps them: LLM spans
 * become model events with `inputs.chat_history`, the answer in `outputs`, model, provider and
 * invocation parameters in `config`, token counts in `metrics`.
 */
export const OPENINFERENCE = Object.freeze<Convention>({
  name: 'openinference',
  kind: {
    attribute: 'openinference.span.kind',
    types: {
      LLM: 'model',
      EMBEDDING: 'model',
      TOOL: 'tool',
      RETRIEVER: 'tool',
      RERANKER: 'tool',
      GUARDRAIL: 'tool',
      EVALUATOR: 'tool',
      CHAIN: 'chain',
      AGENT: 'chain',
      PROMPT: 'chain',
    },
  },
  // LangChain.js names its provider only in its metadata
  fallbacks: [
    { from: ['metadata', 'ls_provider'], to: ['config', 'provider'] },
    { from: ['metadata', 'ls_model_name'], to: ['config', 'model'] },
  ],
  rules: [
    { kind: 'messages', prefix: 'llm.input_messages.', field: 'inputs', key: 'chat_history' },
    { kind: 'messages', prefix: 'llm.output_messages.', field: 'outputs' },
    {
      kind: 'payload',
      attribute: 'input.value',
      mimeAttribute: 'input.mime_type',
      field: 'inputs',
      key: 'input',
    },
    {
      kind: 'payload',
      attribute: 'output.value',
      mimeAttribute: 'output.mime_type',
      field: 'outputs',
      key: 'output',
    },
    { kind: 'value', attribute: 'input.mime_type', field: 'metadata', key: 'input_mime_type' },
    { kind: 'value', attribute: 'output.mime_type', field: 'metadata', key: 'output_mime_type' },
    { kind: 'value', attribute: 'llm.model_name', field: 'config', key: 'model' },
    { kind: 'value', attribute: 'llm.provider', field: 'config', key: 'provider' },
    { kind: 'value', attribute: 'llm.system', field: 'config', key: 'provider' },
    { kind: 'value', attribute: 'llm.finish_reason', field: 'metadata', key: 'finish_reason' },
    { kind: 'spread', attribute: 'llm.invocation_parameters', field: 'config' },
    {
      kind: 'prefix',
      prefix: 'llm.token_count.',
      field: 'metrics',
      rename: {
        prompt: 'prompt_tokens',
        completion: 'completion_tokens',
        total: 'total_tokens',
        'prompt_details.cache_read': 'cache_read_input_tokens',
        'prompt_details.cache_write': 'cache_write_input_tokens',
        'completion_details.reasoning': 'reasoning_tokens',
      },
    },
    { kind: 'value', attribute: 'llm.cost.total', field: 'metrics', key: 'cost' },
    { kind: 'spread', attribute: 'metadata', field: 'metadata' },
    { kind: 'value', attribute: 'tag.tags', field: 'metadata', key: 'tags' },
    { kind: 'scalar', attribute: 'session.id', scalar: 'session_id' },
    { kind: 'scalar', attribute: 'user.id', scalar: 'user_id' },
  ],
});
