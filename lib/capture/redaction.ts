import type { RedactionOptions, ValueRuleOption } from './CaptureOptions';
import type { ValueRule } from './secret-rules';
import { KEY_RULES, keyWords, VALUE_RULES } from './secret-rules';

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * A compiled redaction rule: called with a key, true when the value under it must not be
 * captured; its `value` masks secrets inside any captured string.
 */
export type RedactionRule = ((key: string, path: readonly string[]) => boolean) & {
  /** Masks what the value rules find in `s` (returns `s` itself when nothing matches). */
  readonly value: (s: string) => string;
};

function toRegExp(p: string | RegExp): RegExp {
  if (p instanceof RegExp) return p;
  return new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

function toValueRule(v: ValueRuleOption): ValueRule {
  const rule = v instanceof RegExp ? { pattern: v } : v;
  const flags = rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`;
  return { pattern: new RegExp(rule.pattern.source, flags), replace: rule.replace };
}

/** The shortest string a default value rule can match (`a://b:c@d`); shorter ones skip them. */
const MIN_SECRET_LENGTH = 10;

/**
 * Builds the string scrubber. The default rules run only when the string holds one of their
 * literal triggers (`Bearer`, `://`, `sk-`, …), found by one scan of a literal alternation, so a
 * string with no secret in it (almost all of them) costs that scan, and a short one nothing.
 * Your own rules are tested one by one.
 */
function compileValueRules(defaults: readonly ValueRule[], own: readonly ValueRule[]): (s: string) => string {
  const trigger =
    defaults.length > 0
      ? new RegExp(defaults.map((r) => r.trigger ?? r.pattern.source).join('|'))
      : undefined;
  const replaceAll = (s: string, rules: readonly ValueRule[]): string => {
    let out = s;
    for (const r of rules) {
      r.pattern.lastIndex = 0;
      out = out.replace(r.pattern, r.replace ?? REDACTED);
    }
    return out;
  };
  return (s) => {
    let out = s;
    if (trigger && s.length >= MIN_SECRET_LENGTH && trigger.test(s)) out = replaceAll(out, defaults);
    if (own.length > 0) out = replaceAll(out, own);
    return out;
  };
}

/** Compiles redaction options once per tracer; `undefined` means redaction is off. */
export function compileRedaction(options: Readonly<RedactionOptions>): RedactionRule | undefined {
  if (options.enabled === false) return undefined;
  const disabled = new Set(options.disable ?? []);
  const keyRules = Object.entries(KEY_RULES)
    .filter(([name]) => !disabled.has(name))
    .map(([, rule]) => rule);
  const patterns = [...(options.patterns ?? []), ...(options.keys ?? [])].map(toRegExp);
  const defaultValueRules = Object.entries(VALUE_RULES)
    .filter(([name]) => !disabled.has(`value:${name}`))
    .map(([, rule]) => rule);
  const ownValueRules = (options.values ?? []).map(toValueRule);
  const custom = options.shouldRedact;
  const cache = new Map<string, boolean>();
  const byKey = (key: string, path: readonly string[]): boolean => {
    if (custom) {
      try {
        const verdict = custom(key, path);
        if (verdict !== undefined) return verdict;
      } catch {
        // a throwing user function falls back to the default rule
      }
    }
    let hit = cache.get(key);
    if (hit === undefined) {
      const words = keyWords(key);
      hit =
        keyRules.some((rule) => rule(words)) ||
        patterns.some((p) => {
          p.lastIndex = 0;
          return p.test(key);
        });
      if (cache.size < 10_000) cache.set(key, hit);
    }
    return hit;
  };
  return Object.assign(byKey, { value: compileValueRules(defaultValueRules, ownValueRules) });
}
