import { expect } from 'chai';
import { startCollector } from '../../lib/collector/start-collector';
import type { Collector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { enrichSpan } from '../../lib';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import type { TestTracerKit } from '../../lib/testing/create-test-tracer';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

/** A document of about `bytes` characters of JSON, like a retrieved page or a request body. */
function doc(bytes: number) {
  const sections: { heading: string; body: string; score: number }[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const s = { heading: `Section ${i}`, body: 'lorem ipsum dolor sit amet '.repeat(6), score: i / 7 };
    sections.push(s);
    size += JSON.stringify(s).length;
  }
  return { id: 'doc-1', sections };
}

const summarize = (d: { id: string; sections: unknown[] }) => ({ id: d.id, count: d.sections.length });

describe('compact capture: an object argument or result is one JSON string', () => {
  let kit: TestTracerKit;
  afterEach(() => kit?.tracer.close());

  it('sends a 10 KB argument as one attribute (as the Python SDK sends its parameters), read back as the object', () => {
    kit = createTestTracer({ project: 'compact' });
    const d = doc(10_000);
    traced(summarize, { name: 'summarize' })(d);
    const [span] = kit.spans();
    const captured = Object.keys(span!.attributes).filter((k) => k.startsWith('honeyhive_inputs.'));
    expect(captured).to.deep.equal(['honeyhive_inputs.d']);
    expect(span!.attributes['honeyhive_inputs.d']).to.equal(JSON.stringify(d));
    expect(span!.attributes['honeyhive_outputs.result']).to.equal(
      JSON.stringify({ id: 'doc-1', count: d.sections.length }),
    );
    // the test kit shows the value the string encodes, so assertions read as before
    expect(span!.inputs).to.deep.equal({ d });
    expect(span!.outputs).to.deep.equal({ result: { id: 'doc-1', count: d.sections.length } });
  });

  it('keeps primitives as they are and enrichment namespaces flattened', () => {
    kit = createTestTracer({ project: 'compact' });
    traced(
      (_q: string, n: number, tags: string[]) => {
        enrichSpan({ metadata: { retrieval: { k: n, index: 'faq' } } });
        return tags.length;
      },
      { name: 'search' },
    )('reset password', 3, ['a', 'b']);
    const a = kit.spans()[0]!.attributes;
    expect(a).to.include({
      'honeyhive_inputs._q': 'reset password',
      'honeyhive_inputs.n': 3,
      'honeyhive_inputs.tags': '["a","b"]',
      'honeyhive_outputs.result': 2,
      'honeyhive_metadata.retrieval.k': 3,
      'honeyhive_metadata.retrieval.index': 'faq',
    });
  });

  it('redacts secrets inside the JSON by key and by value', () => {
    kit = createTestTracer({ project: 'compact' });
    const request = {
      model: 'gpt-4o',
      apiKey: 'sk-live-0123456789abcdef0123',
      headers: { authorization: 'Bearer abc.def.ghi' },
      note: 'call https://user:hunter2@example.com/x',
    };
    traced((r: typeof request) => r.model, { name: 'call' })(request);
    const json = String(kit.spans()[0]!.attributes['honeyhive_inputs.r']);
    expect(json).not.to.contain('sk-live').and.not.to.contain('hunter2').and.not.to.contain('abc.def.ghi');
    expect(JSON.parse(json)).to.include({ model: 'gpt-4o', apiKey: '[REDACTED]' });
    // nothing was changed on the caller's object
    expect(request.apiKey).to.equal('sk-live-0123456789abcdef0123');
  });

  it('bounds a 40 MB argument at maxJsonLength, as valid JSON that says what it left out', () => {
    kit = createTestTracer({ project: 'compact' });
    const huge = {
      id: 'big',
      blob: 'x'.repeat(40 * 1024 * 1024),
      rows: Array.from({ length: 200_000 }, (_, i) => ({ i })),
    };
    traced((h: typeof huge) => h.id, { name: 'ingest' })(huge);
    const json = String(kit.spans()[0]!.attributes['honeyhive_inputs.h']);
    const limit = 16_384;
    expect(json.length).to.be.at.most(limit + 200);
    const back = JSON.parse(json) as { blob: string; rows: unknown[] };
    expect(back.blob).to.match(/…\[truncated \d+ chars\]$/);
    expect(back.rows[back.rows.length - 1]).to.match(/more items/);
  });

  it('honours capture.limits.maxJsonLength', () => {
    kit = createTestTracer({ project: 'compact', capture: { limits: { maxJsonLength: 1000 } } });
    traced(summarize, { name: 'summarize' })(doc(10_000));
    const json = String(kit.spans()[0]!.attributes['honeyhive_inputs.d']);
    expect(json.length).to.be.at.most(1200);
    expect(() => JSON.parse(json) as unknown).not.to.throw();
  });

  it('keeps class instances, Maps, Dates and cycles readable inside the JSON', () => {
    kit = createTestTracer({ project: 'compact' });
    class Order {
      constructor(
        readonly id: number,
        readonly at: Date,
      ) {}
    }
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    traced((o: Order, m: Map<string, number>, c: object) => [o, m, c].length, { name: 'mixed' })(
      new Order(7, new Date(0)),
      new Map([['a', 1]]),
      cyclic,
    );
    const { inputs } = kit.spans()[0]!;
    expect(inputs).to.deep.equal({
      o: { __class: 'Order', id: 7, at: '1970-01-01T00:00:00.000Z' },
      m: { a: 1 },
      c: { name: 'loop', self: '[Circular]' },
    });
  });
});

describe('compact capture through the local collector', () => {
  let collector: Collector;
  let tracer: HoneyHiveTracer | undefined;
  beforeEach(async () => (collector = await startCollector({ dbPath: ':memory:' })));
  afterEach(async () => {
    await tracer?.close();
    await collector.close();
  });

  it('stores the JSON string as the nested value it encodes (what the viewer and the export API show)', async () => {
    tracer = HoneyHiveTracer.init({ apiKey: 'local', project: 'compact', serverUrl: collector.url });
    const d = doc(10_000);
    tracer.trace('summarize', () => summarize(d));
    traced(summarize, { name: 'summarizeTraced', tracer })(d);
    expect(await tracer.flush()).to.equal(true);
    const res = await fetch(`${collector.url}/v1/events/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        project: 'compact',
        filters: [{ field: 'event_name', operator: 'is', value: 'summarizeTraced' }],
      }),
    });
    const { events } = (await res.json()) as { events: { inputs: unknown; outputs: unknown }[] };
    expect(events).to.have.length(1);
    expect(events[0]!.inputs).to.deep.equal({ d });
    expect(events[0]!.outputs).to.deep.equal({ result: { id: 'doc-1', count: d.sections.length } });
  });
});
