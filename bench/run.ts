/**
 * hivetrace benchmarks, as ratios against bare OpenTelemetry measured in the same run.
 *   npm run bench
 * Targets (exit code 1 when missed):
 *   - a @Trace call (inputs + output captured) costs at most 4x a bare OTel startActiveSpan call
 *   - a decorated method with no tracer costs at most 150 ns more than the bare method
 *   - capturing a 1 MB argument costs at most 5x capturing an argument at the limit
 *   - heap after 20k spans with 1 MB arguments stays within 3x of bare OTel spans without them
 */
import { trace as otelTrace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Trace } from '../lib';
import { Capturer } from '../lib/capture/Capturer';
import { DEFAULT_CAPTURE_LIMITS } from '../lib/capture/CaptureOptions';
import { createTestTracer } from '../lib/testing';
import { resetTracers } from '../lib/tracer/TracerRegistry';

function nsPerOp(fn: () => void, iterations: number): number {
  for (let i = 0; i < Math.min(2000, iterations); i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - t0) / iterations;
}

function median(runs: number[]): number {
  const s = [...runs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const measure = (fn: () => void, iterations: number) =>
  median([0, 1, 2, 3, 4].map(() => nsPerOp(fn, iterations)));

class Service {
  @Trace({ eventType: 'tool' })
  lookup(query: string, limit: number): { query: string; limit: number } {
    return { query, limit };
  }
}
class Bare {
  lookup(query: string, limit: number): { query: string; limit: number } {
    return { query, limit };
  }
}

function main(): void {
  const results: Record<string, number> = {};
  const N = 20_000;

  // bare OpenTelemetry, same processor shape (simple processor, in-memory exporter)
  const bareExporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(bareExporter)] });
  const otel = provider.getTracer('bench');
  let n = 0;
  results.bareOtelNs = measure(() => {
    otel.startActiveSpan('lookup', (span) => {
      span.setAttribute('input.query', 'q');
      span.setAttribute('input.limit', 5);
      span.setAttribute('output', '{"query":"q","limit":5}');
      span.end();
    });
    if (++n % 5000 === 0) bareExporter.reset();
  }, N);

  // hivetrace @Trace, test mode (in-memory)
  const kit = createTestTracer({ project: 'bench' });
  const svc = new Service();
  results.hivetraceNs = measure(() => {
    svc.lookup('q', 5);
    if (++n % 5000 === 0) kit.reset();
  }, N);
  results.overheadRatio = results.hivetraceNs / results.bareOtelNs;
  void kit.tracer.close();
  resetTracers();

  // no tracer at all: decorated vs bare method
  const bare = new Bare();
  const untraced = new Service();
  results.bareMethodNs = measure(() => bare.lookup('q', 5), N * 10);
  results.noTracerNs = measure(() => untraced.lookup('q', 5), N * 10);
  results.noTracerExtraNs = results.noTracerNs - results.bareMethodNs;

  // capture cost: 1 MB vs at the limit
  const capturer = new Capturer(DEFAULT_CAPTURE_LIMITS, { enabled: true });
  const atLimit = {
    text: 'x'.repeat(DEFAULT_CAPTURE_LIMITS.maxStringLength),
    items: Array.from({ length: 100 }, (_, i) => i),
  };
  const huge = { text: 'x'.repeat(1 << 20), items: Array.from({ length: 1e6 }, (_, i) => i) };
  results.captureAtLimitNs = measure(() => void capturer.attributes('honeyhive_inputs', atLimit, {}), 2000);
  results.capture1MbNs = measure(() => void capturer.attributes('honeyhive_inputs', huge, {}), 2000);
  results.captureRatio = results.capture1MbNs / results.captureAtLimitNs;

  // memory: 20k spans with a 1 MB argument each, kept in memory, vs bare OTel spans
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const bareSpans = new InMemorySpanExporter();
  const p2 = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(bareSpans)] });
  const t2 = p2.getTracer('mem');
  for (let i = 0; i < N; i++)
    t2.startActiveSpan('s', (s) => {
      s.setAttribute('q', 'q');
      s.end();
    });
  global.gc?.();
  results.bareHeapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const kit2 = createTestTracer({ project: 'mem' });
  const svc2 = new Service();
  const heap1 = process.memoryUsage().heapUsed;
  const big = 'y'.repeat(1 << 20);
  for (let i = 0; i < N; i++) svc2.lookup(big, i);
  global.gc?.();
  results.hivetraceHeapMb = (process.memoryUsage().heapUsed - heap1) / 1e6;
  results.heapRatio = results.hivetraceHeapMb / Math.max(results.bareHeapMb, 1);
  void otelTrace;

  const targets: Array<[string, boolean]> = [
    [`@Trace / bare OTel = ${results.overheadRatio.toFixed(2)}x (target <= 4x)`, results.overheadRatio <= 4],
    [
      `no-tracer extra = ${results.noTracerExtraNs.toFixed(0)} ns (target <= 150 ns)`,
      results.noTracerExtraNs <= 150,
    ],
    [
      `1 MB / at-limit capture = ${results.captureRatio.toFixed(2)}x (target <= 5x)`,
      results.captureRatio <= 5,
    ],
    [
      `heap 20k spans with 1 MB args = ${results.hivetraceHeapMb.toFixed(1)} MB vs bare ${results.bareHeapMb.toFixed(1)} MB (target <= 3x)`,
      results.heapRatio <= 3,
    ],
  ];
  console.log(
    JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v), 2),
  );
  for (const [line, ok] of targets) console.log(`${ok ? 'PASS' : 'FAIL'}  ${line}`);
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'latest.json'),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2),
  );
  void kit2.tracer.close();
  process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
}

main();
