/** The content parts of every convention, read one way: text, tool calls, tool results. */

type Part = Record<string, unknown>;

/** A plain object (not an array, not null). */
export const isObject = (v: unknown): v is Part => v !== null && typeof v === 'object' && !Array.isArray(v);

const TEXT_TYPES = new Set(['text', 'input_text', 'output_text']);
const CALL_TYPES = new Set(['tool_call', 'tool-call', 'tool_use', 'function_call', 'server_tool_use']);
const RESULT_TYPES = new Set(['tool_call_response', 'tool-result', 'tool_result', 'function_call_output']);

/** The text of a text part (`{ type: 'text' | 'input_text' | 'output_text', text | content }`), else undefined. */
function textOf(p: unknown): string | undefined {
  if (typeof p === 'string') return p;
  if (!isObject(p) || (p.type !== undefined && !TEXT_TYPES.has(String(p.type)))) return undefined;
  const t = p.text ?? p.content;
  return typeof t === 'string' ? t : undefined;
}

/** A tool call in any convention's shape (a part, or an entry of `tool_calls`). */
export function isToolCallPart(p: unknown): boolean {
  if (!isObject(p)) return false;
  // OpenInference's Anthropic content block: { message_content: { type: 'tool_use' }, tool_call: {…} }
  if (isObject(p.tool_call)) return true;
  if (typeof p.type === 'string')
    return CALL_TYPES.has(p.type) || (p.type === 'function' && isObject(p.function));
  return typeof p.toolCallId === 'string' && typeof p.toolName === 'string';
}

/** A tool result in any convention's shape. */
export function isToolResultPart(p: unknown): boolean {
  return isObject(p) && typeof p.type === 'string' && RESULT_TYPES.has(p.type);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Arguments as OpenAI sends them: a JSON string. */
function argumentsText(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v ?? {});
  } catch {
    return String(v);
  }
}

/**
 * A tool call in OpenAI's shape, `{ id, type: 'function', function: { name, arguments } }`, from
 * OpenAI/OpenInference (`{ id, function }`), GenAI (`{ id, name, arguments }`), the AI SDK
 * (`{ toolCallId, toolName, input | args }`), Anthropic (`{ id, name, input }`) or the Responses
 * API (`{ call_id, name, arguments }`).
 */
export function toolCallOf(p: unknown): Part {
  if (isObject(p) && isObject(p.tool_call)) return toolCallOf(p.tool_call);
  if (!isObject(p)) return { type: 'function', function: { name: 'tool', arguments: argumentsText(p) } };
  const fn = isObject(p.function) ? p.function : p;
  const id = str(p.id) ?? str(p.toolCallId) ?? str(p.call_id) ?? str(p.tool_call_id);
  const name = str(fn.name) ?? str(p.toolName) ?? 'tool';
  const args = fn.arguments ?? p.input ?? p.args;
  return { ...(id ? { id } : {}), type: 'function', function: { name, arguments: argumentsText(args) } };
}

/** The value a tool returned: the AI SDK's `{ type, value }` output unwrapped, a list of text blocks joined. */
function resultValue(v: unknown): unknown {
  if (isObject(v) && typeof v.type === 'string' && 'value' in v) return v.value;
  if (Array.isArray(v) && v.every((x) => textOf(x) !== undefined)) return v.map(textOf).join('');
  return v;
}

/** A tool result as a tool message, `{ role: 'tool', tool_call_id, content }` (and the tool's `name` when sent). */
export function toolResultOf(raw: unknown): Record<string, unknown> {
  const p = isObject(raw) ? raw : { content: raw };
  const id = str(p.id) ?? str(p.toolCallId) ?? str(p.tool_use_id) ?? str(p.call_id);
  const name = str(p.toolName) ?? str(p.name);
  return {
    role: 'tool',
    ...(id ? { tool_call_id: id } : {}),
    ...(name ? { name } : {}),
    content: resultValue(p.response ?? p.output ?? p.result ?? p.content),
  };
}

/**
 * Message content from parts that are not tool calls or results: their text joined when every
 * part is text, else the parts (text parts as `{ type: 'text', text }`, images and files as sent).
 */
export function contentOf(parts: readonly unknown[]): unknown {
  const texts = parts.map(textOf);
  if (texts.every((t) => t !== undefined)) return texts.join('');
  return parts.map((p, i) => (texts[i] !== undefined ? { type: 'text', text: texts[i] } : p));
}
