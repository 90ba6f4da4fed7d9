import type { RedactionOptions } from './CaptureOptions';

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Keys that look like secrets. `token` only as a suffix, so LLM counters such as `max_tokens`,
 * `total_tokens` or `token_count` stay visible.
 */
const DEFAULT_PATTERNS: readonly RegExp[] = [
  /passw(or)?d|passphrase|^pwd$/i,
  /secret/i,
  /token$/i,
  /api[-_ ]?key/i,
  /authorization|^auth$/i,
  /cookie/i,
  /credential/i,
  /private[-_ ]?key/i,
  /^(x-)?api[-_]?token$/i,
  /credit[-_ ]?card|card[-_ ]?number|^cvv$|^ssn$/i,
];

/** A compiled redaction rule: returns true for keys whose values must not be captured. */
export type RedactionRule = (key: string, path: readonly string[]) => boolean;

function toRegExp(p: string | RegExp): RegExp {
  if (p instanceof RegExp) return p;
  return new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

/** Compiles redaction options once per tracer; `undefined` means redaction is off. */
export function compileRedaction(options: Readonly<RedactionOptions>): RedactionRule | undefined {
  if (options.enabled === false) return undefined;
  const patterns = [...DEFAULT_PATTERNS, ...(options.patterns ?? []).map(toRegExp)];
  const custom = options.shouldRedact;
  const cache = new Map<string, boolean>();
  return (key, path) => {
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
      hit = patterns.some((p) => {
        p.lastIndex = 0;
        return p.test(key);
      });
      if (cache.size < 10_000) cache.set(key, hit);
    }
    return hit;
  };
}
