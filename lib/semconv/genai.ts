import type { Convention } from './convention-types';

/**
 * OpenTelemetry GenAI attributes (`gen_ai.*`), current and earlier names: the operation names
 * the event type, request model and parameters fill `config`, messages (JSON or indexed) fill
 * `inputs.chat_history` and `outputs`, usage fills `metrics`.
 */
export const GENAI = Object.freeze<Convention>({
  name: 'genai',
  kind: {
    attribute: 'gen_ai.operation.name',
    types: {
      CHAT: 'model',
      TEXT_COMPLETION: 'model',
      GENERATE_CONTENT: 'model',
      EMBEDDINGS: 'model',
      EXECUTE_TOOL: 'tool',
      INVOKE_AGENT: 'chain',
      CREATE_AGENT: 'chain',
      AGENT_STEP: 'chain',
    },
  },
  names: [
    { attribute: 'gen_ai.tool.name', types: ['tool'] },
    { attribute: 'gen_ai.agent.name', types: ['chain'] },
  ],
  modelHints: ['gen_ai.request.model', 'gen_ai.system', 'gen_ai.provider.name'],
  rules: [
    // the model that answered (`claude-sonnet-4-5-20250929`) over the one asked for (`claude-sonnet-4-5`)
    { kind: 'value', attribute: 'gen_ai.response.model', field: 'config', key: 'model' },
    {
      kind: 'json-messages',
      attribute: 'gen_ai.input.messages',
      field: 'inputs',
      key: 'chat_history',
    },
    {
      kind: 'json-messages',
      attribute: 'gen_ai.system_instructions',
      field: 'inputs',
      key: 'chat_history',
      prepend: 'system',
    },
    { kind: 'json-messages', attribute: 'gen_ai.output.messages', field: 'outputs' },
    { kind: 'messages', prefix: 'gen_ai.prompt.', field: 'inputs', key: 'chat_history' },
    { kind: 'messages', prefix: 'gen_ai.completion.', field: 'outputs' },
    { kind: 'prefix', prefix: 'gen_ai.request.', field: 'config' },
    { kind: 'value', attribute: 'gen_ai.provider.name', field: 'config', key: 'provider' },
    { kind: 'value', attribute: 'gen_ai.system', field: 'config', key: 'provider' },
    { kind: 'value', attribute: 'gen_ai.response.id', field: 'metadata', key: 'response_id' },
    { kind: 'value', attribute: 'gen_ai.response.finish_reasons', field: 'metadata', key: 'finish_reasons' },
    {
      kind: 'prefix',
      prefix: 'gen_ai.usage.',
      field: 'metrics',
      rename: {
        input_tokens: 'prompt_tokens',
        output_tokens: 'completion_tokens',
        prompt_tokens: 'prompt_tokens',
        completion_tokens: 'completion_tokens',
        total_tokens: 'total_tokens',
        'cache_read.input_tokens': 'cache_read_input_tokens',
        'cache_creation.input_tokens': 'cache_write_input_tokens',
        'cache_write.input_tokens': 'cache_write_input_tokens',
        'reasoning.output_tokens': 'reasoning_tokens',
      },
    },
    {
      kind: 'value',
      attribute: 'gen_ai.client.operation.time_to_first_chunk',
      field: 'metrics',
      key: 'time_to_first_token_ms',
      scale: 1000,
    },
    { kind: 'value', attribute: 'llm.usage.total_tokens', field: 'metrics', key: 'total_tokens' },
    { kind: 'value', attribute: 'llm.request.type', field: 'config', key: 'request_type' },
    { kind: 'value', attribute: 'gen_ai.tool.name', field: 'metadata', key: 'tool_name' },
    { kind: 'value', attribute: 'gen_ai.tool.call.id', field: 'metadata', key: 'tool_call_id' },
    { kind: 'payload', attribute: 'gen_ai.tool.call.arguments', field: 'inputs', key: 'arguments' },
    { kind: 'payload', attribute: 'gen_ai.tool.call.result', json: true, field: 'outputs', key: 'result' },
    { kind: 'value', attribute: 'gen_ai.agent.name', field: 'metadata', key: 'agent_name' },
    { kind: 'scalar', attribute: 'gen_ai.conversation.id', scalar: 'session_id' },
  ],
});
