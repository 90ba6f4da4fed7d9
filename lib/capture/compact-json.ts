/**
 * Reads a value captured in compact form: an object or array argument (or result) is sent as one
 * JSON string (`Capturer.captureCompact`), and shown as the value it encodes. A string that only
 * looks like JSON and does not parse stays the string it is.
 *
 * @param value - an attribute value under `honeyhive_inputs.*` or `honeyhive_outputs.*`
 * @returns the decoded object or array, or `value` unchanged
 */
export function decodeCompact(value: unknown): unknown {
  if (typeof value !== 'string' || value.length < 2) return value;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  // '{…}' or '[…]' only: numbers, quoted strings and the rest stay as they were sent
  if (!((first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d))) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
