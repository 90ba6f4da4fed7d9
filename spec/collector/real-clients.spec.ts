import { expect } from 'chai';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { startOpenAICompatibleServer } from '../helpers/openai-compatible-server';
import { runClient } from '../helpers/run-client';

/**
 * Clients nobody here wrote, each in its own loopback-only process, against a collector started
 * in the spec: what they sent is read back field by field, mapped and raw.
 */
describe('collector with real clients', function () {
  this.timeout(120_000);
  let collector: Collector;
  before(async () => (collector = await startCollector({ dbPath: ':memory:' })));
  after(async () => collector.close());

  const session = async (id: string) =>
    (await (await fetch(`${collector.url}/api/sessions/${encodeURIComponent(id)}`)).json()) as any;
  const exportWhere = async (field: string, value: string) =>
    (
      (await (
        await fetch(`${collector.url}/v1/events/export`, {
          method: 'POST',
          body: JSON.stringify({ filters: [{ field, operator: 'is', value }], limit: 1000 }),
        })
      ).json()) as any
    ).events as any[];

  for (const [protocol, compression] of [
    ['json', ''],
    ['proto', ''],
    ['json', 'gzip'],
    ['proto', 'gzip'],
  ] as const) {
    it(`keeps everything an unmodified OpenTelemetry NodeSDK sends (${protocol}${compression && ' + gzip'})`, async () => {
      const ids = await runClient<Record<string, string>>('nodesdk-fidelity.ts', [
        collector.url,
        protocol,
        compression,
      ]);
      const events = await exportWhere('trace_id', ids.traceId!);
      const byName = (n: string) => events.find((e) => e.event_name === n);
      const root = byName('handle request');
      const child = byName('call model');
      const consumer = byName('consume');
      expect(events).to.have.length(3);
      // kinds, scope, resource
      expect([root.span_kind, child.span_kind, consumer.span_kind]).to.deep.equal([
        'SERVER',
        'CLIENT',
        'CONSUMER',
      ]);
      expect(root.scope).to.deep.equal({ name: 'fidelity-scope', version: '1.2.3' });
      expect(root.resource).to.include({
        'service.name': 'fidelity-svc',
        'deployment.environment': 'test',
        team: 'llm',
      });
      expect(root.project).to.equal('fidelity-svc');
      // every attribute type, raw and in metadata
      const typed = {
        's.text': 'hello',
        'b.flag': true,
        'i.count': 42,
        'i.negative': -7,
        'd.ratio': 0.25,
        'a.strings': ['x', 'y'],
        'a.numbers': [1, 2.5],
        'a.bools': [true, false],
      };
      expect(root.attributes).to.deep.equal(typed);
      expect(root.metadata).to.deep.equal(typed);
      // span events and the exception, status OK vs ERROR vs UNSET
      expect(root.span_events).to.have.length(1);
      expect(root.span_events[0]).to.deep.include({
        name: 'cache.miss',
        attributes: { key: 'user:1', 'attempt.n': 2 },
      });
      expect(root.span_events[0].time).to.be.within(root.start_time, root.end_time);
      expect(root.status_code).to.equal('OK');
      expect(root.error).to.equal(null);
      expect(consumer.status_code).to.equal('UNSET');
      expect(child.status_code).to.equal('ERROR');
      expect(child.error).to.equal('model call failed');
      const exception = child.span_events.find((e: any) => e.name === 'exception');
      expect(exception.attributes['exception.type']).to.equal('TypeError');
      expect(exception.attributes['exception.message']).to.equal('bad input');
      expect(exception.attributes['exception.stacktrace']).to.match(/TypeError: bad input\n\s+at /);
      // links
      expect(child.links).to.deep.equal([
        { trace_id: ids.linkedTraceId, span_id: ids.linkedSpanId, attributes: { reason: 'retry-of' } },
      ]);
      // tree, session named after the root, durations without float noise
      expect(child.parent_id).to.equal(root.event_id);
      expect(root.parent_id).to.equal(root.session_id);
      expect((await session(root.session_id)).session.event_name).to.equal('handle request');
      for (const e of events) {
        // whole microseconds: the shortest decimal form has at most three places (4.031, not 4.0310000001)
        expect(Number(e.duration.toFixed(3))).to.equal(e.duration);
        expect(Number.isInteger(e.end_time), 'end_time is integer ms on the REST API').to.equal(true);
      }
    });
  }

  it('maps OpenInference spans from the real openai client (plain and streaming) on tracer.provider', async () => {
    const llm = await startOpenAICompatibleServer();
    try {
      const out = await runClient<{ sessionId: string; plain: string; streamed: string }>(
        'openinference-openai.ts',
        [collector.url, llm.url],
      );
      expect(out.plain).to.equal('echo: plain question');
      expect(out.streamed).to.equal('echo: streamed question');
      const { session: s, events } = await session(out.sessionId);
      expect(s.event_name).to.equal('openinference chat');
      const ask = events.find((e: any) => e.event_name === 'ask');
      const models = events.filter((e: any) => e.event_type === 'model');
      expect(models).to.have.length(2);
      const [plain, streamed] = models.sort((a: any, b: any) => a.start_time - b.start_time);
      for (const m of models) {
        expect(m.parent_id, 'the LLM call is a child of the traced method').to.equal(ask.event_id);
        expect(m.scope.name).to.equal('@arizeai/openinference-instrumentation-openai');
        expect(m.config).to.include({ model: 'gpt-4o-mini', provider: 'openai' });
      }
      expect(plain.inputs.chat_history).to.deep.equal([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'plain question' },
      ]);
      expect(plain.outputs).to.deep.equal({ role: 'assistant', content: 'echo: plain question' });
      expect(plain.config.temperature).to.equal(0.3);
      expect(plain.metrics).to.deep.equal({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
      expect(streamed.inputs.chat_history).to.deep.equal([{ role: 'user', content: 'streamed question' }]);
      expect(streamed.outputs).to.include({ role: 'assistant', content: 'echo: streamed question' });
      expect(streamed.config.stream).to.equal(true);
      // nothing lost by mapping: the raw attributes are all there
      expect(plain.attributes['openinference.span.kind']).to.equal('LLM');
      expect(plain.attributes['llm.input_messages.1.message.content']).to.equal('plain question');
      expect(plain.attributes['llm.token_count.prompt']).to.equal(3);
      expect(JSON.parse(plain.attributes['llm.invocation_parameters'])).to.include({ temperature: 0.3 });
      expect(Object.keys(plain.metadata).some((k) => k.startsWith('llm.input_messages'))).to.equal(false);
    } finally {
      await llm.close();
    }
  });

  it('maps the Traceloop SDK: span kinds, entity input and output, every association property, GenAI model calls', async () => {
    const llm = await startOpenAICompatibleServer();
    try {
      const out = await runClient<Record<string, string>>('traceloop-sdk.ts', [collector.url, llm.url]);
      expect(out.result).to.equal('echo: Plan a day in Lisbon: sunny');
      const { session: s, events } = await session('tl-session-1');
      expect(s.event_name).to.equal('plan_trip.workflow');
      const byName = (n: string) => events.find((e: any) => e.event_name === n);
      const workflow = byName('plan_trip.workflow');
      const task = byName('pick_city.task');
      const tool = byName('weather.tool');
      const model = events.find((e: any) => e.event_type === 'model');
      expect([workflow.event_type, task.event_type, tool.event_type]).to.deep.equal([
        'chain',
        'chain',
        'tool',
      ]);
      expect(task.outputs).to.deep.equal({ result: 'Lisbon' });
      expect(tool.outputs).to.deep.equal({ result: 'Lisbon: sunny' });
      expect(workflow.inputs).to.deep.equal({ args: [], kwargs: {} });
      for (const e of [workflow, task, tool, model]) {
        expect(e.session_id).to.equal('tl-session-1');
        expect(e.metadata).to.include({
          run_id: 'run-9',
          dataset_id: 'ds-3',
          datapoint_id: 'dp-5',
          tenant: 'acme',
        });
        expect(e.user_properties).to.deep.equal({ user_id: 'user-42' });
        expect(e.attributes['traceloop.association.properties.tenant']).to.equal('acme');
      }
      // Traceloop's OpenAI instrumentation speaks OpenTelemetry GenAI
      expect(model.parent_id).to.equal(workflow.event_id);
      expect(model.inputs.chat_history).to.deep.equal([
        { role: 'system', content: 'You plan trips.' },
        { role: 'user', content: 'Plan a day in Lisbon: sunny' },
      ]);
      expect(model.outputs).to.include({ role: 'assistant', content: 'echo: Plan a day in Lisbon: sunny' });
      expect(model.config).to.include({
        model: 'gpt-4o-mini',
        temperature: 0.5,
        max_tokens: 50,
        provider: 'openai',
      });
      expect(model.metrics).to.deep.equal({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
      expect(model.attributes['gen_ai.operation.name']).to.equal('chat');
    } finally {
      await llm.close();
    }
  });

  it('serves the official honeyhive SDK unchanged: tracer, REST client, LangChain tracer, evaluation-mode tracer', async () => {
    const out = await runClient<Record<string, any>>('honeyhive-sdk.ts', [collector.url]);
    const failed = Object.entries(out).filter(
      ([, v]) => v && typeof v === 'object' && Object.keys(v).join() === 'error',
    );
    expect(failed, JSON.stringify(failed)).to.deep.equal([]);

    // the tracer: its session, its traced function in that session, enrichment of both
    const traced = await session(out.tracerSession);
    expect(traced.session).to.include({
      event_name: 'hh-tracer-session',
      project: 'hh-sdk',
      source: 'hh-test',
    });
    expect(traced.session.metadata).to.include({ experiment: 'x1' });
    expect(traced.session.user_properties).to.deep.equal({ user_id: 'u-7' });
    const answer = traced.events.find((e: any) => e.event_name === 'answer');
    expect(answer).to.include({ event_type: 'chain', project: 'hh-sdk', source: 'hh-test' });
    expect(answer.inputs._params_).to.deep.equal({ question: 'why?' });
    expect(answer.outputs).to.deep.equal({ result: 'A: why?' });
    expect(answer.metadata).to.include({ stage: 'draft' });
    expect(answer.metrics).to.deep.equal({ words: 2 });
    expect(answer.attributes['traceloop.association.properties.session_id']).to.equal(out.tracerSession);
    expect(answer.attributes['traceloop.association.properties.disable_http_tracing']).to.equal('false');
    expect(answer.scope.name).to.equal('traceloop.tracer');

    // the REST client read its own writes back through its own schemas
    const sid = out.startSession.sessionId;
    expect(out.getSession).to.include({
      eventId: sid,
      eventType: 'session',
      eventName: 'rest-session',
      projectId: 'hh-sdk',
    });
    expect(out.getSession.metadata).to.deep.equal({ updated: true });
    expect(out.getSession.childrenIds).to.deep.equal([out.createEvent.eventId]);
    expect(out.getEvents.totalEvents).to.equal(2);
    const lookup = out.getEvents.events.find((e: any) => e.eventName === 'lookup');
    expect(lookup).to.deep.include({ inputs: { q: 'x' }, outputs: { hits: 1 }, duration: 12.5 });
    // every event the SDK reads back knows its project
    expect(out.getEvents.events.map((e: any) => e.projectId)).to.deep.equal(['hh-sdk', 'hh-sdk']);
    const batch = await session(out.createEventBatch.sessionId);
    expect(batch.session.user_properties).to.deep.equal({ plan: 'pro' });
    expect(batch.session.metadata).to.deep.equal({ batch: true });
    expect(batch.events.map((e: any) => e.event_name).sort()).to.deep.equal(['b1', 'b2']);
    const model = (await exportWhere('event_id', out.createModelEvent.eventId))[0];
    expect(model).to.deep.include({ event_type: 'model', event_name: 'gpt-4o', duration: 42 });
    expect(model.inputs.chat_history).to.deep.equal([{ role: 'user', content: 'hi' }]);
    expect(model.config).to.deep.equal({ model: 'gpt-4o', provider: 'openai', temperature: 0.2 });
    expect(model.metrics).to.deep.equal({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });

    // datasets and datapoints
    const datasetId = out.createDataset.result.insertedId;
    expect(out.getDatasets.testcases[0]).to.include({ name: 'qa-set', numPoints: 3 });
    expect(out.getDatasets.testcases[0].datapoints).to.deep.equal([
      ...out.addDatapoints.datapointIds,
      out.createDatapoint.result.insertedId,
    ]);
    expect(out.getDatapoint.datapoint[0]).to.deep.include({
      inputs: { question: 'capital of France?' },
      groundTruth: { answer: 'Paris' },
      history: [{ role: 'user', content: 'earlier' }],
      metadata: { tag: 'geo' },
      linkedDatasets: [datasetId],
    });
    expect(out.getDatapoints.datapoints).to.have.length(1);

    // runs and results
    expect(out.createRun.evaluation).to.include({ name: 'rest-run', status: 'pending', datasetId });
    expect(out.getRun.evaluation).to.include({ status: 'completed' });
    expect(out.getRun.evaluation.eventIds).to.deep.equal([sid]);
    expect(out.getRuns.evaluations.map((r: any) => r.runId)).to.include(out.createRun.runId);
    expect(out.getExperimentResult).to.include({ status: 'completed', success: true });
    expect(out.getExperimentResult.metrics.aggregationFunction).to.equal('average');
    expect(out.deleteRun).to.deep.equal({ id: out.createRun.runId, deleted: true });

    // the LangChain tracer: flat session start, its trace tree under /session/{id}/traces
    const lc = await session(out.lcStart);
    expect(lc.session).to.include({ event_name: 'lc-session', source: 'langchain' });
    const chain = lc.events.find((e: any) => e.event_name === 'QAChain');
    const llmCall = lc.events.find((e: any) => e.event_name === 'OpenAI');
    expect(chain).to.deep.include({
      event_type: 'chain',
      inputs: { question: 'q?' },
      outputs: { answer: 'a!' },
    });
    expect(llmCall).to.deep.include({ event_type: 'model', parent_id: chain.event_id });
    expect(llmCall.outputs).to.deep.equal({ generations: ['hi!'] });
    expect(chain.start_time, 'microseconds read as milliseconds').to.be.closeTo(Date.now(), 120_000);

    // the evaluation-mode tracer: its spans carry the run, dataset and datapoint
    const evaluated = await session(out.evaluationTracer);
    expect(evaluated.session).to.include({ source: 'evaluation', event_name: 'hh-eval' });
    expect(evaluated.session.outputs).to.deep.equal({ answer: 'Paris' });
    expect(evaluated.session.metrics).to.deep.equal({ exact: 1 });
    const step = evaluated.events.find((e: any) => e.event_name === 'eval-step');
    expect(step.metadata).to.include({ run_id: 'run-eval-1', dataset_id: datasetId });
    expect(step.metadata.datapoint_id).to.equal(out.getDatasets.testcases[0].datapoints[0]);
  });
});
