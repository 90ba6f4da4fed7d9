import { expect } from 'chai';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import type { FakeModelServer } from '../../samples/shared/fake-model-server';
import { startFakeModelServer } from '../../samples/shared/fake-model-server';
import { runClient } from '../helpers/run-client';

/** Prices of the fake server's models: cached input a tenth of input, reasoning at the output price. */
const PRICES = {
  'gpt-4o-mini': { input: 0.15, output: 0.6, cached_input: 0.015 },
  'claude-sonnet-4-5': { input: 3, output: 15, cached_input: 0.3 },
};
/** 8 fresh + 4 cached input tokens, 5 output tokens. */
const cost = (p: { input: number; output: number; cached_input: number }) =>
  (8 * p.input + 4 * p.cached_input + 5 * p.output) / 1e6;

const CONVERSATION = [
  { role: 'system', content: 'You answer weather questions.' },
  { role: 'user', content: 'What is the weather in Lisbon?' },
];
const CALL = {
  id: 'call_1',
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city":"Lisbon"}' },
};
const RESULT = { role: 'tool', tool_call_id: 'call_1', content: 'Lisbon: sunny, 24°C' };

/**
 * The TypeScript AI stack as users run it: each real published package against the fake model
 * server on 127.0.0.1, traced into the collector, and the stored events read back field by
 * field (type, name, parent, session, user, conversation, tool calls, config, tokens, cost, errors).
 */
describe('AI frameworks into the collector', function () {
  this.timeout(120_000);
  let collector: Collector;
  let llm: FakeModelServer;
  before(async () => {
    collector = await startCollector({ dbPath: ':memory:', prices: PRICES });
    llm = await startFakeModelServer();
  });
  after(async () => {
    await llm.close();
    await collector.close();
  });

  const sessionOf = async (client: string, args: string[] = [], env: Record<string, string> = {}) => {
    const out = await runClient<Record<string, any>>(client, [collector.url, llm.url, ...args], env);
    expect(out.delivered, 'flush() said every span arrived').to.equal(true);
    const body = (await (await fetch(`${collector.url}/api/sessions/${out.sessionId}`)).json()) as any;
    const events = (body.events as any[]).sort((a, b) => a.start_time - b.start_time);
    const root = events.find((e) => e.event_name === 'weather agent');
    expect(root, 'the caller’s traced span').to.not.equal(undefined);
    for (const e of events) {
      expect(e.session_id, `${e.event_name} in the caller's session`).to.equal(out.sessionId);
      expect(e.user_properties.user_id, `${e.event_name} carries withAttributes' user`).to.equal('user-7');
      expect(e.metadata.tenant, `${e.event_name} carries withAttributes' metadata`).to.equal('acme');
    }
    const byId = new Map(events.map((e) => [e.event_id, e]));
    /** True when `e` sits (at any depth) under the caller's span. */
    const under = (e: any): boolean => {
      for (let p = byId.get(e.parent_id); p; p = byId.get(p.parent_id)) if (p === root) return true;
      return false;
    };
    return { out, events, root, under, byId };
  };

  for (const generation of ['v6', 'v7-legacy'] as const) {
    it(`AI SDK ${generation === 'v6' ? '6' : '7 (LegacyOpenTelemetry)'}: ai.* spans as chain, model and tool events`, async () => {
      const { out, events, root, under, byId } = await sessionOf('ai-sdk.ts', [generation]);
      expect(out.text).to.equal('Answer: Lisbon: sunny, 24°C');
      const named = (n: string) => events.find((e) => e.event_name === n);
      const call = named('weather-answer');
      expect(call.event_type).to.equal('chain');
      expect(call.parent_id).to.equal(root.event_id);
      expect(call.inputs.chat_history).to.deep.equal(CONVERSATION);
      expect(call.outputs).to.deep.include({ role: 'assistant', content: 'Answer: Lisbon: sunny, 24°C' });
      expect(call.metadata.function_id).to.equal('weather-answer');
      const models = events.filter(
        (e) => e.event_type === 'model' && e.metadata.function_id === 'weather-answer',
      );
      expect(models).to.have.length(2);
      for (const m of models) {
        expect(under(m)).to.equal(true);
        expect(m.config).to.include({ model: 'gpt-4o-mini', provider: 'openai.chat', temperature: 0.2 });
        expect(m.metrics).to.include({
          prompt_tokens: 12,
          completion_tokens: 5,
          total_tokens: 17,
          cache_read_input_tokens: 4,
          reasoning_tokens: 2,
        });
        expect(m.cost).to.be.closeTo(cost(PRICES['gpt-4o-mini']), 1e-12);
      }
      // AI SDK 6 sends no text with a tool call, AI SDK 7's legacy spans an empty one
      expect(models[0].outputs).to.deep.include({ role: 'assistant', tool_calls: [CALL] });
      expect(models[0].outputs.content ?? '').to.equal('');
      expect(models[1].inputs.chat_history).to.deep.equal([
        ...CONVERSATION,
        { role: 'assistant', content: '', tool_calls: [CALL] },
        { ...RESULT, name: 'get_weather' },
      ]);
      expect(models[1].outputs).to.deep.equal({ role: 'assistant', content: 'Answer: Lisbon: sunny, 24°C' });
      const tool = named('get_weather');
      expect(tool.event_type).to.equal('tool');
      expect(under(tool)).to.equal(true);
      expect(tool.inputs).to.deep.equal({ city: 'Lisbon' });
      expect(tool.outputs).to.deep.equal({ result: 'Lisbon: sunny, 24°C' });
      expect(tool.metadata).to.include({ tool_name: 'get_weather', tool_call_id: 'call_1' });
      // streamText: time to first token; generateObject: the object as the answer
      const stream = named('greeting');
      expect(stream.event_type).to.equal('chain');
      const doStream = events.find((e) => e.parent_id === stream.event_id);
      expect(doStream.event_type).to.equal('model');
      expect(doStream.outputs).to.deep.equal({ role: 'assistant', content: 'echo: Say hello' });
      expect(doStream.metrics.time_to_first_token_ms).to.be.a('number').and.above(0);
      const object = named('weather-object');
      expect(object.outputs).to.deep.equal({ role: 'assistant', content: '{"city":"Lisbon","sunny":true}' });
      // the rejected call: chain and model events carry the error
      const failing = named('failing');
      expect(failing.error).to.equal('The model `fail` does not exist');
      const failedModel = events.find((e) => e.parent_id === failing.event_id);
      expect([failedModel.event_type, failedModel.error]).to.deep.equal([
        'model',
        'The model `fail` does not exist',
      ]);
      expect(byId.get(failing.parent_id)).to.equal(root);
      if (generation === 'v6') {
        // ai.telemetry.metadata.*: kept in metadata, the user id honoured where the span names none of its own
        expect(call.metadata.feature).to.equal('weather');
      }
    });
  }

  it('AI SDK 7 (default OpenTelemetry integration, GenAI conventions): agent, steps, model calls, tools', async () => {
    const { out, events, root } = await sessionOf('ai-sdk.ts', ['v7']);
    expect(out.object).to.deep.equal({ city: 'Lisbon', sunny: true });
    const call = events.find((e) => e.event_name === 'weather-answer');
    expect(call.event_type).to.equal('chain');
    expect(call.parent_id).to.equal(root.event_id);
    expect(call.inputs.chat_history).to.deep.equal(CONVERSATION);
    expect(call.outputs).to.deep.include({
      role: 'assistant',
      content: 'Answer: Lisbon: sunny, 24°C',
      tool_calls: [CALL],
    });
    expect(call.metrics).to.include({ prompt_tokens: 24, completion_tokens: 10, cache_read_input_tokens: 8 });
    const steps = events.filter((e) => e.parent_id === call.event_id);
    expect(steps.map((s) => [s.event_name, s.event_type])).to.deep.equal([
      ['step 1', 'chain'],
      ['step 2', 'chain'],
    ]);
    const [first, second] = steps.map((s) => events.filter((e) => e.parent_id === s.event_id));
    const model1 = first!.find((e) => e.event_type === 'model');
    const tool = first!.find((e) => e.event_type === 'tool');
    expect(model1.outputs).to.deep.include({ role: 'assistant', content: '', tool_calls: [CALL] });
    expect(model1.config).to.include({ model: 'gpt-4o-mini', provider: 'openai', temperature: 0.2 });
    expect(model1.cost).to.be.closeTo(cost(PRICES['gpt-4o-mini']), 1e-12);
    expect(tool.event_name).to.equal('get_weather');
    expect(tool.inputs).to.deep.equal({ city: 'Lisbon' });
    expect(tool.outputs).to.deep.equal({ result: 'Lisbon: sunny, 24°C' });
    const model2 = second!.find((e) => e.event_type === 'model');
    expect(model2.inputs.chat_history).to.deep.equal([
      ...CONVERSATION,
      { role: 'assistant', content: '', tool_calls: [CALL] },
      RESULT,
    ]);
    expect(model2.outputs).to.deep.include({ role: 'assistant', content: 'Answer: Lisbon: sunny, 24°C' });
    const streamed = events.find(
      (e) => e.event_type === 'model' && e.metrics.time_to_first_token_ms !== undefined,
    );
    expect(streamed.outputs.content).to.equal('echo: Say hello');
    const failing = events.find((e) => e.event_name === 'failing');
    expect(failing.error).to.equal('The model `fail` does not exist');
  });

  it('LangChain.js through OpenInference: chain, model and tool events, the provider from ls_provider', async () => {
    const { out, events, under } = await sessionOf('langchain.ts', [], {
      LANGCHAIN_CALLBACKS_BACKGROUND: 'false',
    });
    expect(out.answer).to.equal('Answer: Lisbon: sunny, 24°C');
    const sequence = events.find((e) => e.event_name === 'RunnableSequence');
    expect(sequence.event_type).to.equal('chain');
    const models = events.filter((e) => e.event_type === 'model');
    expect(models).to.have.length(2);
    for (const m of models) {
      expect(under(m)).to.equal(true);
      expect(m.config).to.include({ model: 'gpt-4o-mini', provider: 'openai', temperature: 0.2 });
      expect(m.metrics).to.include({ prompt_tokens: 12, completion_tokens: 5, cache_read_input_tokens: 4 });
      expect(m.cost).to.be.closeTo(cost(PRICES['gpt-4o-mini']), 1e-12);
    }
    expect(models[0].parent_id).to.equal(sequence.event_id);
    expect(models[0].inputs.chat_history).to.deep.equal(CONVERSATION);
    // LangChain's OpenInference spans carry no tool call ids
    const bare = { type: 'function', function: CALL.function };
    expect(models[0].outputs).to.deep.equal({ role: 'assistant', content: '', tool_calls: [bare] });
    expect(models[1].inputs.chat_history).to.deep.equal([
      ...CONVERSATION,
      { role: 'assistant', content: '', tool_calls: [bare] },
      { role: 'tool', content: 'Lisbon: sunny, 24°C' },
    ]);
    const tool = events.find((e) => e.event_type === 'tool');
    expect(tool.event_name).to.equal('get_weather');
  });

  it('OpenAI chat completions and the Responses API through OpenInference: text, not part lists', async () => {
    const { out, events, under } = await sessionOf('openai-sdk.ts');
    expect(out).to.include({
      plain: 'echo: plain question',
      streamed: 'echo: streamed question',
      helper: 'echo: helper question',
    });
    const chats = events.filter((e) => e.event_name === 'OpenAI Chat Completions');
    expect(chats.map((e) => e.outputs)).to.deep.equal([
      { role: 'assistant', tool_calls: [CALL] },
      { role: 'assistant', content: 'Answer: Lisbon: sunny, 24°C' },
    ]);
    expect(chats[1].inputs.chat_history).to.deep.equal([
      ...CONVERSATION,
      { role: 'assistant', tool_calls: [CALL] },
      { role: 'tool', content: 'Lisbon: sunny, 24°C', tool_call_id: 'call_1' },
    ]);
    const responses = events.filter((e) => e.event_name === 'OpenAI Responses');
    expect(responses).to.have.length(5);
    expect(responses.map((e) => e.inputs.chat_history)).to.deep.equal([
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'plain question' },
      ],
      [{ role: 'user', content: 'streamed question' }],
      [{ role: 'user', content: 'helper question' }],
      [{ role: 'user', content: 'Weather in Lisbon?' }],
      [
        { role: 'user', content: 'Weather in Lisbon?' },
        { role: 'assistant', tool_calls: [CALL] },
        { role: 'tool', tool_call_id: 'call_1', content: 'Lisbon: sunny, 24°C' },
      ],
    ]);
    expect(responses.map((e) => e.outputs)).to.deep.equal([
      { role: 'assistant', content: 'echo: plain question' },
      { role: 'assistant', content: 'echo: streamed question' },
      { role: 'assistant', content: 'echo: helper question' },
      { role: 'assistant', tool_calls: [CALL] },
      { role: 'assistant', content: 'Answer: Lisbon: sunny, 24°C' },
    ]);
    for (const m of [...chats, ...responses]) {
      expect(under(m)).to.equal(true);
      expect(m.config).to.include({ model: 'gpt-4o-mini', provider: 'openai' });
      expect(m.metrics).to.include({ prompt_tokens: 12, cache_read_input_tokens: 4, reasoning_tokens: 2 });
      expect(m.cost).to.be.closeTo(cost(PRICES['gpt-4o-mini']), 1e-12);
    }
  });

  const ANSWERING = 'claude-sonnet-4-5-20250929';
  for (const mode of ['openinference', 'builtin'] as const) {
    it(`Anthropic SDK (${mode === 'builtin' ? 'its built-in tracing on tracer.provider' : 'OpenInference'}): text and tool_use blocks, the answering model, the error type`, async () => {
      const { out, events, under } = await sessionOf('anthropic-sdk.ts', [mode]);
      expect(out.answer).to.equal('Answer: Lisbon: sunny, 24°C');
      const models = events.filter((e) => e.event_type === 'model');
      expect(models).to.have.length(3);
      const [first, second, failed] = models;
      const call = { id: 'toolu_1', type: 'function', function: CALL.function };
      expect(first.outputs).to.deep.include({
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [call],
      });
      const history = second.inputs.chat_history;
      expect(history.at(-2)).to.deep.equal({
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [call],
      });
      expect(history.at(-1)).to.deep.equal({
        role: 'tool',
        tool_call_id: 'toolu_1',
        content: 'Lisbon: sunny, 24°C',
      });
      expect(second.outputs).to.deep.include({ role: 'assistant', content: 'Answer: Lisbon: sunny, 24°C' });
      for (const m of [first, second]) {
        expect(under(m)).to.equal(true);
        expect(m.config).to.include({ model: ANSWERING, provider: 'anthropic' });
        expect(m.metrics).to.include({ prompt_tokens: 12, completion_tokens: 5, cache_read_input_tokens: 4 });
        expect(m.cost).to.be.closeTo(cost(PRICES['claude-sonnet-4-5']), 1e-12);
      }
      expect(failed.error).to.contain('invalid_request_error');
      if (mode === 'builtin') expect(failed.error).to.equal('invalid_request_error');
      else expect(failed.error).to.contain('model: fail is not a model');
    });
  }

  it('OpenAI Agents JS through its OpenInference bridge: agent, turns, model calls and tools nested in the caller', async () => {
    const { out, events, root, under } = await sessionOf('openai-agents.ts');
    expect(out.answer).to.equal('Answer: Lisbon: sunny, 24°C');
    const agent = events.find((e) => e.event_name === 'Weather agent');
    expect(agent.event_type).to.equal('chain');
    expect(under(agent)).to.equal(true);
    const models = events.filter((e) => e.event_type === 'model');
    expect(models).to.have.length(2);
    expect(models[0].outputs).to.deep.equal({ role: 'assistant', tool_calls: [CALL] });
    expect(models[1].inputs.chat_history.at(-1)).to.deep.equal({
      role: 'tool',
      content: 'Lisbon: sunny, 24°C',
      tool_call_id: 'call_1',
    });
    for (const m of models) expect(m.cost).to.be.closeTo(cost(PRICES['gpt-4o-mini']), 1e-12);
    const tool = events.find((e) => e.event_type === 'tool');
    expect([tool.event_name, tool.inputs]).to.deep.equal(['get_weather', { city: 'Lisbon' }]);
    expect(tool.outputs).to.deep.equal({ output: 'Lisbon: sunny, 24°C' });
    expect(events.every((e) => e === root || under(e))).to.equal(true);
  });
});
