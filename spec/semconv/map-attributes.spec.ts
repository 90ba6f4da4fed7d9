import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONVENTIONS, mapAttributes } from '../../lib/semconv/map-attributes';
import { NAMESPACE_TABLE } from '../../lib/semconv/honeyhive';

describe('semantic conventions', () => {
  it('maps current GenAI messages (parts, system instructions, tool calls) and usage', () => {
    const m = mapAttributes({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.system': 'ignored-when-provider-given',
      'gen_ai.request.model': 'claude-x',
      'gen_ai.request.top_p': 0.9,
      'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'Be kind.' }]),
      'gen_ai.input.messages': JSON.stringify([
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'hi ' },
            { type: 'text', content: 'there' },
          ],
        },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 't1', name: 'lookup', arguments: { q: 'x' } }],
          finish_reason: 'tool_call',
        },
      ]),
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 4,
    });
    expect(m.eventType).to.equal('model');
    expect(m.fields.inputs.chat_history).to.deep.equal([
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'hi there' },
    ]);
    expect(m.fields.outputs.role).to.equal('assistant');
    // every convention's tool calls in one shape: OpenAI's, arguments as a JSON string
    expect(m.fields.outputs.tool_calls).to.deep.equal([
      { id: 't1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
    ]);
    expect(m.fields.config).to.deep.equal({ model: 'claude-x', top_p: 0.9, provider: 'anthropic' });
    expect(m.fields.metrics).to.deep.equal({ prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 });
    expect(m.fields.metadata).to.deep.equal({});
    expect(Object.keys(m.raw)).to.have.length(10);
  });

  it('maps OpenInference tool calls and several choices, and lets HoneyHive namespaces win', () => {
    const m = mapAttributes({
      'openinference.span.kind': 'LLM',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': 'weather?',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'weather',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"city":"Lisbon"}',
      'llm.output_messages.1.message.role': 'assistant',
      'llm.output_messages.1.message.content': 'second choice',
      'llm.model_name': 'from-openinference',
      'honeyhive_config.model': 'set-by-the-user',
      'honeyhive_metadata.team': 'search',
      custom: 1,
    });
    expect(m.fields.outputs.tool_calls).to.deep.equal([
      { type: 'function', function: { name: 'weather', arguments: '{"city":"Lisbon"}' } },
    ]);
    expect(m.fields.outputs.choices).to.have.length(2);
    expect(m.fields.config.model).to.equal('set-by-the-user');
    expect(m.fields.metadata).to.deep.equal({ custom: 1, team: 'search' });
    expect(m.raw).to.not.have.property('honeyhive_config.model');
    expect(m.raw['llm.model_name']).to.equal('from-openinference');
  });

  it('keeps the first row: the answering model over the requested one in the invocation parameters', () => {
    const m = mapAttributes({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini-2024-07-18',
      'llm.invocation_parameters':
        '{"model":"gpt-4o-mini","temperature":0.2,"response_format":{"type":"json"}}',
      'llm.provider': 'openai',
    });
    expect(m.fields.config).to.deep.equal({
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      temperature: 0.2,
      response_format: { type: 'json' },
    });
  });

  it('maps legacy indexed GenAI prompts and OpenInference chains with JSON input values', () => {
    const legacy = mapAttributes({
      'gen_ai.system': 'openai',
      'gen_ai.prompt.0.role': 'user',
      'gen_ai.prompt.0.content': 'q',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.content': 'a',
    });
    expect(legacy.eventType).to.equal('model');
    expect(legacy.fields.inputs.chat_history).to.deep.equal([{ role: 'user', content: 'q' }]);
    expect(legacy.fields.outputs).to.deep.equal({ role: 'assistant', content: 'a' });
    const chain = mapAttributes({
      'openinference.span.kind': 'CHAIN',
      'input.value': '{"question":"why"}',
      'input.mime_type': 'application/json',
      'output.value': 'because',
      'output.mime_type': 'text/plain',
      'session.id': 'sess-1',
      'user.id': 'u-1',
    });
    expect(chain.eventType).to.equal('chain');
    expect(chain.fields.inputs).to.deep.equal({ question: 'why' });
    expect(chain.fields.outputs).to.deep.equal({ output: 'because' });
    expect(chain.scalars).to.deep.equal({ session_id: 'sess-1', user_id: 'u-1' });
  });

  it('reads the message parts of every convention one way: text, OpenAI-shaped tool calls, tool results with their ids', () => {
    const call = {
      id: 'c1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Lisbon"}' },
    };
    // the AI SDK's prompt: text, an image, a tool call, a tool result ({ type, value } output)
    const ai = mapAttributes({
      'ai.operationId': 'ai.generateText.doGenerate',
      'ai.prompt.messages': JSON.stringify([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', image: 'https://example.test/a.png' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: { city: 'Lisbon' } },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'c1',
              toolName: 'get_weather',
              output: { type: 'json', value: { sunny: true } },
            },
          ],
        },
      ]),
      'ai.response.toolCalls': JSON.stringify([
        { toolCallId: 'c1', toolName: 'get_weather', input: '{"city":"Lisbon"}' },
      ]),
    });
    expect(ai.eventType).to.equal('model');
    expect(ai.fields.inputs.chat_history).to.deep.equal([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', image: 'https://example.test/a.png' },
        ],
      },
      { role: 'assistant', content: '', tool_calls: [call] },
      { role: 'tool', tool_call_id: 'c1', name: 'get_weather', content: { sunny: true } },
    ]);
    expect(ai.fields.outputs).to.deep.equal({ role: 'assistant', tool_calls: [call] });
    // Anthropic blocks: a user message holding a tool result and text splits into a tool message and the text
    const anthropic = mapAttributes({
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': JSON.stringify([
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'c1', content: [{ type: 'text', text: 'sunny' }] },
            { type: 'text', text: 'thanks' },
          ],
        },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'ok' },
            { type: 'tool_use', id: 'c1', name: 'get_weather', input: { city: 'Lisbon' } },
          ],
        },
      ]),
    });
    expect(anthropic.fields.inputs.chat_history).to.deep.equal([
      { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      { role: 'user', content: 'thanks' },
    ]);
    expect(anthropic.fields.outputs).to.deep.equal({ role: 'assistant', content: 'ok', tool_calls: [call] });
    // the AI SDK's outer prompt, and the Responses API's input_text / output_text parts
    const outer = mapAttributes({
      'ai.operationId': 'ai.generateText',
      'ai.telemetry.functionId': 'answer',
      'ai.prompt': JSON.stringify({ system: 'Be brief.', prompt: 'hi' }),
      'ai.response.text': 'hello',
      'ai.telemetry.metadata.userId': 'u-9',
    });
    expect([outer.eventType, outer.scalars.event_name, outer.scalars.user_id]).to.deep.equal([
      'chain',
      'answer',
      'u-9',
    ]);
    expect(outer.fields.inputs.chat_history).to.deep.equal([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
    ]);
    expect(outer.fields.outputs).to.deep.equal({ role: 'assistant', content: 'hello' });
    const responses = mapAttributes({
      'openinference.span.kind': 'LLM',
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.contents.0.message_content.type': 'input_text',
      'llm.input_messages.0.message.contents.0.message_content.text': 'question',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.contents.0.message_content.type': 'output_text',
      'llm.output_messages.0.message.contents.0.message_content.text': 'answer',
    });
    expect(responses.fields.inputs.chat_history).to.deep.equal([{ role: 'user', content: 'question' }]);
    expect(responses.fields.outputs).to.deep.equal({ role: 'assistant', content: 'answer' });
  });

  it('never throws on hostile values', () => {
    const m = mapAttributes({
      'llm.invocation_parameters': '{not json',
      'gen_ai.input.messages': '[broken',
      'traceloop.entity.input': '{"__proto__":{"polluted":true}}',
      metadata: 'not an object',
      'llm.token_count.__proto__.polluted': 1,
      'traceloop.association.properties.constructor.prototype.polluted': 1,
    });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(m.fields.inputs)).to.equal(Object.prototype);
    expect(m.fields.metadata['llm.invocation_parameters']).to.equal('{not json');
  });

  it('docs/semantic-conventions.md names every attribute of every table', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../docs/semantic-conventions.md'), 'utf8');
    for (const c of CONVENTIONS) {
      if (c.kind) expect(doc, c.kind.attribute).to.contain(`\`${c.kind.attribute}\``);
      for (const r of c.rules) {
        const name = 'prefix' in r ? r.prefix.replace(/\.$/, '') : r.attribute;
        expect(doc, name).to.contain(name);
      }
      for (const n of c.names ?? []) expect(doc, n.attribute).to.contain(`\`${n.attribute}\``);
      for (const f of c.fallbacks ?? []) expect(doc, f.from.join('.')).to.contain(f.from.join('.'));
    }
    for (const n of NAMESPACE_TABLE) expect(doc).to.contain(n.field);
  });
});
