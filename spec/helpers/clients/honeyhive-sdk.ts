/**
 * The official `honeyhive` npm SDK (1.0.42), unmodified, against a collector (argv[2]): its
 * tracer, its REST client, its LangChain tracer and its evaluation-mode tracer. Prints what it got.
 */
import { HoneyHive, HoneyHiveLangChainTracer, HoneyHiveTracer } from 'honeyhive';

const out: Record<string, unknown> = {};

async function step<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    const v = await fn();
    out[name] = v === undefined ? 'ok' : v;
    return v;
  } catch (err) {
    out[name] = { error: String((err as Error)?.message ?? err).slice(0, 500) };
    return undefined;
  }
}

async function main(): Promise<void> {
  const url = process.argv[2]!;
  const project = 'hh-sdk';

  // the tracer: a session over REST, spans over OTLP (Traceloop underneath), enrichment
  const tracer = await HoneyHiveTracer.init({
    apiKey: 'local-key',
    project,
    serverUrl: url,
    sessionName: 'hh-tracer-session',
    source: 'hh-test',
  });
  const answer = tracer.traceFunction({ eventType: 'chain', eventName: 'answer' })((question: string) => {
    tracer.enrichSpan({ metadata: { stage: 'draft' }, metrics: { words: 2 } });
    return `A: ${question}`;
  });
  out.answer = answer('why?');
  await tracer.enrichSession({ metadata: { experiment: 'x1' }, userProperties: { user_id: 'u-7' } } as never);
  await tracer.flush();
  out.tracerSession = tracer.sessionId;

  // the REST client
  const hh = new HoneyHive({ bearerAuth: 'local-key', serverURL: url });
  const started = await step('startSession', () =>
    hh.session.startSession({ session: { project, sessionName: 'rest-session', source: 'rest' } }),
  );
  const sid = started?.sessionId ?? '';
  await step('createEvent', () =>
    hh.events.createEvent({
      event: {
        project,
        source: 'rest',
        eventName: 'lookup',
        eventType: 'tool',
        sessionId: sid,
        config: {},
        inputs: { q: 'x' },
        outputs: { hits: 1 },
        duration: 12.5,
        startTime: Date.now(),
        endTime: Date.now() + 12,
      },
    }),
  );
  await step('createModelEvent', () =>
    hh.events.createModelEvent({
      modelEvent: {
        project,
        model: 'gpt-4o',
        provider: 'openai',
        messages: [{ role: 'user', content: 'hi' }],
        response: { role: 'assistant', content: 'hello' },
        duration: 42,
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        hyperparameters: { temperature: 0.2 },
      },
    }),
  );
  await step('createEventBatch', () =>
    hh.events.createEventBatch({
      events: [
        {
          project,
          source: 'rest',
          eventName: 'b1',
          eventType: 'tool',
          config: {},
          inputs: { i: 1 },
          duration: 1,
        },
        {
          project,
          source: 'rest',
          eventName: 'b2',
          eventType: 'chain',
          config: {},
          inputs: { i: 2 },
          duration: 2,
        },
      ],
      isSingleSession: true,
      sessionProperties: {
        sessionName: 'batch-session',
        userProperties: { plan: 'pro' },
        metadata: { batch: true },
      },
    }),
  );
  await step('updateEvent', () => hh.events.updateEvent({ eventId: sid, metadata: { updated: true } }));
  await step('getSession', () => hh.session.getSession(sid));
  await step('getEvents', () =>
    hh.events.getEvents({
      project,
      filters: [{ field: 'session_id', value: sid, operator: 'is', type: 'id' }],
    }),
  );

  const created = await step('createDataset', () => hh.datasets.createDataset({ project, name: 'qa-set' }));
  const datasetId = created?.result?.insertedId ?? '';
  await step('addDatapoints', () =>
    hh.datasets.addDatapoints(
      {
        project,
        data: [
          {
            question: 'capital of France?',
            answer: 'Paris',
            turns: [{ role: 'user', content: 'earlier' }],
            tag: 'geo',
          },
          { question: '2+2?', answer: '4', turns: [], tag: 'math' },
        ],
        mapping: { inputs: ['question'], groundTruth: ['answer'], history: ['turns'] },
      },
      datasetId,
    ),
  );
  await step('createDatapoint', () =>
    hh.datapoints.createDatapoint({
      project,
      inputs: { question: 'one more?' },
      groundTruth: { answer: 'yes' },
      linkedDatasets: [datasetId],
    }),
  );
  const datasets = await step('getDatasets', () => hh.datasets.getDatasets(project, undefined, datasetId));
  const firstPoint = datasets?.testcases?.[0]?.datapoints?.[0] ?? '';
  await step('getDatapoint', () => hh.datapoints.getDatapoint(firstPoint));
  await step('getDatapoints', () => hh.datapoints.getDatapoints(project, [firstPoint]));

  const run = await step('createRun', () =>
    hh.experiments.createRun({ project, name: 'rest-run', eventIds: [], datasetId }),
  );
  const runId = run?.runId ?? '';
  await step('updateRun', () =>
    hh.experiments.updateRun({ status: 'completed' as never, eventIds: [sid] }, runId),
  );
  await step('getRun', () => hh.experiments.getRun(runId));
  await step('getRuns', () => hh.experiments.getRuns(project));
  await step('getExperimentResult', () =>
    hh.experiments.getExperimentResult(runId, project, 'average' as never),
  );
  await step('deleteRun', () => hh.experiments.deleteRun(runId));

  // the LangChain tracer, driven through its callback methods as LangChain would
  const lc = new HoneyHiveLangChainTracer({
    project,
    sessionName: 'lc-session',
    source: 'langchain',
    apiKey: 'local-key',
    baseUrl: url,
  } as never);
  await step('lcStart', async () => {
    await lc.startNewSession();
    const chainId = ['langchain', 'chains', 'QAChain'];
    await lc.handleChainStart({ id: chainId } as never, { question: 'q?' }, 'run-root');
    await lc.handleLLMStart(
      { id: ['langchain', 'llms', 'openai', 'OpenAI'] } as never,
      ['Say hi'],
      'run-llm',
      'run-root',
    );
    await lc.handleLLMEnd({ generations: [[{ text: 'hi!' }]] } as never, 'run-llm');
    await lc.handleChainEnd({ answer: 'a!' }, 'run-root');
    return (lc as unknown as { sessionId: string }).sessionId;
  });

  // evaluation mode, as the SDK's evaluate() runs each datapoint: a tracer tagged with the run,
  // dataset and datapoint. (evaluate() itself cannot be pointed at a collector: 1.0.42 passes
  // `serverUrl` where its REST client reads `serverURL`, so its dataset and run calls go to
  // api.honeyhive.ai whatever the configuration.)
  await step('evaluationTracer', async () => {
    const evalTracer = await HoneyHiveTracer.init({
      apiKey: 'local-key',
      project,
      serverUrl: url,
      source: 'evaluation',
      sessionName: 'hh-eval',
      inputs: { inputs: { question: 'capital of France?' } },
      isEvaluation: true,
      runId: 'run-eval-1',
      datasetId,
      datapointId: firstPoint,
    } as never);
    const step1 = evalTracer.traceFunction({ eventType: 'chain', eventName: 'eval-step' })(() => 'Paris');
    step1();
    await evalTracer.enrichSession({ outputs: { answer: 'Paris' }, metrics: { exact: 1 } } as never);
    await evalTracer.flush();
    return evalTracer.sessionId;
  });
  await HoneyHiveTracer.flush();
  console.log(JSON.stringify(out));
  process.exit(0);
}

void main();
