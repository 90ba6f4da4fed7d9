import * as fs from 'node:fs';
import type { CollectorEvent } from '../store/CollectorEvent';
import type { ModelPrices, TokenCounts } from './viewer-api';

/** A finite, non-negative number, or `undefined`. */
const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;

/**
 * Reads and checks model prices: an object, or the path of a JSON file holding one. Throws an
 * error naming the file, the model and the field when an entry is not `{ input, output }`.
 */
export function loadPrices(option: ModelPrices | string | undefined): ModelPrices {
  if (option === undefined) return {};
  const where = typeof option === 'string' ? `prices file ${option}` : 'prices';
  let value: unknown = option;
  if (typeof option === 'string') {
    try {
      value = JSON.parse(fs.readFileSync(option, 'utf8'));
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${where}: expected an object of { "<model>": { "input": n, "output": n } }`);
  const out: ModelPrices = {};
  for (const [model, price] of Object.entries(value)) {
    const p = (price ?? {}) as Record<string, unknown>;
    for (const field of ['input', 'output'] as const)
      if (count(p[field]) === undefined)
        throw new Error(
          `${where}: ${model}.${field} must be a non-negative number (price per million tokens), got ${JSON.stringify(p[field])}`,
        );
    out[model] = { input: p.input as number, output: p.output as number };
  }
  return out;
}

/** The price of a model: its own entry, else the longest entry its name starts with. */
export function priceOf(prices: ModelPrices, model: string): ModelPrices[string] | undefined {
  if (prices[model]) return prices[model];
  let best: string | undefined;
  for (const key of Object.keys(prices))
    if (model.startsWith(key) && (best === undefined || key.length > best.length)) best = key;
  return best === undefined ? undefined : prices[best];
}

/** Token counts an event reports, in `metrics` (OpenTelemetry conventions) or `metadata` (HoneyHive's SDKs). */
export function tokensOf(event: Pick<CollectorEvent, 'metrics' | 'metadata'>): TokenCounts | null {
  for (const bag of [event.metrics, event.metadata]) {
    if (!bag) continue;
    const prompt = count(bag.prompt_tokens);
    const completion = count(bag.completion_tokens);
    const total = count(bag.total_tokens);
    if (prompt === undefined && completion === undefined && total === undefined) continue;
    return {
      prompt: prompt ?? 0,
      completion: completion ?? 0,
      total: total ?? (prompt ?? 0) + (completion ?? 0),
    };
  }
  return null;
}

/** The model an event called: `config.model`, else the model the response named. */
export function modelOf(event: Pick<CollectorEvent, 'config' | 'metadata'>): string | undefined {
  const m = event.config?.model ?? event.metadata?.response_model;
  return typeof m === 'string' ? m : undefined;
}

/** What a model call cost at the configured prices, or `null` when its model has none. */
export function costOf(
  prices: ModelPrices,
  model: string | undefined,
  tokens: TokenCounts | null,
): number | null {
  if (!model || !tokens) return null;
  const price = priceOf(prices, model);
  if (!price) return null;
  return (tokens.prompt * price.input + tokens.completion * price.output) / 1e6;
}
