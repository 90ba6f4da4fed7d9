import { expect } from 'chai';
import { Trace } from '../../lib/decorators/Trace';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import { collectUntil } from '../helpers/force-gc';

class Llm {
  @Trace({ eventType: 'model' })
  stream(n: number): AsyncIterable<string> & { payload: Uint8Array } {
    return {
      payload: new Uint8Array(1024 * 1024),
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < n; i++) yield `t${i}`;
      },
    };
  }

  @Trace()
  async *tokens(n: number): AsyncGenerator<string> {
    for (let i = 0; i < n; i++) yield `t${i}`;
  }
}

describe('stream lifetime', () => {
  it('does not keep a never-consumed stream alive while its timeout is pending', async () => {
    const kit = createTestTracer({ streamTimeoutMs: 60_000 });
    let ref: WeakRef<object> | undefined;
    (() => {
      ref = new WeakRef(new Llm().stream(3));
    })();
    expect(await collectUntil(() => ref!.deref() === undefined)).to.equal(true);
    // once collected, the span ends as abandoned (long before the 60 s timeout)
    expect(await collectUntil(() => kit.spans().length === 1)).to.equal(true);
    expect(kit.spans()[0]!.attributes['hivetrace.stream.state']).to.equal('abandoned');
  });

  it('ends the span of a generator dropped mid-way when it is collected', async () => {
    const kit = createTestTracer();
    await (async () => {
      const gen = new Llm().tokens(10);
      await gen.next();
      await gen.next();
    })();
    expect(await collectUntil(() => kit.spans().length === 1)).to.equal(true);
    const [span] = kit.spans();
    expect(span!.attributes['hivetrace.stream.state']).to.equal('abandoned');
    expect(span!.outputs!.item_count).to.equal(2);
  });
});
