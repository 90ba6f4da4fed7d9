/**
 * What tracing costs users, as ratios against bare OpenTelemetry measured in the same run.
 *   npm run bench            (BENCH_ONLY=small,object,wide,memory,untraced for some sections)
 *
 * Like for like, and what users pay: every pipeline runs twice, once with a no-op exporter and
 * once with its real OTLP exporter posting to a loopback receiver in a process of its own
 * (bench/receiver.ts, which counts every span it gets). Bare OpenTelemetry is a
 * NodeTracerProvider with a BatchSpanProcessor at OpenTelemetry's defaults and its own OTLP/HTTP
 * exporter (JSON); hivetrace is its default pipeline (protobuf; JSON shown beside it). Loops yield
 * to the event loop every 1,024 calls so that no queue has to drop; each timed run ends with the
 * pipeline's flush, inside the timed region; spans delivered per call are printed for every
 * case. Contenders are interleaved, medians of 11 (small) or 5 (others) after a warm-up.
 *
 * Prints every target as met or missed and writes bench/results/latest.json. Exit code 1 when
 * a target is missed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setDefaultTracer } from '../lib';
import { resetTracers } from '../lib/tracer/TracerRegistry';
import { loadFixture } from '../spec/helpers/compile-fixture';
import type * as Services from './fixtures/services';
import type { DeliveredResult, Delivering } from './harness';
import {
  heapGrowthMb,
  interleaved,
  interleavedDelivered,
  ParkingExporter,
  yieldingAsyncLoop,
  yieldingLoop,
} from './harness';
import type { BarePipeline, HivetracePipeline, Receiver } from './pipelines';
import { barePipeline, hivetracePipeline, startReceiver } from './pipelines';

type ServicesModule = typeof Services;
const FIXTURE = path.join(__dirname, 'fixtures', 'services.ts');
const N = 20_000;
/** Repetitions of the small-argument sections: runs are short, and their ratios sit near the target. */
const SMALL_REPS = 11;

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

/** `BENCH_ONLY=small,object` runs just those sections (for profiling); default all. */
const only = (section: string): boolean =>
  !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(section);

/** A bare contender: `call(tracer)` per iteration (awaited when async), then the provider's flush. */
function bare(p: BarePipeline, call: (t: BarePipeline['tracer']) => unknown, async = false): Delivering {
  return {
    run: async (n) => {
      if (async) await yieldingAsyncLoop(n, () => call(p.tracer) as Promise<unknown>);
      else await yieldingLoop(n, () => call(p.tracer));
      await p.provider.forceFlush();
    },
    delivered: p.delivered,
  };
}

/** A hivetrace contender: `call()` per iteration under `p` as the default tracer, then its flush. */
function traced(p: HivetracePipeline, call: () => unknown, async = false): Delivering {
  return {
    run: (n) =>
      p.run(() => (async ? yieldingAsyncLoop(n, call as () => Promise<unknown>) : yieldingLoop(n, call))),
    delivered: p.delivered,
  };
}

/** The pipelines of one run: bare and hivetrace, each with a no-op and with the real exporter. */
interface Pipelines {
  bareNoop: BarePipeline;
  bareOtlp: BarePipeline;
  htNoop: HivetracePipeline;
  htOtlp: HivetracePipeline;
  htJson: HivetracePipeline;
}

function pipelines(receiver: Receiver): Pipelines {
  return {
    bareNoop: barePipeline(),
    bareOtlp: barePipeline(receiver),
    htNoop: hivetracePipeline(),
    htOtlp: hivetracePipeline({ receiver }),
    htJson: hivetracePipeline({ receiver, protocol: 'http/json' }),
  };
}

type Target = (name: string, value: number, limit: number, unit?: string) => void;
type Results = Record<string, number>;

function record(results: Results, section: string, r: Record<string, DeliveredResult>): void {
  for (const [k, v] of Object.entries(r)) {
    results[`${section}.${k}Ns`] = v.ns;
    results[`${section}.${k}DeliveredPerCall`] = v.perCall;
  }
}

function printSection(title: string, r: Record<string, DeliveredResult>): void {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(r))
    console.log(
      `  ${k.padEnd(22)} ${(v.ns / 1000).toFixed(2).padStart(8)} µs/call   ${v.perCall.toFixed(3)} spans delivered/call`,
    );
}

/** 1 and 2: small arguments, sync and async (each call awaited). */
async function smallSections(
  p: Pipelines,
  s3: Services.Calc,
  lg: Services.Calc,
  fx: ServicesModule,
  results: Results,
  target: Target,
) {
  const asyncBody = (t: BarePipeline['tracer']) =>
    t.startActiveSpan('addAsync', async (span) => {
      const r = await addAsync(1, 2);
      span.end();
      return r;
    });
  const shapes = [
    {
      name: 'sync',
      title: 'small sync call: add(1, 2)',
      bareCall: (t: BarePipeline['tracer']) => t.startActiveSpan('add', (span) => (add(1, 2), span.end())),
      s3: () => s3.add(1, 2),
      lg: () => lg.add(1, 2),
      fn: () => fx.addTraced(1, 2),
    },
    {
      name: 'async',
      title: 'small async call: await addAsync(1, 2)',
      bareCall: asyncBody,
      s3: () => s3.addAsync(1, 2),
      lg: () => lg.addAsync(1, 2),
      fn: () => fx.addAsyncTraced(1, 2),
    },
  ];
  for (const shape of shapes) {
    const isAsync = shape.name === 'async';
    const r = await interleavedDelivered(
      {
        bareNoop: bare(p.bareNoop, shape.bareCall, isAsync),
        bareOtlp: bare(p.bareOtlp, shape.bareCall, isAsync),
        stage3Noop: traced(p.htNoop, shape.s3, isAsync),
        legacyNoop: traced(p.htNoop, shape.lg, isAsync),
        tracedNoop: traced(p.htNoop, shape.fn, isAsync),
        stage3Otlp: traced(p.htOtlp, shape.s3, isAsync),
        stage3OtlpJson: traced(p.htJson, shape.s3, isAsync),
      },
      N,
      SMALL_REPS,
    );
    printSection(shape.title, r);
    record(results, shape.name, r);
    for (const k of ['stage3Noop', 'legacyNoop', 'tracedNoop'])
      target(`${shape.name} add(1, 2), no-op exporters, ${k} / bare`, r[k]!.ns / r.bareNoop!.ns, 1.5);
    target(
      `${shape.name} add(1, 2), real exporters, hivetrace / bare`,
      r.stage3Otlp!.ns / r.bareOtlp!.ns,
      1.5,
    );
  }
}

/** 3: a 10 KB object argument, against bare with and without the argument and result as two JSON attributes. */
async function objectSection(p: Pipelines, s3: Services.Calc, results: Results, target: Target) {
  const doc10k = makeDoc(10_000);
  const doc1m = makeDoc(1_000_000);
  const summarize = (d: Services.Doc) => ({ id: d.id, sections: d.sections.length });
  const twoJson = (t: BarePipeline['tracer']) =>
    t.startActiveSpan('summarize', (span) => {
      span.setAttribute('input', JSON.stringify([doc10k]));
      const r = summarize(doc10k);
      span.setAttribute('output', JSON.stringify(r));
      span.end();
      return r;
    });
  const plain = (t: BarePipeline['tracer']) =>
    t.startActiveSpan('summarize', (span) => {
      const r = summarize(doc10k);
      span.end();
      return r;
    });
  const big = await interleavedDelivered(
    {
      bareNoop: bare(p.bareNoop, plain),
      bareNoopTwoJson: bare(p.bareNoop, twoJson),
      bareOtlpTwoJson: bare(p.bareOtlp, twoJson),
      hivetraceNoop: traced(p.htNoop, () => s3.summarize(doc10k)),
      hivetraceOtlp: traced(p.htOtlp, () => s3.summarize(doc10k)),
      hivetraceOtlpJson: traced(p.htJson, () => s3.summarize(doc10k)),
      hivetraceNoop1MB: traced(p.htNoop, () => s3.summarize(doc1m)),
    },
    N / 10,
  );
  printSection('10 KB object argument: summarize(doc)', big);
  record(results, 'object', big);
  target(
    '10 KB argument, no-op exporters, hivetrace / (bare + 2 JSON attributes)',
    big.hivetraceNoop!.ns / big.bareNoopTwoJson!.ns,
    1.2,
  );
  target(
    '10 KB argument, real exporters, hivetrace / (bare + 2 JSON attributes)',
    big.hivetraceOtlp!.ns / big.bareOtlpTwoJson!.ns,
    1.2,
  );
  target(
    '1 MB argument / 10 KB argument (no-op exporter)',
    big.hivetraceNoop1MB!.ns / big.hivetraceNoop!.ns,
    2,
  );
}

/** 5: heap held by 100,000 ended spans in a queue whose backend does not answer. */
async function memorySection(s3: Services.Calc, results: Results, target: Target) {
  const M = 100_000;
  const bareParking = new ParkingExporter();
  const bareMem = barePipeline(undefined, bareParking, M + 1);
  results.memory_bareMb = await heapGrowthMb(() => {
    for (let i = 0; i < M; i++)
      bareMem.tracer.startActiveSpan('add', (span) => {
        add(1, 2);
        span.end();
      });
    return bareParking;
  });
  bareParking.release();
  await bareMem.provider.shutdown();
  const ourParking = new ParkingExporter();
  const mem = hivetracePipeline({ exporter: ourParking, maxQueueSize: M + 1 });
  results.memory_hivetraceMb = await heapGrowthMb(async () => {
    await mem
      .run(async () => {
        for (let i = 0; i < M; i++) s3.add(1, 2);
        await Promise.resolve();
      })
      .catch(() => undefined);
    return ourParking;
  });
  ourParking.release();
  await mem.tracer.close();
  console.log(
    `\nheap per 100,000 spans: bare ${results.memory_bareMb.toFixed(1)} MB, hivetrace ${results.memory_hivetraceMb.toFixed(1)} MB`,
  );
  target('heap per 100,000 spans / bare', results.memory_hivetraceMb / results.memory_bareMb, 1.2);
}

/** 4 and 6: a 1,000,000-key object, and the untraced path. */
async function wideAndUntraced(s3: Services.Calc, results: Results, target: Target) {
  const ht = hivetracePipeline();
  const flush = async () => {
    if (!(await ht.tracer.flush())) throw new Error('hivetrace lost spans during the benchmark');
  };
  setDefaultTracer(ht.tracer);
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
  await ht.tracer.close();
  resetTracers();
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
}

async function main(): Promise<void> {
  const results: Results = {};
  const targets: { name: string; value: number; limit: number; unit: string }[] = [];
  const target: Target = (name, value, limit, unit = 'x') => {
    targets.push({ name, value, limit, unit });
  };
  const stage3 = loadFixture<ServicesModule>(FIXTURE, 'stage3');
  const legacy = loadFixture<ServicesModule>(FIXTURE, 'legacy');
  const s3 = new stage3.Calc();
  const lg = new legacy.Calc();
  const receiver = await startReceiver();
  try {
    const p = pipelines(receiver);
    if (only('small')) await smallSections(p, s3, lg, stage3, results, target);
    if (only('object')) await objectSection(p, s3, results, target);
    await Promise.all([p.htNoop, p.htOtlp, p.htJson].map((h) => h.tracer.close()));
    await Promise.all([p.bareNoop, p.bareOtlp].map((b) => b.provider.shutdown()));
    resetTracers();
    await wideAndUntraced(s3, results, target);
    if (only('memory')) await memorySection(s3, results, target);
  } finally {
    receiver.stop();
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
