import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CollectorEvent } from '../store/CollectorEvent';
import { decodeOtlpSpans, INGEST_CHUNK } from './decode-otlp';
import type { IngestFailure } from './ingest-failure';
import { failureError } from './ingest-failure';
import { spanToEvent } from './span-to-event';

/** Bodies up to this size are decoded on the event loop (a few milliseconds); larger ones in a worker. */
export const INLINE_DECODE_BYTES = 2 * 1024 * 1024;

interface Job {
  onEvents(events: CollectorEvent[]): void;
  resolve(): void;
  reject(err: Error): void;
}

interface WorkerMessage {
  id: number;
  events?: CollectorEvent[];
  done?: boolean;
  error?: IngestFailure;
}

/**
 * Decodes OTLP bodies into events: small ones inline, large ones in one worker thread started on
 * first use, whose events come back in chunks handed to `onEvents`, the next chunk asked for only
 * after the event loop had a turn (so other requests are answered between them).
 */
export class IngestDecoder {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;

  /**
   * Decodes a body, handing its events to `onEvents` (once, or in chunks); rejects with an
   * `BadRequestError` (400) before any event for a body that is not a valid request.
   */
  decode(body: Buffer, isProto: boolean, onEvents: (events: CollectorEvent[]) => void): Promise<void> {
    if (body.length <= INLINE_DECODE_BYTES) return this.inline(body, isProto, onEvents);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.jobs.set(id, { onEvents, resolve, reject });
      this.start().postMessage({ id, body, isProto });
    });
  }

  /** Decodes on the event loop (a body this small takes a few milliseconds), then writes in chunks. */
  private async inline(
    body: Buffer,
    isProto: boolean,
    onEvents: (events: CollectorEvent[]) => void,
  ): Promise<void> {
    const spans = decodeOtlpSpans(body, isProto);
    for (let i = 0; i < spans.length; i += INGEST_CHUNK) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      onEvents(spans.slice(i, i + INGEST_CHUNK).map(spanToEvent));
    }
  }

  private onMessage(m: WorkerMessage): void {
    const job = this.jobs.get(m.id);
    if (!job) return;
    try {
      if (m.events) {
        job.onEvents(m.events);
        // the next chunk only after other requests had their turn
        setImmediate(() => this.worker?.postMessage({ id: m.id, ack: true }));
      }
      if (m.done || m.error) {
        this.jobs.delete(m.id);
        if (m.error) job.reject(failureError(m.error));
        else job.resolve();
      }
    } catch (err) {
      this.jobs.delete(m.id);
      job.reject(err as Error);
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const ts = __filename.endsWith('.ts');
    const worker = new Worker(path.join(__dirname, `ingest-worker${ts ? '.ts' : '.js'}`), {
      execArgv: ts ? ['-r', 'ts-node/register/transpile-only'] : [],
    });
    worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.jobs.values()) job.reject(err);
      this.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ingest worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Stops the worker (after the jobs under way). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
