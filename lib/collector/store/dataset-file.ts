import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The datapoints of a dataset file: JSON (an array, or `{ datapoints: [...] }`) or JSONL (one per
 * line). Errors name the file, and the line for JSONL.
 */
export function readDatasetFile(file: string): unknown[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the dataset file ${path.resolve(file)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let datapoints: unknown[];
  if (/\.jsonl$/i.test(file)) {
    datapoints = text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l, i) => {
        try {
          return JSON.parse(l) as unknown;
        } catch {
          throw new Error(`${path.resolve(file)}:${i + 1}: not valid JSON`);
        }
      });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch (err) {
      throw new Error(`${path.resolve(file)}: not valid JSON (${(err as Error).message})`);
    }
    datapoints = Array.isArray(parsed)
      ? parsed
      : (((parsed as Record<string, unknown>)?.datapoints as unknown[]) ?? []);
  }
  return datapoints;
}
