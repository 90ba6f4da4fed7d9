/** What the fake model answers on one turn: one tool call, or text. */
export interface ScriptedTurn {
  readonly toolCall: boolean;
  readonly text: string;
}

/** What the fake model answers when JSON output is asked for. */
export const FAKE_OBJECT_TEXT = '{"city":"Lisbon","sunny":true}';

/**
 * The one script every fake API follows: tools offered and no tool result yet → call the tool;
 * a tool result → `Answer: <result>`; a request for JSON output → {@link FAKE_OBJECT_TEXT}; else `echo: <last user text>`.
 */
export function scriptedTurn(
  toolsOffered: boolean,
  hasToolResult: boolean,
  toolResult: string | undefined,
  lastUserText: string,
  json = false,
): ScriptedTurn {
  if (json) return { toolCall: false, text: FAKE_OBJECT_TEXT };
  if (toolsOffered && !hasToolResult) return { toolCall: true, text: 'Let me check.' };
  if (hasToolResult) return { toolCall: false, text: `Answer: ${toolResult ?? ''}` };
  return { toolCall: false, text: `echo: ${lastUserText}` };
}

/** The text of a message's content: a string, or the text of its parts (`text`, `input_text`, tool results). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    return content === undefined || content === null ? '' : JSON.stringify(content);
  return content
    .map((p: any) =>
      typeof p === 'string'
        ? p
        : typeof p?.text === 'string'
          ? p.text
          : p?.content !== undefined
            ? textOf(p.content)
            : '',
    )
    .join('');
}
