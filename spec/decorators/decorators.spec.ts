import { expect } from 'chai';
import * as path from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import * as sinon from 'sinon';
import { getTraceMetadata } from '../../lib/decorators/metadata';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import type { TestTracerKit } from '../../lib/testing/create-test-tracer';
import type { TestSpan } from '../../lib/testing/TestSpan';
import { DECORATOR_MODES, loadFixture } from '../helpers/compile-fixture';
import type * as Fixtures from './fixtures/services.fixture';
import type * as Members from './fixtures/members.fixture';
import { logger } from '../../lib/internal/logger';

const tick = () => new Promise((r) => setImmediate(r));
const byName = (spans: TestSpan[]) => Object.fromEntries(spans.map((s) => [s.name, s]));

for (const mode of DECORATOR_MODES) {
  describe(`decorators (${mode === 'stage3' ? 'Stage-3' : 'experimentalDecorators'})`, () => {
    const F = loadFixture<typeof Fixtures>(path.join(__dirname, 'fixtures/services.fixture.ts'), mode);
    let kit: TestTracerKit;
    beforeEach(() => (kit = createTestTracer({ project: 'fixtures', streamTimeoutMs: 200 })));

    describe('members that are not methods', () => {
      it(
        mode === 'stage3'
          ? 'traces a function-valued field, and warns once naming a getter or a field holding data'
          : 'warns once naming a property or an accessor, which it cannot wrap',
        async () => {
          const lines: string[] = [];
          logger.setSink((_level, line) => lines.push(line));
          let m: Members.Members;
          try {
            const M = loadFixture<typeof Members>(path.join(__dirname, 'fixtures/members.fixture.ts'), mode);
            m = new M.Members();
          } finally {
            logger.setSink(undefined);
          }
          expect(m.total).to.equal(3);
          expect(await m.handle('x')).to.equal('handled x');
          const said = lines.join('\n');
          if (mode === 'stage3') {
            const span = kit.spans().find((s) => s.name === 'Members.handle');
            expect(span?.eventType).to.equal('tool');
            expect(span?.inputs).to.deep.equal({ q: 'x' });
            expect(said).to.contain('@Trace on getter total does nothing');
            expect(said).to.contain('@Trace on field label does nothing: its value is not a function');
          } else {
            expect(kit.spans()).to.deep.equal([]);
            expect(said).to.contain('@Trace on property Members.handle does nothing');
            expect(said).to.contain('@Trace on accessor Members.total does nothing');
            expect(said).to.contain('@Trace on property Members.label does nothing');
          }
        },
      );
    });

    describe('@Trace on a class', () => {
      it('traces every public method as Class.method with the class defaults', async () => {
        const s = new F.Search();
        await s.query('hello');
        s.add(1, 2);
        await tick();
        const spans = byName(kit.spans());
        expect(Object.keys(spans).sort()).to.deep.equal(['Search.add', 'Search.query']);
        expect(spans['Search.query']!.eventType).to.equal('tool');
        expect(spans['Search.query']!.metadata).to.deep.equal({ component: 'search' });
      });

      it('merges a method own @Trace over the class options', () => {
        new F.Search().rank(['a', 'b']);
        const [span] = kit.spans();
        expect(span!.name).to.equal('Search.rank');
        expect(span!.eventType).to.equal('model');
        expect(span!.metadata).to.deep.equal({ component: 'search', model: 'ranker' });
      });

      it('uses @Trace("name") as the span name', () => {
        new F.Search().named();
        expect(kit.spans()[0]!.name).to.equal('custom-name');
      });

      it('traces a decorated static method as Class.method', () => {
        expect(F.Search.create('x')).to.equal('created x');
        const [span] = kit.spans();
        expect(span!.name).to.equal('Search.create');
        expect(span!.eventType).to.equal('generic');
        expect(span!.inputs).to.deep.equal({ label: 'x' });
      });

      it('leaves _private methods alone', () => {
        expect(new F.Search()._internal()).to.equal('not traced');
        expect(kit.spans()).to.have.length(0);
      });

      it("with methods: 'decorated' traces only decorated methods, with the class defaults", () => {
        const o = new F.OnlyDecorated();
        o.traced();
        o.plain();
        const spans = kit.spans();
        expect(spans.map((s) => s.name)).to.deep.equal(['OnlyDecorated.traced']);
        expect(spans[0]!.eventType).to.equal('chain');
      });

      it('inherits class defaults through extends', () => {
        const d = new F.PlainDerived();
        d.run('x');
        d.extra();
        d.untraced();
        const spans = byName(kit.spans());
        expect(Object.keys(spans).sort()).to.deep.equal(['BaseAgent.run', 'PlainDerived.extra']);
        expect(spans['PlainDerived.extra']!.eventType).to.equal('chain');
        expect(spans['PlainDerived.extra']!.metadata).to.deep.equal({ layer: 'base' });
      });

      it('merges a derived class decorator over the base class, wrapping nothing twice', () => {
        const d = new F.DecoratedDerived();
        d.own();
        d.run('y');
        const spans = byName(kit.spans());
        expect(Object.keys(spans).sort()).to.deep.equal(['BaseAgent.run', 'DecoratedDerived.own']);
        expect(spans['DecoratedDerived.own']!.metadata).to.deep.equal({ layer: 'derived' });
        expect(spans['DecoratedDerived.own']!.eventType).to.equal('chain');
        expect(kit.spans()).to.have.length(2);
      });
    });

    describe('getTraceMetadata', () => {
      it('reads method beats class beats base class', () => {
        expect(getTraceMetadata(F.Search, 'rank')).to.deep.include({
          eventType: 'model',
          metadata: { component: 'search', model: 'ranker' },
        });
        expect(getTraceMetadata(F.DecoratedDerived)).to.deep.include({
          eventType: 'chain',
          metadata: { layer: 'derived' },
        });
        expect(getTraceMetadata(new F.PlainDerived(), 'extra')).to.deep.include({ eventType: 'chain' });
      });
    });

    describe('inputs and outputs', () => {
      it('captures inputs by parameter name (defaults included) and the output as result', async () => {
        await new F.Search().query('reset password');
        await tick();
        const [span] = kit.spans();
        expect(span!.inputs).to.deep.equal({ text: 'reset password' });
        expect(span!.outputs).to.deep.equal({ result: ['hit for reset password'] });
        await new F.Search().query('x', 3);
        await tick();
        expect(kit.spans()[1]!.inputs).to.deep.equal({ text: 'x', limit: 3 });
      });

      it('names destructured, default and rest parameters through comments', () => {
        new F.Params().complex({ a: 1, b: 2 }, [3], 'xy', 'r1', 'r2');
        expect(kit.spans()[0]!.inputs).to.deep.equal({
          arg0: { a: 1, b: 2 },
          arg1: [3],
          label: 'xy',
          rest: ['r1', 'r2'],
        });
      });

      it('redacts an argument named like a secret', () => {
        new F.Params().login('ann', 'hunter2');
        expect(kit.spans()[0]!.inputs).to.deep.equal({ user: 'ann', password: '[REDACTED]' });
      });

      it('honours captureInputs/captureOutputs false and mapping functions', () => {
        const p = new F.Params();
        p.secretive('t');
        p.mapped('a b c');
        const [secret, mapped] = kit.spans();
        expect(secret!.inputs).to.equal(undefined);
        expect(secret!.outputs).to.equal(undefined);
        expect(mapped!.inputs).to.deep.equal({ size: 5 });
        expect(mapped!.outputs).to.deep.equal({ result: { count: 3 } });
      });

      it('never captures this', () => {
        new F.Search().add(1, 2);
        expect(JSON.stringify(kit.spans()[0]!.attributes)).not.to.contain('calls');
      });
    });

    describe('fidelity', () => {
      it('keeps this, name and length', async () => {
        const s = new F.Search();
        expect(s.self()).to.equal(s);
        await s.query('a');
        expect(s.calls).to.equal(1);
        expect(F.Search.prototype.query.name).to.equal('query');
        expect(F.Search.prototype.query.length).to.equal(1);
        expect(F.Search.prototype.add.length).to.equal(2);
        expect(F.plainTraced.name).to.equal('sum');
        expect(F.plainTraced.length).to.equal(2);
      });

      it('keeps sync sync and returns the very object', () => {
        const obj = { a: 1 };
        const out = new F.Search().same(obj);
        expect(out).to.equal(obj);
        expect(new F.Search().add(2, 3)).to.equal(5);
        expect(kit.spans()).to.have.length(2);
      });

      it('returns the very promise', () => {
        const p = Promise.resolve(1);
        expect(new F.Search().same(p)).to.equal(p);
      });

      it('never awaits or .then()s a returned non-native thenable', async () => {
        const q = new F.Search().lazy();
        await tick();
        expect(q).to.be.instanceOf(F.LazyQuery);
        expect(q.thenCalls).to.equal(0);
        expect(kit.spans()[0]!.outputs!.result).to.equal('[Thenable LazyQuery]');
      });

      it('keeps metadata another framework recorded on the method (NestJS-style), on either side', () => {
        expect(Reflect.getMetadata('path', F.CatsController.prototype.findAll)).to.equal('/cats');
        expect(Reflect.getMetadata('path', F.CatsController.prototype.findDogs)).to.equal('/dogs');
        expect(new F.CatsController().findAll()).to.deep.equal(['tom']);
        expect(kit.spans()[0]!.name).to.equal('CatsController.findAll');
      });

      it('runs untraced, exactly as undecorated, when there is no tracer', async () => {
        await kit.tracer.close();
        const s = new F.Search();
        expect(s.add(1, 1)).to.equal(2);
        expect(kit.spans()).to.have.length(0);
      });

      it('traced() keeps plain and arrow functions callable with their types', async () => {
        expect(F.plainTraced(2, 3)).to.equal(5);
        expect(await F.arrowTraced('q')).to.deep.equal(['q']);
        await tick();
        expect(kit.spans().map((s) => [s.name, s.inputs])).to.deep.equal([
          ['sum', { a: 2, b: 3 }],
          ['retrieve', { query: 'q' }],
        ]);
      });
    });

    describe('errors', () => {
      it('records a thrown error and rethrows the same object', () => {
        let caught: unknown;
        try {
          new F.Search().fail('bad');
        } catch (e) {
          caught = e;
        }
        expect(caught).to.be.instanceOf(TypeError);
        const [span] = kit.spans();
        expect(span!.status).to.deep.equal({ code: SpanStatusCode.ERROR, message: 'TypeError: bad' });
        expect(span!.error).to.equal('TypeError: bad');
        expect(span!.attributes.honeyhive_error_type).to.equal('TypeError');
        expect(span!.events[0]!.name).to.equal('exception');
        expect(span!.outputs).to.equal(undefined);
      });

      it('passes the same rejection through', async () => {
        const err = await new F.Search().failAsync('late').catch((e: unknown) => e);
        expect(err).to.be.instanceOf(RangeError);
        await tick();
        expect(kit.spans()[0]!.error).to.equal('RangeError: late');
      });
    });

    describe('@EnrichWith', () => {
      it('applies a static enrichment at start and a function at the end, in order', async () => {
        await new F.Enriched().search('q');
        await tick();
        const [span] = kit.spans();
        expect(span!.metadata).to.deep.equal({ feature: 'search' });
        expect(span!.metrics).to.deep.equal({ hits: 2 });
      });

      it('works on either side of @Trace and gets self and durationMs', () => {
        new F.Enriched().bothSides();
        const [span] = kit.spans();
        expect(span!.metadata).to.deep.equal({ side: 'outer', selfKept: true });
        expect(span!.metrics).to.deep.equal({ took: 1 });
      });

      it('logs a throwing enricher and changes nothing else', () => {
        expect(new F.Enriched().throwingEnricher()).to.equal('still fine');
        expect(kit.spans()[0]!.status.code).not.to.equal(SpanStatusCode.ERROR);
      });

      it('sees the error of a failed call', () => {
        expect(() => new F.Enriched().failing()).to.throw('nope');
        expect(kit.spans()[0]!.metadata).to.deep.equal({ sawError: true });
      });

      it("without @Trace enriches the caller's span", () => {
        expect(new F.Enriched().caller()).to.equal(42);
        const spans = kit.spans();
        expect(spans.map((s) => s.name)).to.deep.equal(['Enriched.caller']);
        expect(spans[0]!.metadata).to.deep.equal({ helper: true });
        expect(spans[0]!.metrics).to.deep.equal({ helperResult: 42 });
      });

      it('lets enrichSpan inside the method add to its span', () => {
        new F.Params().enrichInside();
        expect(kit.spans()[0]!.metrics).to.deep.equal({ inside: 1 });
      });
    });

    describe('streams', () => {
      it('keeps a generator span open until consumed', () => {
        const gen = new F.Streamer().numbers(3);
        expect(kit.spans()).to.have.length(0);
        expect([...gen]).to.deep.equal([0, 1, 2]);
        const [span] = kit.spans();
        expect(span!.attributes['hivetrace.stream.state']).to.equal('completed');
        expect(span!.outputs).to.deep.equal({ item_count: 3, result: [0, 1, 2] });
      });

      it('ends an async generator span on completion with the text aggregate', async () => {
        const out: string[] = [];
        for await (const t of new F.Streamer().tokens(['Hel', 'lo'])) out.push(t);
        expect(out).to.deep.equal(['Hel', 'lo']);
        await tick();
        expect(kit.spans()[0]!.outputs).to.deep.equal({ item_count: 2, result: 'Hello' });
      });

      it('ends on an early break as cancelled', async () => {
        for await (const t of new F.Streamer().tokens(['a', 'b', 'c'])) if (t === 'a') break;
        await tick();
        const [span] = kit.spans();
        expect(span!.attributes['hivetrace.stream.state']).to.equal('cancelled');
        expect(span!.outputs!.item_count).to.equal(1);
      });

      it('ends when the generator throws, recording the error', async () => {
        const err = await (async () => {
          for await (const _ of new F.Streamer().failing());
        })().catch((e: unknown) => e);
        expect((err as Error).message).to.equal('stream broke');
        await tick();
        const [span] = kit.spans();
        expect(span!.error).to.equal('Error: stream broke');
        expect(span!.attributes['hivetrace.stream.state']).to.equal('failed');
      });

      it('ends when an error is thrown into the generator', () => {
        const gen = new F.Streamer().numbers(5);
        gen.next();
        expect(() => gen.throw(new Error('stop'))).to.throw('stop');
        expect(kit.spans()[0]!.attributes['hivetrace.stream.state']).to.equal('failed');
      });

      it('observes an SDK-like async iterable in place: identity, methods, no draining', async () => {
        const stream = new F.Streamer().sdkStream(['x', 'y']);
        expect(stream).to.be.instanceOf(F.SdkStream);
        expect(stream.toText()).to.equal('xy');
        expect(stream.controller.abort()).to.equal('aborted');
        await tick();
        expect(stream.pulled).to.equal(0);
        expect(kit.spans()).to.have.length(0);
        const seen: string[] = [];
        for await (const chunk of stream) seen.push(chunk.delta);
        await tick();
        expect(seen).to.deep.equal(['x', 'y']);
        const [span] = kit.spans();
        expect(span!.outputs).to.deep.equal({ item_count: 2, result: [{ delta: 'x' }, { delta: 'y' }] });
      });

      it('observes a stream returned by an async method', async () => {
        const stream = await new F.Streamer().sdkStreamAsync(['p']);
        expect(stream).to.be.instanceOf(F.SdkStream);
        for await (const _ of stream);
        await tick();
        expect(kit.spans()[0]!.outputs!.item_count).to.equal(1);
      });

      it('observes a ReadableStream without reading ahead (backpressure kept)', async () => {
        const rs = new F.Streamer().readable(['a', 'b', 'c']);
        expect(rs).to.be.instanceOf(ReadableStream);
        const reader = rs.getReader();
        expect((await reader.read()).value).to.equal('a');
        await tick();
        expect(kit.spans()).to.have.length(0);
        expect((await reader.read()).value).to.equal('b');
        expect((await reader.read()).value).to.equal('c');
        expect((await reader.read()).done).to.equal(true);
        await tick();
        expect(kit.spans()[0]!.outputs).to.deep.equal({ item_count: 3, result: 'abc' });
      });

      it('ends a ReadableStream span on cancel and on for-await', async () => {
        const rs = new F.Streamer().readable(['a', 'b']);
        const reader = rs.getReader();
        await reader.read();
        await reader.cancel();
        const words: string[] = [];
        for await (const w of new F.Streamer().readable(['c', 'd'])) words.push(w);
        await tick();
        const [cancelled, iterated] = kit.spans();
        expect(cancelled!.attributes['hivetrace.stream.state']).to.equal('cancelled');
        expect(iterated!.outputs).to.deep.equal({ item_count: 2, result: 'cd' });
        expect(words).to.deep.equal(['c', 'd']);
      });

      it('ends a ReadableStream span when piped through a transform', async () => {
        const upper = new TransformStream<string, string>({
          transform: (c, ctl) => ctl.enqueue(c.toUpperCase()),
        });
        const out: string[] = [];
        for await (const w of new F.Streamer().readable(['a', 'b']).pipeThrough(upper)) out.push(w);
        await tick();
        expect(out).to.deep.equal(['A', 'B']);
        expect(kit.spans()[0]!.attributes['hivetrace.stream.state']).to.equal('completed');
      });

      it('ends a never-consumed stream after the timeout, marked abandoned', async () => {
        const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        new F.Streamer().sdkStream(['never']);
        await clock.tickAsync(250);
        clock.restore();
        const [span] = kit.spans();
        expect(span!.attributes['hivetrace.stream.state']).to.equal('abandoned');
        expect(span!.events.map((e) => e.name)).to.include('hivetrace.stream.abandoned');
      });
    });

    describe('nesting', () => {
      it('nests child spans across awaits', async () => {
        await kit.tracer.trace('outer', async () => {
          await new Promise((r) => setTimeout(r, 2));
          await new F.Search().query('n');
        });
        await tick();
        const spans = byName(kit.spans());
        expect(spans['Search.query']!.parentSpanId).to.equal(spans.outer!.spanId);
      });

      it('nests spans started inside an async generator under it, across yields', async () => {
        const values: number[] = [];
        await kit.tracer.trace('consumer', async () => {
          for await (const v of new F.Streamer().withChildren(new F.Search())) values.push(v);
        });
        await tick();
        expect(values).to.deep.equal([2, 4]);
        const spans = kit.spans();
        const gen = spans.find((x) => x.name === 'Streamer.withChildren')!;
        const consumer = spans.find((x) => x.name === 'consumer')!;
        const adds = spans.filter((x) => x.name === 'Search.add');
        expect(adds).to.have.length(2);
        for (const a of adds) expect(a.parentSpanId).to.equal(gen.spanId);
        expect(gen.parentSpanId).to.equal(consumer.spanId);
      });

      it("starts a new trace with a link when it calls a method traced by another project's tracer", async () => {
        const other = createTestTracer({ project: 'other-project' });
        expect(await new F.CrossProject().local()).to.equal('remote');
        await tick();
        const [local] = kit.spans();
        const [remote] = other.spans();
        expect(remote!.name).to.equal('CrossProject.remote');
        expect(remote!.project).to.equal('other-project');
        expect(remote!.traceId).not.to.equal(local!.traceId);
        expect(remote!.parentSpanId).to.equal(undefined);
        expect(remote!.links[0]!.context.spanId).to.equal(local!.spanId);
        expect(kit.spans().map((s) => s.name)).to.deep.equal(['CrossProject.local']);
      });
    });
  });
}
