import type { TracerOptions } from '../config/TracerOptions';
import type { RecordedRequest } from '../export/HoneyHiveClient';
import { HoneyHiveTracer, internalsOf } from '../tracer/HoneyHiveTracer';
import type { TestSpan } from './TestSpan';
import { toTestSpan } from './to-test-span';

/** A test-mode tracer and what it recorded. */
export interface TestTracerKit {
  /** The tracer (registered like any other; the first one becomes the default). */
  tracer: HoneyHiveTracer;
  /** Finished spans, oldest first, as plain objects. */
  spans(): TestSpan[];
  /** `PUT /events` bodies (session enrichment) recorded instead of sent, in order. */
  sessionUpdates(): Record<string, unknown>[];
  /** Every REST request recorded instead of sent (session starts included). */
  requests(): readonly RecordedRequest[];
  /** Forgets recorded spans and requests. */
  reset(): void;
}

/**
 * Creates a test-mode tracer for your own unit tests: nothing goes over the network, spans are
 * kept in memory and exported synchronously, so `spans()` is up to date as soon as a span ends.
 * Call `sessionUpdates()` after `await kit.tracer.flush()` (session enrichment is coalesced).
 *
 * @example
 * const kit = createTestTracer({ project: 'my-app' });
 * await new Search().query('hello');
 * expect(kit.spans()[0].inputs).to.deep.equal({ text: 'hello', limit: 5 });
 */
export function createTestTracer(options: TracerOptions = {}): TestTracerKit {
  const tracer = new HoneyHiveTracer({ project: 'test', ...options, testMode: true });
  const { memory: maybeMemory, client } = internalsOf(tracer);
  const memory = maybeMemory!;
  return {
    tracer,
    spans: () => memory.getFinishedSpans().map(toTestSpan),
    sessionUpdates: () =>
      client.recorded
        .filter((r) => r.method === 'PUT' && r.path === '/events')
        .map((r) => r.body as Record<string, unknown>),
    requests: () => client.recorded,
    reset: () => {
      memory.reset();
      client.clearRecorded();
    },
  };
}
