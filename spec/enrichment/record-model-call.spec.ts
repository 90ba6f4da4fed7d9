import { expect } from 'chai';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { recordModelCall } from '../../lib/enrichment/record-model-call';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

describe('recordModelCall', () => {
  let collector: Collector;
  beforeEach(
    async () =>
      (collector = await startCollector({
        dbPath: ':memory:',
        prices: { 'acme-1': { input: 1, output: 2 } },
      })),
  );
  afterEach(async () => collector.close());

  it("records a model call of one's own code as the model event the viewer reads: conversation, answer, tokens, cost", async () => {
    const tracer = HoneyHiveTracer.init({ project: 'own-model', serverUrl: collector.url });
    const answer = traced(
      (question: string) => {
        const text = `echo: ${question}`;
        expect(
          recordModelCall({
            model: 'acme-1',
            provider: 'acme',
            parameters: { temperature: 0.2 },
            messages: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: question },
            ],
            response: text,
            usage: { promptTokens: 12, completionTokens: 4 },
          }),
        ).to.equal(true);
        return text;
      },
      { name: 'answer' },
    );
    answer('hello?');
    expect(await tracer.flush()).to.equal(true);
    const detail = (await (await fetch(`${collector.url}/api/sessions/${tracer.sessionId}`)).json()) as any;
    const event = detail.events.find((e: any) => e.event_name === 'answer');
    expect(event.event_type).to.equal('model');
    expect(event.config).to.deep.equal({ model: 'acme-1', provider: 'acme', temperature: 0.2 });
    expect(event.inputs.chat_history).to.deep.equal([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello?' },
    ]);
    expect(event.outputs).to.include({ role: 'assistant', content: 'echo: hello?' });
    expect(event.metrics).to.include({ prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 });
    expect(event.tokens).to.deep.equal({ prompt: 12, completion: 4, total: 16 });
    // 12 × 1 + 4 × 2 per million tokens
    expect(event.cost).to.be.closeTo(20e-6, 1e-12);
    await tracer.close();
  });

  it('records nothing outside a span, and never throws', () => {
    expect(recordModelCall({ model: 'm' })).to.equal(false);
    expect(() => recordModelCall(null as never)).to.not.throw();
  });
});
