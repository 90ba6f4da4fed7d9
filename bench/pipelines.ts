/**
 * The pipelines `npm run bench` compares, each with a no-op exporter and with its real OTLP
 * exporter posting to the loopback receiver (bench/receiver.ts, a process of its own).
 */
import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { HoneyHiveTracer, setDefaultTracer } from '../lib';
import { NoopExporter } from './harness';

/** The receiver process: its URL, how many spans it has counted, and a way to stop it. */
export interface Receiver {
  url: string;
  count(): Promise<number>;
  stop(): void;
}

/** Starts bench/receiver.ts in a child process and resolves once it listens. */
export function startReceiver(): Promise<Receiver> {
  const child = fork(path.join(__dirname, 'receiver.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { url: string }) =>
      resolve({
        url: m.url,
        async count() {
          const res = await fetch(`${m.url}/count`);
          return ((await res.json()) as { spans: number }).spans;
        },
        stop: () => child.kill(),
      }),
    );
  });
}

/** A bare OpenTelemetry pipeline: what its users run, with OpenTelemetry's default batch settings. */
export interface BarePipeline {
  tracer: Tracer;
  provider: NodeTracerProvider;
  delivered: () => Promise<number> | number;
}

/**
 * Bare OpenTelemetry: `NodeTracerProvider` + `BatchSpanProcessor` (queue 2,048, batches of 512)
 * over a no-op exporter, or over OpenTelemetry's own OTLP/HTTP exporter (JSON, its default)
 * posting to `receiver`. With `maxQueueSize`, a queue that large (the memory section).
 */
export function barePipeline(
  receiver?: Receiver,
  exporter?: SpanExporter,
  maxQueueSize?: number,
): BarePipeline {
  const noop = new NoopExporter();
  const out = exporter ?? (receiver ? new OTLPTraceExporter({ url: `${receiver.url}/v1/traces` }) : noop);
  const processor =
    maxQueueSize === undefined
      ? new BatchSpanProcessor(out)
      : new BatchSpanProcessor(out, { maxQueueSize, exportTimeoutMillis: 600_000 });
  const provider = new NodeTracerProvider({ spanProcessors: [processor] });
  return {
    tracer: provider.getTracer('bench'),
    provider,
    delivered: receiver ? () => receiver.count() : () => noop.exported,
  };
}

/** A hivetrace pipeline, made the default tracer before each of its runs. */
export interface HivetracePipeline {
  tracer: HoneyHiveTracer;
  /** Makes this tracer the one decorators use, then runs `body` and flushes (false: spans lost). */
  run(body: () => Promise<void>): Promise<void>;
  delivered: () => Promise<number> | number;
}

/**
 * hivetrace's default pipeline (stamping, capture with redaction, the delivery processor and its
 * counters) with a no-op exporter, or with its real OTLP exporter posting to `receiver` in the
 * given encoding (protobuf by default).
 */
export function hivetracePipeline(
  options: {
    receiver?: Receiver;
    protocol?: 'http/json' | 'http/protobuf';
    exporter?: SpanExporter;
    maxQueueSize?: number;
  } = {},
): HivetracePipeline {
  const noop = new NoopExporter();
  const tracer = HoneyHiveTracer.init({
    project: 'bench',
    apiKey: 'bench-key',
    serverUrl: options.receiver?.url ?? 'http://127.0.0.1:9',
    skipSessionStart: true,
    flushOnExit: false,
    otlpProtocol: options.protocol,
    ...(options.receiver ? {} : { exporter: options.exporter ?? noop }),
    maxQueueSize: options.maxQueueSize ?? 32_768,
  });
  return {
    tracer,
    async run(body) {
      setDefaultTracer(tracer);
      await body();
      if (!(await tracer.flush())) throw new Error('hivetrace lost spans during the benchmark');
    },
    delivered: options.receiver ? () => options.receiver!.count() : () => noop.exported,
  };
}
