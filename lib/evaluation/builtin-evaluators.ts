import type { Evaluator, EvaluatorResult } from './evaluator';
import { evaluator } from './evaluator';

/** An answer as text: a string as is, else its `text`, `content` or `answer` field, else its JSON. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    for (const k of ['text', 'content', 'answer', 'output']) {
      const f = (v as Record<string, unknown>)[k];
      if (typeof f === 'string') return f;
    }
  }
  return v === undefined || v === null ? '' : JSON.stringify(v);
}

/** A value, or the JSON a string holds; `undefined` when a string is not JSON. */
function jsonOf(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}

/** The output equals the ground truth as text (trimmed; `ignoreCase` to compare without case). */
export function exactMatch(options: { ignoreCase?: boolean; name?: string } = {}): Evaluator {
  const norm = (s: string) => (options.ignoreCase ? s.trim().toLowerCase() : s.trim());
  return evaluator((o, _i, g) => norm(textOf(o)) === norm(textOf(g)), {
    name: options.name ?? 'exact_match',
  });
}

/** The output contains `needle` (default: the ground truth), as text. */
export function contains(needle?: string, options: { ignoreCase?: boolean; name?: string } = {}): Evaluator {
  const norm = (s: string) => (options.ignoreCase ? s.toLowerCase() : s);
  return evaluator((o, _i, g) => norm(textOf(o)).includes(norm(needle ?? textOf(g))), {
    name: options.name ?? 'contains',
  });
}

/** The output matches a regular expression, as text. */
export function matchesRegex(pattern: RegExp, options: { name?: string } = {}): Evaluator {
  return evaluator((o) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(textOf(o)), {
    name: options.name ?? 'matches_regex',
  });
}

/** The output is JSON: an object or array, or a string that parses as one. */
export function jsonParses(options: { name?: string } = {}): Evaluator {
  return evaluator(
    (o) => {
      const v = jsonOf(o);
      return v !== null && typeof v === 'object';
    },
    { name: options.name ?? 'json_parses' },
  );
}

/** A schema: a zod-like object (`safeParse`) or a predicate. */
export type SchemaLike = { safeParse(v: unknown): { success: boolean } } | ((v: unknown) => boolean);

/** The output (or the JSON a string output holds) satisfies a schema: zod's, or any `safeParse`, or a predicate. */
export function matchesSchema(schema: SchemaLike, options: { name?: string } = {}): Evaluator {
  return evaluator(
    (o) => {
      const v = jsonOf(o);
      if (v === undefined) return false;
      return typeof schema === 'function' ? schema(v) : schema.safeParse(v).success;
    },
    { name: options.name ?? 'matches_schema' },
  );
}

/** The output is a number within `tolerance` of the ground truth (absolute, or `relative` to it). */
export function numericCloseness(
  options: { tolerance?: number; relative?: boolean; name?: string } = {},
): Evaluator {
  const tolerance = options.tolerance ?? 1e-6;
  return evaluator(
    (o, _i, g) => {
      const a = Number(typeof o === 'object' && o !== null ? textOf(o) : o);
      const b = Number(typeof g === 'object' && g !== null ? textOf(g) : g);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return Math.abs(a - b) <= (options.relative ? tolerance * Math.abs(b) : tolerance);
    },
    { name: options.name ?? 'numeric_closeness' },
  );
}

/** Options of {@link llmJudge}. */
export interface LlmJudgeOptions {
  /** Your model call: given the prompt, the model's reply. hivetrace makes no request of its own. */
  model: (prompt: string) => string | Promise<string>;
  /** What a good answer is ("answers the question, politely, in one sentence"). */
  criteria: string;
  name?: string;
}

/**
 * An LLM as a judge: asks your model to score the output against the criteria (given the input
 * and the expected answer), and reads the first number from 0 to 1 in its reply as the score,
 * the reply as the explanation. No network of its own.
 */
export function llmJudge(options: LlmJudgeOptions): Evaluator {
  return evaluator(
    async (o, i, g): Promise<EvaluatorResult> => {
      const prompt = [
        `Judge the answer against these criteria: ${options.criteria}`,
        `Input: ${JSON.stringify(i)}`,
        `Expected: ${textOf(g)}`,
        `Answer: ${textOf(o)}`,
        'Reply with a score from 0 (fails) to 1 (fully meets the criteria), then one sentence why.',
      ].join('\n');
      const reply = await options.model(prompt);
      const m = /(?:^|[^\d.])(1(?:\.0+)?|0(?:\.\d+)?|\.\d+)(?![\d.])/.exec(reply);
      if (!m) return { score: 0, explanation: `no score in the judge's reply: ${reply}` };
      return { score: Number(m[1]), explanation: reply };
    },
    { name: options.name ?? 'llm_judge' },
  );
}
