import { unrefTimer } from '../internal/unref-timer';
import type { SafeJson } from '../capture/sanitize';
import { sanitize } from '../capture/sanitize';
import type { CaptureLimits } from '../capture/CaptureOptions';
import type { RedactionRule } from '../capture/redaction';

/** How a stream's span ended. */
export type StreamState = 'completed' | 'cancelled' | 'failed' | 'abandoned';

/** What was seen of a stream, recorded as its output. */
export interface StreamSummary {
  readonly state: StreamState;
  readonly items: number;
  /** Concatenated text when every item was a string (bounded). */
  readonly text?: string;
  /** The first items, sanitized, when items were not all strings. */
  readonly sample?: SafeJson[];
  /** Bytes seen, when items were byte chunks. */
  readonly bytes?: number;
}

const SAMPLE_SIZE = 10;

const collector = new FinalizationRegistry<StreamObserver>((obs) => obs.end('abandoned'));

/**
 * Watches one stream for its span: counts items, keeps a bounded sample or text aggregate, and
 * calls `onEnd` exactly once, when the stream completes, is cancelled, fails, is never consumed
 * within the timeout, or is garbage-collected mid-way. It holds no reference to the stream.
 */
export class StreamObserver {
  private items = 0;
  private bytes = 0;
  private text: string | undefined = '';
  private readonly sample: SafeJson[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  constructor(
    private readonly limits: Readonly<CaptureLimits>,
    private readonly redact: RedactionRule | undefined,
    timeoutMs: number,
    private readonly onEnd: (summary: StreamSummary, error?: unknown) => void,
  ) {
    this.timer = setTimeout(() => this.end('abandoned'), timeoutMs);
    unrefTimer(this.timer);
  }

  /** Ends the span when `target` is collected before the stream ended. */
  watch(target: object): void {
    collector.register(target, this, this);
  }

  /** Consumption started: the never-consumed timeout no longer applies. */
  touch(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** One item went by. */
  item(value: unknown): void {
    if (this.ended) return;
    this.items++;
    if (typeof value === 'string') {
      if (this.text !== undefined && this.text.length < this.limits.maxStringLength) {
        this.text += value.slice(0, this.limits.maxStringLength - this.text.length);
      }
      if (this.sample.length < SAMPLE_SIZE) this.sample.push(value.slice(0, 256));
      return;
    }
    this.text = undefined;
    if (value instanceof Uint8Array) {
      this.bytes += value.byteLength;
      return;
    }
    if (this.sample.length < SAMPLE_SIZE) {
      const s = sanitize(value, this.limits, this.redact, this.limits.maxStringLength);
      this.sample.push(s === undefined ? null : s);
    }
  }

  /** Ends the span once; later calls do nothing. */
  end(state: StreamState, error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.touch();
    collector.unregister(this);
    const summary: StreamSummary =
      this.text !== undefined && this.items > 0
        ? { state, items: this.items, text: this.text }
        : this.bytes > 0
          ? { state, items: this.items, bytes: this.bytes }
          : { state, items: this.items, sample: this.sample };
    this.onEnd(summary, error);
  }
}
