import type { Child } from './dom.js';
import { el } from './dom.js';
import type { ViewerEvent } from '../viewer-api';

type Message = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const asMessages = (v: unknown): Message[] | undefined =>
  Array.isArray(v) && v.length > 0 && v.every(isObject) ? v : undefined;

/** The prompt of a model event: `inputs.chat_history` (HoneyHive), `inputs.messages`, or a bare prompt. */
export function promptOf(e: ViewerEvent): Message[] {
  const inputs = e.inputs ?? {};
  const list = asMessages(inputs.chat_history) ?? asMessages(inputs.messages);
  if (list) return list;
  return typeof inputs.prompt === 'string' ? [{ role: 'user', content: inputs.prompt }] : [];
}

/** The answer of a model event: a message in `outputs`, its `messages` or `choices`, or bare text. */
export function answerOf(e: ViewerEvent): Message[] {
  const out = e.outputs ?? {};
  if (typeof out.role === 'string' || out.tool_calls !== undefined) return [out];
  const list = asMessages(out.messages);
  if (list) return list;
  if (Array.isArray(out.choices))
    return out.choices.map((c) =>
      isObject(c) && isObject(c.message) ? c.message : { role: 'assistant', content: c },
    );
  for (const key of ['content', 'completion', 'text', 'result'])
    if (typeof out[key] === 'string') return [{ role: 'assistant', content: out[key] }];
  return [];
}

/** Message content as text: a string, the text parts of a list, else indented JSON. */
function contentText(content: unknown): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  if (
    Array.isArray(content) &&
    content.every((p) => isObject(p) && typeof (p.text ?? p.content) === 'string')
  )
    return content.map((p) => String((p as Message).text ?? (p as Message).content)).join('\n');
  return JSON.stringify(content, null, 2);
}

/** Arguments of a tool call, indented when they are JSON. */
function argumentsText(args: unknown): string {
  if (typeof args !== 'string') return JSON.stringify(args ?? {}, null, 2);
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}

/** Tool calls paired with the tool messages that answer them, and those messages. */
interface Pairing {
  results: Map<unknown, Message>;
  answered: Set<Message>;
}

/**
 * Pairs each tool call of a conversation with its result: the tool message naming its id, else
 * (conventions that send no ids) the next unanswered call before it, in order.
 */
export function pairToolResults(messages: readonly Message[]): Pairing {
  const results = new Map<unknown, Message>();
  const answered = new Set<Message>();
  const open: Record<string, unknown>[] = [];
  for (const m of messages) {
    if (Array.isArray(m.tool_calls)) for (const c of m.tool_calls) if (isObject(c)) open.push(c);
    if (m.role !== 'tool') continue;
    const id = m.tool_call_id;
    const at =
      typeof id === 'string' ? open.findIndex((c) => c.id === id) : open.findIndex((c) => c.id === undefined);
    if (at < 0) continue;
    results.set(open[at], m);
    answered.add(m);
    open.splice(at, 1);
  }
  return { results, answered };
}

function toolCall(call: unknown, result: Message | undefined): HTMLElement {
  const c = isObject(call) ? call : {};
  const fn = isObject(c.function) ? c.function : c;
  const name = fn.name ?? c.name ?? 'tool call';
  return el(
    'div',
    { className: 'tool-call' },
    el(
      'div',
      { className: 'tool-name' },
      '→ ',
      String(name),
      c.id ? el('span', { className: 'muted' }, ` (${String(c.id)})`) : null,
    ),
    el('pre', {}, argumentsText(fn.arguments ?? c.arguments ?? c.args)),
    result
      ? el(
          'div',
          { className: 'tool-result', 'data-role': 'tool' },
          el('div', { className: 'tool-name' }, '← result'),
          el('pre', {}, contentText(result.content)),
        )
      : null,
  );
}

/** One message: its role, who, its text and any tool calls (each with its result, when paired), all as text. */
export function messageView(m: Message, pairing?: Pairing): HTMLElement {
  const role = typeof m.role === 'string' ? m.role : 'message';
  const who: Child[] = [];
  if (typeof m.name === 'string') who.push(` · ${m.name}`);
  if (typeof m.tool_call_id === 'string') who.push(` · reply to ${m.tool_call_id}`);
  const text = contentText(m.content);
  const calls = Array.isArray(m.tool_calls) ? m.tool_calls : [];
  return el(
    'div',
    { className: `message role-${role.toLowerCase().replace(/[^a-z]/g, '') || 'other'}`, 'data-role': role },
    el('div', { className: 'role' }, role, ...who),
    text ? el('pre', { className: 'content' }, text) : null,
    ...calls.map((c) => toolCall(c, pairing?.results.get(c))),
  );
}

/**
 * The conversation of a model event, prompt then answer, each tool result shown under the call
 * it answers; `null` when it carries no messages.
 */
export function conversation(e: ViewerEvent): HTMLElement | null {
  const prompt = promptOf(e);
  const answer = answerOf(e);
  if (prompt.length === 0 && answer.length === 0) return null;
  const pairing = pairToolResults(prompt);
  const shown = (list: Message[]) =>
    list.filter((m) => !pairing.answered.has(m)).map((m) => messageView(m, pairing));
  return el(
    'div',
    { className: 'conversation' },
    ...shown(prompt),
    answer.length ? el('div', { className: 'answer-label muted' }, 'Response') : null,
    ...shown(answer),
  );
}
