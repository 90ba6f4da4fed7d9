/**
 * The collector's ingest admission and its counters: at most `limit` ingest requests are read,
 * decoded and written at once; past it a request is refused (the route answers 503 with
 * `Retry-After`) before its body is read, so a node under a burst neither grows its memory nor
 * slows its reads. What `/ready` and `/metrics` report comes from here.
 */
export class IngestGate {
  /** Ingest requests being read, decoded or written now. */
  active = 0;
  /** Spans stored since the collector started. */
  spansIngested = 0;
  /** Ingest requests refused because the gate was full. */
  requestsRejected = 0;
  /** Write transactions (chunks of spans) committed, and the seconds they took. */
  writes = 0;
  writeSeconds = 0;

  constructor(
    /** Ingest requests admitted at once. */
    readonly limit: number,
  ) {}

  /** True when the gate is full: `/ready` says not ready, new ingest requests are refused. */
  get full(): boolean {
    return this.active >= this.limit;
  }

  /** Admits one request, or counts a refusal and answers false. */
  enter(): boolean {
    if (this.full) {
      this.requestsRejected++;
      return false;
    }
    this.active++;
    return true;
  }

  /** Releases a request admitted by `enter`. */
  leave(): void {
    this.active--;
  }

  /** Runs one write of `spans` spans, timing it and counting them once it committed. */
  write(spans: number, fn: () => void): void {
    const t0 = performance.now();
    fn();
    this.writeSeconds += (performance.now() - t0) / 1000;
    this.writes++;
    this.spansIngested += spans;
  }
}
