import type { FakeRequest } from './fake-model-server';
import { FAKE_TOOL, sendJson } from './fake-model-server';
import { scriptedTurn, textOf } from './fake-script';

/** The model that answers, whatever alias was asked for (as Anthropic's API does). */
export const ANTHROPIC_ANSWERING_MODEL = 'claude-sonnet-4-5-20250929';

/** Usage every Anthropic answer reports: 8 fresh input tokens, 4 read from the cache, 5 output. */
export const ANTHROPIC_USAGE = {
  input_tokens: 8,
  cache_read_input_tokens: 4,
  cache_creation_input_tokens: 0,
  output_tokens: 5,
};

type Block = Record<string, any>;

/** Anthropic `POST /v1/messages` (not streamed): text, or a text block and a `tool_use` block. */
export function anthropicMessages({ body, res }: FakeRequest): void {
  if (body.model === 'fail')
    return sendJson(res, 400, {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'model: fail is not a model' },
    });
  const messages = (body.messages ?? []) as { role: string; content: string | Block[] }[];
  const blocks = messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
  const results = blocks.filter((b) => b.type === 'tool_result');
  const lastUser = messages.filter((m) => m.role === 'user').at(-1);
  const turn = scriptedTurn(
    Array.isArray(body.tools) && body.tools.length > 0,
    results.length > 0,
    results.map((r) => textOf(r.content)).at(-1),
    textOf(lastUser?.content),
  );
  const content: Block[] = [{ type: 'text', text: turn.text }];
  if (turn.toolCall)
    content.push({ type: 'tool_use', id: 'toolu_1', name: FAKE_TOOL.name, input: FAKE_TOOL.arguments });
  sendJson(res, 200, {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model: ANTHROPIC_ANSWERING_MODEL,
    content,
    stop_reason: turn.toolCall ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: ANTHROPIC_USAGE,
  });
}
