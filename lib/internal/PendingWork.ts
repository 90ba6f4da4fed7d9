/**
 * Work started in the background that a flush must wait for, and how much of it failed since
 * the last look. Shared by the span exporter and the REST client.
 */
export class PendingWork {
  private readonly inFlight = new Set<Promise<unknown>>();
  private failed = 0;

  /** Tracks `work` until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  /** Counts `n` lost items. */
  fail(n = 1): void {
    this.failed += n;
  }

  /** Resolves once everything tracked so far, and anything tracked meanwhile, has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Items lost since the previous call; resets the count. */
  takeFailures(): number {
    const n = this.failed;
    this.failed = 0;
    return n;
  }
}
