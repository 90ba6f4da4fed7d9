import { BadRequestError } from './bad-request';

/**
 * Deepest JSON nesting a request may carry: SQLite's JSON functions refuse documents nested
 * deeper than 1,000, so a deeper stored value would break every later export filter.
 */
export const MAX_JSON_DEPTH = 256;

/** Whether a parsed JSON value nests deeper than `max` (walked without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Parses a JSON body; a `BadRequestError` (400) when it is not JSON or nests deeper than `maxDepth` (default
 * `MAX_JSON_DEPTH`; OTLP passes `Infinity`, its reader bounds the depth of what it keeps).
 */
export function parseJsonBody(body: Buffer, maxDepth = MAX_JSON_DEPTH): unknown {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new BadRequestError('the body is not valid JSON');
  }
  if (maxDepth !== Infinity && nestsDeeperThan(value, maxDepth))
    throw new BadRequestError(`the body nests deeper than ${maxDepth} levels`);
  return value;
}
