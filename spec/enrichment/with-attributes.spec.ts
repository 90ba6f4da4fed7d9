import { expect } from 'chai';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import { enrichSpan } from '../../lib/enrichment/enrich';
import { withAttributes } from '../../lib/enrichment/with-attributes';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import { startOpenAICompatibleServer } from '../helpers/openai-compatible-server';

describe('withAttributes', () => {
  it('stamps every span started inside and merges nested calls', () => {
    const { tracer, spans } = createTestTracer();
    withAttributes({ userId: 'u-1', metadata: { feature: 'chat' }, tags: ['a'] }, () => {
      tracer.trace('outer', () => 1);
      withAttributes({ metadata: { variant: 'B' }, userProperties: { plan: 'pro' }, tags: ['b'] }, () =>
        tracer.trace('inner', () => 1),
      );
    });
    tracer.trace('outside', () => 1);
    const [outer, inner, outside] = spans();
    expect(outer!.metadata).to.deep.equal({ feature: 'chat', tags: ['a'] });
    expect(outer!.attributes.honeyhive_user_id).to.equal('u-1');
    expect(inner!.metadata).to.deep.equal({ feature: 'chat', variant: 'B', tags: ['a', 'b'] });
    expect(inner!.userProperties).to.deep.equal({ user_id: 'u-1', plan: 'pro' });
    expect(outside!.metadata).to.equal(undefined);
  });

  it('keeps sync functions sync and returns their value', () => {
    createTestTracer();
    expect(withAttributes({ userId: 'x' }, () => 5)).to.equal(5);
  });

  it('puts spans in the given session', () => {
    const { tracer, spans } = createTestTracer();
    const sessionId = '5b7a9c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b';
    withAttributes({ sessionId }, () => tracer.trace('x', () => 1));
    expect(spans()[0]!.sessionId).to.equal(sessionId);
  });

  it('reaches the spans of a real third-party instrumentor (OpenInference OpenAI)', async () => {
    const llm = await startOpenAICompatibleServer();
    const { tracer, spans } = createTestTracer({ project: 'chat-app' });
    const instrumentation = new OpenAIInstrumentation({ tracerProvider: tracer.provider });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    instrumentation.manuallyInstrument(require('openai'));
    try {
      const client = new OpenAI({ baseURL: llm.url, apiKey: 'local-key' });
      const answer = await withAttributes(
        { userId: 'user_12345', metadata: { feature: 'chat_support' } },
        () =>
          client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'Hello!' }],
          }),
      );
      expect(answer.choices[0]!.message.content).to.equal('echo: Hello!');
      await tracer.flush();
      const llmSpan = spans().find((s) => s.name === 'OpenAI Chat Completions');
      expect(llmSpan, 'instrumentor span').to.not.equal(undefined);
      expect(llmSpan!.attributes['honeyhive_user_id']).to.equal('user_12345');
      expect(llmSpan!.metadata).to.deep.equal({ feature: 'chat_support' });
      expect(llmSpan!.sessionId).to.equal(tracer.sessionId);
      expect(llmSpan!.project).to.equal('chat-app');
      expect(llmSpan!.attributes['llm.model_name']).to.equal('gpt-4o-mini');
    } finally {
      instrumentation.disable();
      await llm.close();
    }
  });

  it('works together with enrichSpan inside', () => {
    const { tracer, spans } = createTestTracer();
    withAttributes({ metadata: { a: 1 } }, () => tracer.trace('x', () => enrichSpan({ metadata: { b: 2 } })));
    expect(spans()[0]!.metadata).to.deep.equal({ a: 1, b: 2 });
  });
});
