/**
 * Work started in the background that a flush must wait for, and how much of it failed since
 * the last look. Shared by the span exporter (callback based: `begin()`/done, no promise per
 * export) and the REST client (`track(promise)`).
 */
export class PendingWork {
  private count = 0;
  private waiters: (() => void)[] = [];
  private failed = 0;
  private failedAll = 0;

  /** Marks one unit of work as started; call the returned function once when it is done. */
  begin(): () => void {
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.count === 0 && this.waiters.length > 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    };
  }

  /** Tracks `work` until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    const end = this.begin();
    work.then(end, end);
    return work;
  }

  /** Counts `n` lost items. */
  fail(n = 1): void {
    this.failed += n;
    this.failedAll += n;
  }

  /** Units of work started and not yet done. */
  get size(): number {
    return this.count;
  }

  /** Items lost since this was created. */
  get failedTotal(): number {
    return this.failedAll;
  }

  /** Resolves once everything tracked so far, and anything tracked meanwhile, has finished. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Items lost since the previous call; resets the count. */
  takeFailures(): number {
    const n = this.failed;
    this.failed = 0;
    return n;
  }
}
