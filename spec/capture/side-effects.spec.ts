import { expect } from 'chai';
import { DEFAULT_CAPTURE_LIMITS } from '../../lib/capture/CaptureOptions';
import { traced } from '../../lib/decorators/traced';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import type { TestTracerKit } from '../../lib/testing/create-test-tracer';

/** An object whose getter counts its reads, and a function that reads it once. */
function counting() {
  const box = { reads: 0 };
  const arg = {
    id: 7,
    get count() {
      return ++box.reads;
    },
  };
  const fn = (a: typeof arg) => ({ seen: a.count, id: a.id });
  return { box, arg, fn };
}

describe('capture never changes what user code sees', () => {
  let kit: TestTracerKit;
  afterEach(() => kit?.tracer.close());

  it('reads a counting getter as often traced as untraced, with the same result', () => {
    const untraced = counting();
    const plainResult = untraced.fn(untraced.arg);
    kit = createTestTracer({ project: 'side-effects' });
    const t = counting();
    const tracedResult = traced(t.fn, { name: 'readsGetter' })(t.arg);
    expect(t.box.reads).to.equal(untraced.box.reads).and.to.equal(1);
    expect(tracedResult).to.deep.equal(plainResult);
    const [span] = kit.spans();
    expect(span!.inputs).to.deep.equal({ a: { id: 7, count: '[Getter]' } });
  });

  it('invokes getters only when capture.invokeGetters is on', () => {
    kit = createTestTracer({ project: 'side-effects', capture: { invokeGetters: true } });
    const t = counting();
    traced(t.fn, { name: 'readsGetter' })(t.arg);
    expect(kit.spans()[0]!.inputs).to.deep.equal({ a: { id: 7, count: 1 } });
  });

  it('runs no Proxy trap and never calls then', () => {
    kit = createTestTracer({ project: 'side-effects' });
    let traps = 0;
    const proxy = new Proxy(
      { a: 1 },
      {
        get: (t, k) => (traps++, Reflect.get(t, k)),
        ownKeys: (t) => (traps++, Reflect.ownKeys(t)),
        getPrototypeOf: (t) => (traps++, Reflect.getPrototypeOf(t)),
        has: (t, k) => (traps++, Reflect.has(t, k)),
        getOwnPropertyDescriptor: (t, k) => (traps++, Reflect.getOwnPropertyDescriptor(t, k)),
      },
    );
    let thens = 0;
    const thenable = { then: () => void thens++ };
    traced((p: object, q: object) => [p, q].length, { name: 'hostile' })(proxy, thenable);
    expect(traps).to.equal(0);
    expect(thens).to.equal(0);
    expect(kit.spans()[0]!.inputs).to.deep.equal({ p: '[Proxy]', q: '[Thenable object]' });
  });

  it('calls a toJSON at most once per value', () => {
    kit = createTestTracer({ project: 'side-effects' });
    let calls = 0;
    const value = { toJSON: () => (calls++, { shown: true }) };
    traced((v: object) => v, { name: 'json' })(value);
    // once for the input, once for the output: the same object is captured twice, each read once
    expect(calls).to.equal(2);
    expect(kit.spans()[0]!.inputs).to.deep.equal({ v: { shown: true } });
  });
});

describe('capture lists a large object once', () => {
  let kit: TestTracerKit | undefined;
  afterEach(() => kit?.tracer.close());

  /**
   * A 200,000-key object whose key listings and value reads are counted (a Proxy, looked into
   * with invokeGetters): a copy of it (a spread) reads every value, capture only what it keeps.
   */
  function listed() {
    const box = { listings: 0, reads: 0 };
    const target: Record<string, number> = {};
    for (let i = 0; i < 200_000; i++) target[`k${i}`] = i;
    const value = new Proxy(target, {
      ownKeys: (t) => (box.listings++, Reflect.ownKeys(t)),
      get: (t, k, r) => (box.reads++, Reflect.get(t, k, r)),
    });
    return { box, value };
  }

  const ways: [string, (tracer: TestTracerKit['tracer'], value: object) => void][] = [
    [
      'as an argument of a traced function',
      (_t, v) => traced((big: object) => big !== null, { name: 'arg' })(v),
    ],
    ['as the output of a traced function', (_t, v) => traced(() => v, { name: 'out' })()],
    [
      'as inputs given to enrichSpan',
      (t, v) => t.trace('enriched', () => t.enrichSpan({ inputs: v as never })),
    ],
    ['as a metadata key of enrichSpan', (t, v) => t.trace('meta', () => t.enrichSpan({ big: v }))],
    ['as metadata given to enrichSession', (t, v) => t.enrichSession({ metadata: v as never })],
  ];
  for (const [how, use] of ways) {
    it(`enumerates the keys once ${how}`, () => {
      kit = createTestTracer({ project: 'listings', capture: { invokeGetters: true } });
      const { box, value } = listed();
      use(kit.tracer, value);
      expect(box.listings).to.equal(1);
      expect(box.reads).to.be.below(2 * DEFAULT_CAPTURE_LIMITS.maxItemsPerContainer + 20);
    });
  }
});
