/** A chat message as HoneyHive shows it: `{ role, content, tool_calls?, … }`. */
export type ChatMessage = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

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

/** Text of GenAI `parts` (`[{ type: 'text', content }]`), or the parts themselves when not all text. */
function partsContent(parts: unknown[]): unknown {
  const texts = parts.map((p) =>
    isObject(p) && (p.type === 'text' || p.type === undefined) ? (p.content ?? p.text) : undefined,
  );
  return texts.every((t) => typeof t === 'string') ? texts.join('') : parts;
}

/** One message in HoneyHive's shape, from OpenInference, legacy GenAI or current GenAI shapes. */
export function normalizeMessage(raw: unknown): ChatMessage {
  const m = unwrap(raw);
  if (!isObject(m)) return { role: 'user', content: m };
  const out: ChatMessage = { ...m };
  if (out.content === undefined && Array.isArray(out.parts)) {
    out.content = partsContent(out.parts);
    const calls = out.parts.filter((p) => isObject(p) && p.type === 'tool_call');
    if (calls.length > 0) out.tool_calls = calls;
    delete out.parts;
  }
  if (out.content === undefined && Array.isArray(out.contents)) {
    out.content = partsContent(out.contents);
    delete out.contents;
  }
  return out;
}

/**
 * A list of messages from a parsed value: an array, an indexed object (`{0: …, 1: …}` with gaps),
 * or one message.
 */
export function messageList(value: unknown): ChatMessage[] {
  if (Array.isArray(value)) return value.map(normalizeMessage);
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k)))
      return keys.sort((a, b) => Number(a) - Number(b)).map((k) => normalizeMessage(value[k]));
  }
  return value === undefined ? [] : [normalizeMessage(value)];
}

/** GenAI system instructions (a string, or a list of parts) as one system message. */
export function systemMessage(value: unknown): ChatMessage {
  if (!Array.isArray(value)) return { role: 'system', content: value };
  return { role: 'system', content: partsContent(value) };
}
