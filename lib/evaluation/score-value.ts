/** A score as a number (booleans as 0/1); undefined when it is not a score. */
export function scoreValue(v: unknown): number | undefined {
  const n = typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? v : undefined;
  return n === undefined || Number.isNaN(n) ? undefined : n;
}
