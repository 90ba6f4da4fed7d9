import type { FakeRequest } from './fake-model-server';
import { FAKE_TOOL, sendEvents, sendJson, sendUnknownModel } from './fake-model-server';
import { scriptedTurn, textOf } from './fake-script';

/** Usage every Responses answer reports (4 cached input tokens, 2 reasoning tokens). */
export const RESPONSES_USAGE = {
  input_tokens: 12,
  input_tokens_details: { cached_tokens: 4 },
  output_tokens: 5,
  output_tokens_details: { reasoning_tokens: 2 },
  total_tokens: 17,
};

type Item = Record<string, any>;

function outputItems(toolCall: boolean, text: string): Item[] {
  if (toolCall)
    return [
      {
        type: 'function_call',
        id: 'fc_1',
        call_id: 'call_1',
        name: FAKE_TOOL.name,
        arguments: JSON.stringify(FAKE_TOOL.arguments),
        status: 'completed',
      },
    ];
  return [
    {
      type: 'message',
      id: 'msg_1',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text, annotations: [] }],
    },
  ];
}

/** The stream of one answer: created, each item added and done (with its deltas), completed. */
function streamOf(response: Item): { event: string; data: unknown }[] {
  const out: Item[] = [
    { type: 'response.created', response: { ...response, status: 'in_progress', output: [] } },
  ];
  (response.output as Item[]).forEach((item, output_index) => {
    const empty = item.type === 'message' ? { ...item, content: [] } : { ...item, arguments: '' };
    out.push({ type: 'response.output_item.added', output_index, item: empty });
    if (item.type === 'message') {
      const part = item.content[0];
      const at = { item_id: item.id, output_index, content_index: 0 };
      out.push({ type: 'response.content_part.added', ...at, part: { ...part, text: '' } });
      out.push({ type: 'response.output_text.delta', ...at, delta: part.text.slice(0, 4), logprobs: [] });
      out.push({ type: 'response.output_text.delta', ...at, delta: part.text.slice(4), logprobs: [] });
      out.push({ type: 'response.output_text.done', ...at, text: part.text, logprobs: [] });
      out.push({ type: 'response.content_part.done', ...at, part });
    } else {
      out.push({
        type: 'response.function_call_arguments.delta',
        item_id: item.id,
        output_index,
        delta: item.arguments,
      });
      out.push({
        type: 'response.function_call_arguments.done',
        item_id: item.id,
        output_index,
        arguments: item.arguments,
      });
    }
    out.push({ type: 'response.output_item.done', output_index, item });
  });
  out.push({ type: 'response.completed', response });
  return out.map((data, sequence_number) => ({ event: data.type, data: { ...data, sequence_number } }));
}

/** OpenAI `POST /v1/responses`, plain and streamed. */
export function openaiResponses({ body, res }: FakeRequest): void {
  const model = String(body.model ?? 'local');
  if (model === 'fail') return sendUnknownModel(res, model);
  const input: Item[] =
    typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input ?? []);
  const results = input.filter((i) => i.type === 'function_call_output');
  const turn = scriptedTurn(
    Array.isArray(body.tools) && body.tools.length > 0,
    results.length > 0,
    results.map((r) => textOf(r.output)).at(-1),
    textOf(input.filter((i) => i.role === 'user').at(-1)?.content),
  );
  const response = {
    id: 'resp_fake',
    object: 'response',
    created_at: 1_700_000_000,
    status: 'completed',
    model,
    output: outputItems(turn.toolCall, turn.text),
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: body.tools ?? [],
    usage: RESPONSES_USAGE,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    metadata: {},
    temperature: body.temperature ?? 1,
    top_p: 1,
    text: { format: { type: 'text' } },
  };
  if (body.stream) return sendEvents(res, streamOf(response));
  sendJson(res, 200, response);
}
