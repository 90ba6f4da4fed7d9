import type { FakeRequest } from './fake-model-server';
import { FAKE_TOOL, sendEvents, sendJson, sendUnknownModel } from './fake-model-server';
import { scriptedTurn, textOf } from './fake-script';

/** Usage every chat answer reports: 4 of the 12 prompt tokens cached, 2 of the 5 completion tokens reasoning. */
export const CHAT_USAGE = {
  prompt_tokens: 12,
  completion_tokens: 5,
  total_tokens: 17,
  prompt_tokens_details: { cached_tokens: 4 },
  completion_tokens_details: { reasoning_tokens: 2 },
};

/** OpenAI `POST /v1/chat/completions`, plain and streamed (`stream_options.include_usage` honoured). */
export function openaiChat({ body, res }: FakeRequest): void {
  const model = String(body.model ?? 'local');
  if (model === 'fail') return sendUnknownModel(res, model);
  const messages = (body.messages ?? []) as { role: string; content: unknown }[];
  const turn = scriptedTurn(
    Array.isArray(body.tools) && body.tools.length > 0,
    messages.some((m) => m.role === 'tool'),
    messages
      .filter((m) => m.role === 'tool')
      .map((m) => textOf(m.content))
      .at(-1),
    textOf(messages.filter((m) => m.role === 'user').at(-1)?.content),
    /json/.test(String(body.response_format?.type ?? '')),
  );
  const toolCalls = turn.toolCall
    ? [
        {
          id: 'call_1',
          type: 'function',
          function: { name: FAKE_TOOL.name, arguments: JSON.stringify(FAKE_TOOL.arguments) },
        },
      ]
    : undefined;
  const finish = toolCalls ? 'tool_calls' : 'stop';
  const base = { id: 'chatcmpl-fake', created: 1_700_000_000, model };
  if (!body.stream)
    return sendJson(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          finish_reason: finish,
          message: {
            role: 'assistant',
            content: toolCalls ? null : turn.text,
            ...(toolCalls ? { tool_calls: toolCalls } : {}),
          },
        },
      ],
      usage: CHAT_USAGE,
    });
  const chunk = (delta: object, finish_reason: string | null) => ({
    data: { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason }] },
  });
  const items = toolCalls
    ? [
        chunk(
          {
            role: 'assistant',
            tool_calls: [{ index: 0, ...toolCalls[0], function: { name: FAKE_TOOL.name, arguments: '' } }],
          },
          null,
        ),
        chunk(
          { tool_calls: [{ index: 0, function: { arguments: toolCalls[0]!.function.arguments } }] },
          null,
        ),
        chunk({}, finish),
      ]
    : [
        chunk({ role: 'assistant', content: turn.text.slice(0, 4) }, null),
        chunk({ content: turn.text.slice(4) }, null),
        chunk({}, finish),
      ];
  if (body.stream_options?.include_usage)
    items.push({ data: { ...base, object: 'chat.completion.chunk', choices: [], usage: CHAT_USAGE } as any });
  sendEvents(res, [...items, { data: '[DONE]' }]);
}
