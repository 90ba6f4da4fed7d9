/**
 * hivetrace overhead benchmark, as ratios against bare OpenTelemetry measured in the same run.
 *   npm run bench
 *
 * Like for like: bare OpenTelemetry is a NodeTracerProvider with a BatchSpanProcessor (queue and
 * batch sized like hivetrace's, so neither side drops) over a no-op exporter, calling
 * `tracer.startActiveSpan` around the same function; hivetrace is its default pipeline (its
 * queue, delivery counters, stamping, capture) with only the network exporter replaced by the
 * same no-op. Each timed run makes N calls and then flushes, inside the timed region. Contenders
 * are interleaved, 5 repetitions after a warm-up, median reported.
 *
 * Prints every target as met or missed and writes bench/results/latest.json. Exit code 1 when
 * a target is missed.
 */
import type { Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HoneyHiveTracer } from '../lib';
import { resetTracers } from '../lib/tracer/TracerRegistry';
import { loadFixture } from '../spec/helpers/compile-fixture';
import type * as Services from './fixtures/services';
import type { Contender } from './harness';
import { heapGrowthMb, interleaved, NoopExporter, ParkingExporter } from './harness';

type ServicesModule = typeof Services;
const FIXTURE = path.join(__dirname, 'fixtures', 'services.ts');
const N = 20_000;
const QUEUE = 32_768;
/** Repetitions of the small-argument sections: runs are short, and their ratios sit near the target. */
const SMALL_REPS = 11;

/**
 * Bare OpenTelemetry's pipeline: a BatchSpanProcessor with OpenTelemetry's defaults (queue 2,048,
 * batches of 512, 5 s delay) over `exporter`. With `maxQueueSize`, a queue that large instead (the
 * memory section, where every span must be held, as hivetrace holds them).
 */
function bareProvider(
  exporter: SpanExporter = new NoopExporter(),
  maxQueueSize?: number,
): NodeTracerProvider {
  const processor =
    maxQueueSize === undefined
      ? new BatchSpanProcessor(exporter)
      : new BatchSpanProcessor(exporter, { maxQueueSize, exportTimeoutMillis: 600_000 });
  return new NodeTracerProvider({ spanProcessors: [processor] });
}

function hivetrace(options: { exporter?: SpanExporter; maxQueueSize?: number } = {}) {
  return HoneyHiveTracer.init({
    project: 'bench',
    apiKey: 'bench-key',
    serverUrl: 'http://127.0.0.1:9',
    skipSessionStart: true,
    flushOnExit: false,
    exporter: options.exporter ?? new NoopExporter(),
    maxQueueSize: options.maxQueueSize ?? QUEUE,
  });
}

function add(a: number, b: number): number {
  return a + b;
}
async function addAsync(a: number, b: number): Promise<number> {
  return a + b;
}

function makeDoc(bytes: number): Services.Doc {
  const sections: Services.Doc['sections'] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = {
      heading: `Section ${i}`,
      body: 'lorem ipsum dolor sit amet '.repeat(6),
      tags: ['a', 'b', 'c'],
      score: i / 7,
    };
    sections.push(s);
    size += JSON.stringify(s).length;
  }
  return { id: 'doc-1', title: 'A document', sections };
}

function bareSync(otel: Tracer, provider: NodeTracerProvider, fn: () => unknown): Contender {
  return async (n) => {
    for (let i = 0; i < n; i++)
      otel.startActiveSpan('add', (span) => {
        const r = fn();
        span.end();
        return r;
      });
    await provider.forceFlush();
  };
}

/** `BENCH_ONLY=sync,async` runs just those sections (for profiling); default all. */
const only = (section: string): boolean =>
  !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(section);

async function main(): Promise<void> {
  const results: Record<string, number> = {};
  const targets: { name: string; value: number; limit: number; unit: string }[] = [];
  const target = (name: string, value: number, limit: number, unit = 'x') => {
    targets.push({ name, value, limit, unit });
    if (process.env.BENCH_VERBOSE) console.error(`${name}: ${value.toFixed(2)}`);
  };

  const provider = bareProvider();
  const otel = provider.getTracer('bench');
  const tracer = hivetrace();
  const stage3 = loadFixture<ServicesModule>(FIXTURE, 'stage3');
  const legacy = loadFixture<ServicesModule>(FIXTURE, 'legacy');
  const s3 = new stage3.Calc();
  const lg = new legacy.Calc();
  const flush = async () => {
    if (!(await tracer.flush())) throw new Error('hivetrace lost spans during the benchmark');
  };

  // 1. small arguments, sync
  if (only('sync')) {
    const sync = await interleaved(
      {
        bare: bareSync(otel, provider, () => add(1, 2)),
        stage3: async (n) => {
          for (let i = 0; i < n; i++) s3.add(1, 2);
          await flush();
        },
        legacy: async (n) => {
          for (let i = 0; i < n; i++) lg.add(1, 2);
          await flush();
        },
        traced: async (n) => {
          for (let i = 0; i < n; i++) stage3.addTraced(1, 2);
          await flush();
        },
      },
      N,
      SMALL_REPS,
    );
    for (const [k, v] of Object.entries(sync)) results[`sync.${k}Ns`] = v;
    for (const k of ['stage3', 'legacy', 'traced'])
      target(`sync add(1, 2), ${k} / bare`, sync[k]! / sync.bare!, 1.5);
  }

  // 2. small arguments, async (each call awaited)
  if (only('async')) {
    const asyncRes = await interleaved(
      {
        bare: async (n) => {
          for (let i = 0; i < n; i++)
            await otel.startActiveSpan('addAsync', async (span) => {
              const r = await addAsync(1, 2);
              span.end();
              return r;
            });
          await provider.forceFlush();
        },
        stage3: async (n) => {
          for (let i = 0; i < n; i++) await s3.addAsync(1, 2);
          await flush();
        },
        legacy: async (n) => {
          for (let i = 0; i < n; i++) await lg.addAsync(1, 2);
          await flush();
        },
        traced: async (n) => {
          for (let i = 0; i < n; i++) await stage3.addAsyncTraced(1, 2);
          await flush();
        },
      },
      N,
      SMALL_REPS,
    );
    for (const [k, v] of Object.entries(asyncRes)) results[`async.${k}Ns`] = v;
    for (const k of ['stage3', 'legacy', 'traced'])
      target(`async add(1, 2), ${k} / bare`, asyncRes[k]! / asyncRes.bare!, 1.5);
  }

  // 3. a 10 KB object argument, against bare + one JSON.stringify of the arguments and one of the result
  if (only('object')) {
    const doc10k = makeDoc(10_000);
    const doc1m = makeDoc(1_000_000);
    const summarize = (d: Services.Doc) => ({ id: d.id, sections: d.sections.length });
    const big = await interleaved(
      {
        bareStringify: async (n) => {
          for (let i = 0; i < n; i++)
            otel.startActiveSpan('summarize', (span) => {
              span.setAttribute('input', JSON.stringify([doc10k]));
              const r = summarize(doc10k);
              span.setAttribute('output', JSON.stringify(r));
              span.end();
              return r;
            });
          await provider.forceFlush();
        },
        doc10k: async (n) => {
          for (let i = 0; i < n; i++) s3.summarize(doc10k);
          await flush();
        },
        doc1m: async (n) => {
          for (let i = 0; i < n; i++) s3.summarize(doc1m);
          await flush();
        },
      },
      N / 10,
    );
    for (const [k, v] of Object.entries(big)) results[`object.${k}Ns`] = v;
    target('10 KB argument / (bare + 2x JSON.stringify)', big.doc10k! / big.bareStringify!, 1.2);
    target('1 MB argument / 10 KB argument', big.doc1m! / big.doc10k!, 2);
  }

  // 4. an object with 1,000,000 keys against one with 1,000
  if (only('wide')) {
    const keys = (k: number) => {
      const o: Record<string, number> = {};
      for (let i = 0; i < k; i++) o[`k${i}`] = i;
      return o;
    };
    const k1e3 = keys(1_000);
    const k1e6 = keys(1_000_000);
    // each size gets a call count that warms it up: 2,000 calls of the small one, 5 of the large one
    const wide1e3 = await interleaved(
      {
        keys1e3: async (n) => {
          for (let i = 0; i < n; i++) s3.count(k1e3);
          await flush();
        },
      },
      2000,
    );
    const wide1e6 = await interleaved(
      {
        keys1e6: async (n) => {
          for (let i = 0; i < n; i++) s3.count(k1e6);
          await flush();
        },
        // the floor: V8 lists every key of a dictionary-mode object (Object.keys and for-in alike)
        objectKeys1e6: (n) => {
          for (let i = 0; i < n; i++) if (Object.keys(k1e6).length === 0) throw new Error('unreachable');
        },
      },
      5,
    );
    const wide = { ...wide1e3, ...wide1e6 };
    for (const [k, v] of Object.entries(wide)) results[`wide.${k}Ns`] = v;
    results.wide_overV8KeyListingNs = wide.keys1e6! - wide.objectKeys1e6!;
    target('1,000,000-key argument / 1,000-key argument', wide.keys1e6! / wide.keys1e3!, 2);
  }
  await tracer.close();
  resetTracers();

  // 5. memory per 100k ended spans held by a backend that does not answer
  if (only('memory')) {
    const M = 100_000;
    const bareParking = new ParkingExporter();
    const bareMem = bareProvider(bareParking, M + 1);
    const bareMemTracer = bareMem.getTracer('mem');
    results.memory_bareMb = await heapGrowthMb(() => {
      for (let i = 0; i < M; i++)
        bareMemTracer.startActiveSpan('add', (span) => {
          add(1, 2);
          span.end();
        });
      return bareParking;
    });
    bareParking.release();
    await bareMem.shutdown();
    const ourParking = new ParkingExporter();
    const memTracer = hivetrace({ exporter: ourParking, maxQueueSize: M + 1 });
    results.memory_hivetraceMb = await heapGrowthMb(() => {
      for (let i = 0; i < M; i++) s3.add(1, 2);
      return ourParking;
    });
    ourParking.release();
    await memTracer.close();
    resetTracers();
    target('memory per 100k spans / bare', results.memory_hivetraceMb / results.memory_bareMb, 1.5);
  }

  // 6. the untraced path: a decorated method with no tracer, against the plain method
  if (only('untraced')) {
    const plain = { add };
    const untraced = await interleaved(
      {
        plain: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) x += plain.add(i, 2);
          if (x < 0) throw new Error('unreachable');
        },
        decorated: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) x += s3.add(i, 2);
          if (x < 0) throw new Error('unreachable');
        },
      },
      N * 50,
    );
    results.untraced_plainNs = untraced.plain!;
    results.untraced_decoratedNs = untraced.decorated!;
    target('untraced call, extra ns over a plain call', untraced.decorated! - untraced.plain!, 20, 'ns');
  }

  const round = (v: number) => Math.round(v * 100) / 100;
  const report = targets.map((t) => ({ ...t, value: round(t.value), met: t.value <= t.limit }));
  for (const t of report)
    console.log(
      `${t.met ? 'met   ' : 'MISSED'}  ${t.name} = ${t.value}${t.unit} (target <= ${t.limit}${t.unit})`,
    );
  console.log(
    JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, round(v)])), null, 2),
  );
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'latest.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpu: os.cpus()[0]?.model,
        cores: os.cpus().length,
        n: N,
        targets: report,
        results,
      },
      null,
      2,
    ),
  );
  process.exitCode = report.every((t) => t.met) ? 0 : 1;
}

void main();
