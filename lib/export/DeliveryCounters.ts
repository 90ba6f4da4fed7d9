/** What `tracer.stats()` answers: counters since the tracer was created. Read-only snapshot. */
export interface TracerStats {
  /** Spans started by the tracer's provider (ours and instrumentors'). */
  readonly started: number;
  /** Spans the backend acknowledged. */
  readonly exported: number;
  /** Spans dropped because the export queue was full (or the tracer was shut down). */
  readonly dropped: number;
  /** Spans whose export request failed or timed out. */
  readonly failed: number;
  /** Spans ended and waiting for export or in flight. */
  readonly queued: number;
  /** Session starts and session updates not yet delivered. */
  readonly sessionUpdatesPending: number;
  /** Session starts and session updates given up on. */
  readonly sessionUpdatesFailed: number;
}

/** Span counters of one export processor; the next `flush()` reports what was lost since the last. */
export class DeliveryCounters {
  started = 0;
  exported = 0;
  dropped = 0;
  failed = 0;
  /** `dropped + failed` at the last `takeLost()`. */
  private reported = 0;

  /** Spans dropped or failed since the previous call. */
  takeLost(): number {
    const total = this.dropped + this.failed;
    const n = total - this.reported;
    this.reported = total;
    return n;
  }
}
