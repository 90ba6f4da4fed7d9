import type { EventType } from './honeyhive';

/** The fields of a HoneyHive event a convention can fill. */
export type MappedField = 'inputs' | 'outputs' | 'config' | 'metrics' | 'metadata' | 'user_properties';

/** The event-level values a convention can name (besides the field contents). */
export type MappedScalar = 'session_id' | 'project' | 'source' | 'user_id' | 'event_name';

/**
 * One rule of a convention table. `attribute` rules match one attribute; `prefix` rules match
 * every attribute under a prefix (the prefix ends with a dot).
 */
export type ConventionRule =
  /**
   * One attribute into one key of a field: `llm.model_name` → `config.model`; `scale` converts a
   * number (seconds → milliseconds).
   */
  | { kind: 'value'; attribute: string; field: MappedField; key: string; scale?: number }
  /** An event-level value: `session.id` → the event's session. */
  | { kind: 'scalar'; attribute: string; scalar: MappedScalar }
  /** A JSON object (string) spread into a field: `llm.invocation_parameters` → `config`. */
  | { kind: 'spread'; attribute: string; field: MappedField }
  /**
   * A payload: a JSON object (by its mime type attribute, or by its shape) spread into the field,
   * anything else kept under `key`. Skipped when the field already has content (an LLM span's
   * messages say more than its raw request body).
   */
  | {
      kind: 'payload';
      attribute: string;
      mimeAttribute?: string;
      /** The value is always JSON (Traceloop's entity input and output): decode it whatever it holds. */
      json?: boolean;
      field: MappedField;
      key: string;
    }
  /**
   * Indexed, flattened messages under a prefix (`llm.input_messages.0.message.role`) rebuilt as a
   * list. With `key`, the list lands under it (`inputs.chat_history`); without, the first message
   * is spread into the field and a longer list is kept under `choices` (outputs).
   */
  | { kind: 'messages'; prefix: string; field: MappedField; key?: string }
  /**
   * A JSON list of messages in one attribute (`gen_ai.input.messages`); `key` as for `messages`.
   * `shape: 'ai-prompt'` reads the AI SDK's `{ system, prompt | messages }` instead.
   */
  | {
      kind: 'json-messages';
      attribute: string;
      field: MappedField;
      key?: string;
      prepend?: 'system';
      shape?: 'ai-prompt';
    }
  /**
   * One part of the answer, as an assistant message in `outputs`: its text (`content`) or its
   * tool calls (a JSON list, in OpenAI's shape).
   */
  | { kind: 'answer'; attribute: string; part: 'content' | 'tool_calls' }
  /**
   * Every attribute under a prefix into a field, keyed by the rest of its name (renamed by
   * `rename`, nested at dots). `scalars` routes some keys to event-level values instead.
   */
  | {
      kind: 'prefix';
      prefix: string;
      field: MappedField;
      rename?: Readonly<Record<string, string>>;
      scalars?: Readonly<Record<string, MappedScalar>>;
      /** Keys (after the prefix) that also land in another field: `user_id` → `user_properties.user_id`. */
      also?: Readonly<Record<string, MappedField>>;
      /** Nest every key under this one: `experiment_metadata`. */
      into?: string;
    };

/** A semantic convention: how its span kind names the event type, and its attribute rules. */
export interface Convention {
  /** `openinference`, `genai`, `traceloop`. */
  readonly name: string;
  /** The attribute holding the span's kind, and the event type of each kind (upper-cased). */
  readonly kind?: { readonly attribute: string; readonly types: Readonly<Record<string, EventType>> };
  /** Attributes whose presence alone makes a span a model event (when no kind says otherwise). */
  readonly modelHints?: readonly string[];
  /**
   * Attributes that name the event, each for events of the given types (the first present
   * wins): `ai.toolCall.name` names a tool event.
   */
  readonly names?: readonly { readonly attribute: string; readonly types: readonly EventType[] }[];
  /**
   * Keys filled from another key when no rule filled them: LangChain's provider from
   * `metadata.ls_provider`.
   */
  readonly fallbacks?: readonly {
    readonly from: readonly [MappedField, string];
    readonly to: readonly [MappedField, string];
  }[];
  readonly rules: readonly ConventionRule[];
}
