import * as fs from 'node:fs';
import type { CollectorEvent } from '../store/CollectorEvent';
import type { ModelPrice, ModelPrices, TokenCounts } from './viewer-api';

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
  for (const [model, price] of Object.entries(value)) out[model] = checkPrice(where, model, price);
  return out;
}

const OPTIONAL_PRICES = ['cached_input', 'cache_write', 'reasoning'] as const;

/** One model's price checked: input and output required, the others optional, all non-negative. */
function checkPrice(where: string, model: string, price: unknown): ModelPrice {
  const p = (price ?? {}) as Record<string, unknown>;
  const bad = (field: string) =>
    new Error(
      `${where}: ${model}.${field} must be a non-negative number (price per million tokens), got ${JSON.stringify(p[field])}`,
    );
  for (const field of ['input', 'output'] as const) if (count(p[field]) === undefined) throw bad(field);
  const out: ModelPrice = { input: p.input as number, output: p.output as number };
  for (const field of OPTIONAL_PRICES) {
    if (p[field] === undefined) continue;
    if (count(p[field]) === undefined) throw bad(field);
    out[field] = p[field] as number;
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
    const out: TokenCounts = {
      prompt: prompt ?? 0,
      completion: completion ?? 0,
      total: total ?? (prompt ?? 0) + (completion ?? 0),
    };
    const cached = count(bag.cache_read_input_tokens);
    const cacheWrite = count(bag.cache_write_input_tokens);
    const reasoning = count(bag.reasoning_tokens);
    if (cached !== undefined) out.cached = cached;
    if (cacheWrite !== undefined) out.cacheWrite = cacheWrite;
    if (reasoning !== undefined) out.reasoning = reasoning;
    return out;
  }
  return null;
}

/** The model an event called: `config.model`, else the model the response named. */
export function modelOf(event: Pick<CollectorEvent, 'config' | 'metadata'>): string | undefined {
  const m = event.config?.model ?? event.metadata?.response_model;
  return typeof m === 'string' ? m : undefined;
}

/**
 * What a model call cost at the configured prices, or `null` when its model has none. Cached and
 * cache-written input tokens are part of `prompt`, reasoning tokens part of `completion` (as
 * OpenAI, the AI SDK, GenAI and OpenInference count them); each is priced at its own rate when
 * one is set. A part larger than its whole is capped, so a cost is never negative.
 */
export function costOf(
  prices: ModelPrices,
  model: string | undefined,
  tokens: TokenCounts | null,
): number | null {
  if (!model || !tokens) return null;
  const price = priceOf(prices, model);
  if (!price) return null;
  const cached = Math.min(tokens.cached ?? 0, tokens.prompt);
  const written = Math.min(tokens.cacheWrite ?? 0, tokens.prompt - cached);
  const reasoning = Math.min(tokens.reasoning ?? 0, tokens.completion);
  const input =
    (tokens.prompt - cached - written) * price.input +
    cached * (price.cached_input ?? price.input) +
    written * (price.cache_write ?? price.input);
  const output =
    (tokens.completion - reasoning) * price.output + reasoning * (price.reasoning ?? price.output);
  return (input + output) / 1e6;
}
