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

/** Span counters of one export processor; `lost` is what the next `flush()` reports and resets. */
export class DeliveryCounters {
  started = 0;
  exported = 0;
  dropped = 0;
  failed = 0;
  /** Dropped or failed since the last `takeLost()`. */
  lost = 0;

  /** Spans lost since the previous call; resets the count. */
  takeLost(): number {
    const n = this.lost;
    this.lost = 0;
    return n;
  }
}
