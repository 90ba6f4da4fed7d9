/** Timing helpers of the benchmarks: interleaved repetitions, medians, a no-op and a parking exporter. */
import type { ExportResult } from '@opentelemetry/core';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Accepts every batch at once and keeps nothing: the network exporter, minus the network. */
export class NoopExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (r: ExportResult) => void): void {
    this.exported += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Holds every batch without answering (a backend that never replies), so ended spans stay in memory. */
export class ParkingExporter implements SpanExporter {
  parked: { spans: ReadableSpan[]; done: (r: ExportResult) => void }[] = [];
  private open = false;
  export(spans: ReadableSpan[], done: (r: ExportResult) => void): void {
    if (this.open) done({ code: ExportResultCode.SUCCESS });
    else this.parked.push({ spans, done });
  }
  /** Answers every parked batch, forgets it, and from now on answers at once. */
  release(): void {
    this.open = true;
    const p = this.parked;
    this.parked = [];
    for (const { done } of p) done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    this.release();
    return Promise.resolve();
  }
}

/** A contender: runs `n` calls and whatever flush its pipeline needs, inside the timed region. */
export type Contender = (n: number) => Promise<void> | void;

/** Nanoseconds per call of one timed run of `fn` over `n` calls (flush included). */
export async function timeRun(fn: Contender, n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn(n);
  return Number(process.hrtime.bigint() - t0) / n;
}

/** The median of `xs`. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Runs every contender `reps` times, interleaved (a, b, c, a, b, c, …) after one warm-up round,
 * and returns each contender's median ns per call.
 */
export async function interleaved(
  contenders: Record<string, Contender>,
  n: number,
  reps = 5,
): Promise<Record<string, number>> {
  const runs: Record<string, number[]> = {};
  for (const name of Object.keys(contenders)) runs[name] = [];
  for (let r = -1; r < reps; r++) {
    for (const [name, fn] of Object.entries(contenders)) {
      global.gc?.();
      const ns = await timeRun(fn, n);
      if (r >= 0) runs[name]!.push(ns);
    }
  }
  const out: Record<string, number> = {};
  for (const [name, xs] of Object.entries(runs)) out[name] = median(xs);
  return out;
}

/** Heap growth in MB while `build` holds what it made (after a full GC on both sides). */
export async function heapGrowthMb(build: () => Promise<unknown> | unknown): Promise<number> {
  global.gc?.();
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = await build();
  global.gc?.();
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  void kept;
  return (after - before) / 1e6;
}

/** A contender that also says how many spans its pipeline has delivered so far (cumulative). */
export interface Delivering {
  run: Contender;
  delivered: () => Promise<number> | number;
}

/** Medians of one delivering contender: ns per call, and spans delivered per call. */
export interface DeliveredResult {
  ns: number;
  perCall: number;
}

/**
 * `interleaved` for contenders that deliver spans: each timed run (calls and final flush) is
 * followed, outside the timed region, by reading how many spans it delivered.
 */
export async function interleavedDelivered(
  contenders: Record<string, Delivering>,
  n: number,
  reps = 5,
): Promise<Record<string, DeliveredResult>> {
  const runs: Record<string, { ns: number[]; perCall: number[] }> = {};
  for (const name of Object.keys(contenders)) runs[name] = { ns: [], perCall: [] };
  for (let r = -1; r < reps; r++) {
    for (const [name, c] of Object.entries(contenders)) {
      global.gc?.();
      const before = await c.delivered();
      const ns = await timeRun(c.run, n);
      const after = await c.delivered();
      if (r >= 0) {
        runs[name]!.ns.push(ns);
        runs[name]!.perCall.push((after - before) / n);
      }
    }
  }
  const out: Record<string, DeliveredResult> = {};
  for (const [name, x] of Object.entries(runs)) out[name] = { ns: median(x.ns), perCall: median(x.perCall) };
  return out;
}

/** Runs `call` `n` times, yielding to the event loop every 1,024 calls (so no queue has to drop). */
export async function yieldingLoop(n: number, call: () => unknown): Promise<void> {
  for (let i = 0; i < n; i++) {
    call();
    if ((i & 1023) === 1023) await new Promise((r) => setImmediate(r));
  }
}

/** `yieldingLoop` for a call that returns a promise: each one awaited. */
export async function yieldingAsyncLoop(n: number, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i++) {
    await call();
    if ((i & 1023) === 1023) await new Promise((r) => setImmediate(r));
  }
}
