import {
  contentOf,
  isObject,
  isToolCallPart,
  isToolResultPart,
  toolCallOf,
  toolResultOf,
} from './message-parts';

/** A chat message as HoneyHive shows it: `{ role, content, tool_calls?, tool_call_id? }`. */
export type ChatMessage = Record<string, unknown>;

/** Unwraps OpenInference's `{ message: {...} }` / `{ tool_call: {...} }` wrappers, recursively. */
function unwrap(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrap);
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  if (
    keys.length === 1 &&
    ['message', 'tool_call', 'message_content', 'document'].includes(keys[0]!) &&
    isObject(v[keys[0]!])
  )
    return unwrap(v[keys[0]!]);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = unwrap(v[k]);
  return out;
}

/** The parts list of a message, whichever convention named it: GenAI `parts`, OpenInference `contents`, a list `content`. */
function partsOf(m: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(m.parts)) return m.parts;
  if (Array.isArray(m.contents) && (m.content === undefined || m.content === null)) return m.contents;
  if (Array.isArray(m.content)) return m.content;
  return undefined;
}

/**
 * One message of any convention in HoneyHive's shape, as one or more messages: text parts
 * (`text`, `input_text`, `output_text`) joined into `content`; tool-call parts (GenAI
 * `tool_call`, AI SDK `tool-call`, Anthropic `tool_use`, Responses `function_call`) into
 * OpenAI-shaped `tool_calls`; every tool-result part (GenAI `tool_call_response`, AI SDK
 * `tool-result`, Anthropic `tool_result`, Responses `function_call_output`) into its own
 * `{ role: 'tool', tool_call_id, content }`; images and files kept as parts.
 */
export function normalizeMessages(raw: unknown): ChatMessage[] {
  const m = unwrap(raw);
  if (!isObject(m)) return [{ role: 'user', content: m }];
  if (isToolResultPart(m)) return [toolResultOf(m)];
  if (isToolCallPart(m)) return [{ role: 'assistant', content: '', tool_calls: [toolCallOf(m)] }];
  const out: ChatMessage = { ...m };
  delete out.parts;
  delete out.contents;
  const parts = partsOf(m);
  const results: ChatMessage[] = [];
  if (parts) {
    const calls = parts.filter(isToolCallPart).map(toolCallOf);
    results.push(...parts.filter(isToolResultPart).map(toolResultOf));
    const rest = parts.filter((p) => !isToolCallPart(p) && !isToolResultPart(p));
    out.content = contentOf(rest);
    if (calls.length > 0 && !Array.isArray(m.tool_calls)) out.tool_calls = calls;
  }
  if (Array.isArray(out.tool_calls)) out.tool_calls = out.tool_calls.map(toolCallOf);
  // a tool result sent as a user message (OpenInference's Anthropic instrumentation): a tool message
  if (typeof out.tool_call_id === 'string' && out.role !== 'tool') out.role = 'tool';
  const keep =
    results.length === 0 || (typeof out.content === 'string' && out.content !== '') || out.tool_calls;
  if (!keep) return results;
  // an assistant message that holds a whole exchange (GenAI's agent output) stays first
  return out.role === 'assistant' ? [out, ...results] : [...results, out];
}

/** One message (the first, when a message splits into tool results and text). */
export function normalizeMessage(raw: unknown): ChatMessage {
  return normalizeMessages(raw)[0] ?? { role: 'user', content: '' };
}

/**
 * A list of messages from a parsed value: an array, an indexed object (`{0: …, 1: …}` with gaps),
 * or one message.
 */
export function messageList(value: unknown): ChatMessage[] {
  if (Array.isArray(value)) return value.flatMap(normalizeMessages);
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k)))
      return keys.sort((a, b) => Number(a) - Number(b)).flatMap((k) => normalizeMessages(value[k]));
  }
  return value === undefined ? [] : normalizeMessages(value);
}

/** GenAI system instructions (a string, or a list of parts) as one system message. */
export function systemMessage(value: unknown): ChatMessage {
  if (!Array.isArray(value)) return { role: 'system', content: value };
  return { role: 'system', content: contentOf(value) };
}

/**
 * The AI SDK's `ai.prompt` (`{ system?, prompt? | messages? }`) as a conversation: the system
 * message first, then the prompt as a user message or the messages.
 */
export function promptMessages(value: unknown): ChatMessage[] {
  if (!isObject(value)) return typeof value === 'string' ? [{ role: 'user', content: value }] : [];
  const out: ChatMessage[] = [];
  if (value.system !== undefined && value.system !== null) out.push(systemMessage(value.system));
  if (typeof value.prompt === 'string') out.push({ role: 'user', content: value.prompt });
  else if (Array.isArray(value.prompt)) out.push(...messageList(value.prompt));
  if (Array.isArray(value.messages)) out.push(...messageList(value.messages));
  return out;
}
