import { expect } from 'chai';
import * as sinon from 'sinon';
import { traced } from '../../lib/decorators/traced';
import { logger } from '../../lib/internal/logger';
import { createTestTracer } from '../../lib/testing/create-test-tracer';

describe('traced() span names', () => {
  beforeEach(() => logger.setSink(undefined)); // forget earlier warnings

  it('names spans after the option, else the function, and warns once when there is neither', async () => {
    const kit = createTestTracer();
    const warn = sinon.stub(console, 'warn');
    const named = traced(async (q: string) => q, { name: 'retrieve', tracer: kit.tracer });
    const own = traced(
      function rerank(q: string) {
        return q;
      },
      { tracer: kit.tracer },
    );
    const anonymous = [0, 1].map(() =>
      traced(async (q: string, k = 3) => `${q}${k}`, { tracer: kit.tracer }),
    );
    expect(warn.callCount).to.equal(1);
    expect(String(warn.firstCall.args[0]))
      .to.contain("named 'anonymous'")
      .and.contain("traced(fn, 'retrieve')");
    await named('a');
    own('b');
    for (const f of anonymous) await f('c');
    expect(kit.spans().map((s) => s.name)).to.deep.equal(['retrieve', 'rerank', 'anonymous', 'anonymous']);
  });
});
