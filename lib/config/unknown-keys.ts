import { logger } from '../internal/logger';

/** Keys already warned about, per kind of options: each typo is reported once per process. */
const warned = new Set<string>();

function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** The known name closest to `key`, when it is close enough to be a typo of it. */
export function closestName(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = distance(key, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Warns once per unknown key of `options` (what JavaScript users and `as any` get past the
 * types), with the closest known name: "unknown init option sesionName (did you mean
 * sessionName?); it is ignored".
 *
 * @param what - which options, for the message (`init option`, `@Trace option`)
 */
export function warnUnknownKeys(what: string, options: object | undefined, known: readonly string[]): void {
  if (!options || typeof options !== 'object') return;
  for (const key of Object.keys(options)) {
    if (known.includes(key) || warned.has(`${what}:${key}`)) continue;
    warned.add(`${what}:${key}`);
    const guess = closestName(key, known);
    logger.warn(`unknown ${what} ${key}${guess ? ` (did you mean ${guess}?)` : ''}; it is ignored`);
  }
}
