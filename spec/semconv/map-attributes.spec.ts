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
