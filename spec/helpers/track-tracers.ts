import { allTracers } from '../../lib/tracer/TracerRegistry';

/** Closes every registered tracer (bounded), so no exporter outlives its spec. */
export async function closeTrackedTracers(): Promise<void> {
  await Promise.all(allTracers().map((t) => t.close(500)));
}
