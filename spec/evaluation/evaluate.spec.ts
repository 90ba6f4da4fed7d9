import { expect } from 'chai';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import { Trace } from '../../lib/decorators/Trace';
import { Evaluate } from '../../lib/evaluation/Evaluate';
import { evaluator } from '../../lib/evaluation/evaluator';
import { enrichSession } from '../../lib/enrichment/enrich';
import { evaluate, externalDatapointId } from '../../lib/evaluation/run-experiment';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

const dataset = [
  { inputs: { question: 'capital of France' }, ground_truth: { answer: 'Paris' } },
  { inputs: { question: 'capital of Spain' }, ground_truth: { answer: 'Madrid' } },
  { inputs: { question: 'boom' }, ground_truth: { answer: 'never' } },
];

const exactMatch = evaluator(
  (outputs: { answer: string }, _inputs, gt: { answer: string }) => outputs.answer === gt.answer,
  { name: 'exact_match' },
);
const length = evaluator(
  async (outputs: { answer: string }) => ({ score: outputs.answer.length, explanation: 'characters' }),
  { name: 'length' },
);
const broken = evaluator(
  () => {
    throw new Error('evaluator bug');
  },
  { name: 'broken' },
);

class Geo {
  @Trace({ eventType: 'tool' })
  lookup(question: string): string {
    if (question === 'boom') throw new Error('lookup failed');
    return question.endsWith('France') ? 'Paris' : 'Lisbon';
  }

  @Evaluate({ name: 'geo-v1', dataset, evaluators: [exactMatch, length, broken], maxWorkers: 2 })
  async answer(datapoint: { inputs: { question: string } }): Promise<{ answer: string }> {
    return { answer: this.lookup(datapoint.inputs.question) };
  }
}

describe('evaluate', () => {
  let collector: Collector;
  beforeEach(async () => (collector = await startCollector({ dbPath: ':memory:' })));
  afterEach(async () => collector.close());

  it('runs an @Evaluate experiment against the collector: sessions, metrics, run completed', async () => {
    const result = await evaluate(new Geo(), 'answer', {
      apiKey: 'local',
      project: 'geo',
      serverUrl: collector.url,
      printResults: false,
    });
    expect(result.status).to.equal('completed');
    expect(result.name).to.equal('geo-v1');
    expect(result.datapoints.map((d) => d.datapointId)).to.deep.equal(dataset.map(externalDatapointId));
    const [paris, madrid, boom] = result.datapoints;
    expect(paris!.metrics).to.deep.equal({ exact_match: true, length: 5 });
    expect(madrid!.metrics).to.deep.equal({ exact_match: false, length: 6 });
    expect(boom!.error).to.equal('Error: lookup failed');
    expect(result.metrics.exact_match).to.deep.equal({
      mean: 0.5,
      std: 0.5,
      min: 0,
      max: 1,
      count: 2,
      passRate: 0.5,
    });
    expect(result.metrics.length!.mean).to.equal(5.5);
    expect(result.metrics.broken).to.equal(undefined);

    const run = collector.runs.getRun(result.runId)!;
    expect(run.status).to.equal('completed');
    expect(run.event_ids).to.deep.equal(result.datapoints.map((d) => d.sessionId));
    const stored = collector.runs.runResult(result.runId)!;
    expect((stored.metrics as any).exact_match.mean).to.equal(0.5);

    const events = collector.events.sessionEvents(paris!.sessionId);
    const session = events.find((e) => e.event_type === 'session')!;
    expect(session.source).to.equal('evaluation');
    // named for its datapoint, so the session list tells the datapoints apart
    expect(session.event_name).to.equal('geo-v1 · capital of France');
    expect(session.metadata).to.include({ run_id: result.runId, datapoint_id: paris!.datapointId });
    expect(session.feedback).to.deep.equal({ ground_truth: { answer: 'Paris' } });
    const chain = events.find((e) => e.event_type === 'chain')!;
    const tool = events.find((e) => e.event_name === 'Geo.lookup')!;
    expect(chain.metrics).to.deep.equal({ exact_match: true, length: 5 });
    expect(chain.metadata).to.include({
      run_id: result.runId,
      datapoint_id: paris!.datapointId,
      length_explanation: 'characters',
    });
    expect(tool.parent_id).to.equal(chain.event_id);
    expect(tool.metadata).to.include({ run_id: result.runId });
  });

  it("uses the initialised tracer's project, key and server when the options name none", async () => {
    const app = HoneyHiveTracer.init({ apiKey: 'local', project: 'geo-app', serverUrl: collector.url });
    try {
      // as docs/evaluation.md shows it: no backend options at all
      const result = await evaluate(new Geo(), 'answer', { printResults: false });
      expect(result.status).to.equal('completed');
      const run = collector.runs.getRun(result.runId)!;
      expect(run.project).to.equal('geo-app');
      const session = collector.events
        .sessionEvents(result.datapoints[0]!.sessionId)
        .find((e) => e.event_type === 'session')!;
      expect(session.project).to.equal('geo-app');
      // explicit options still win
      const other = await evaluate(new Geo(), 'answer', { project: 'geo-explicit', printResults: false });
      expect(collector.runs.getRun(other.runId)!.project).to.equal('geo-explicit');
    } finally {
      await app.close();
    }
  });

  it('judges a datapoint by its evaluator scores only, the same in the SDK and the collector', async () => {
    const always = evaluator(() => true, { name: 'answered' });
    const result = await evaluate(
      (dp: { inputs: Record<string, unknown> }) => {
        // the app's own metric, 0 on one datapoint: shown, never a pass/fail score
        enrichSession({ metrics: { retrieved: dp.inputs.question === 'capital of Spain' ? 0 : 3 } });
        return { answer: 'x' };
      },
      {
        dataset: dataset.slice(0, 2),
        evaluators: [always],
        name: 'app-metrics',
        apiKey: 'local',
        project: 'geo',
        serverUrl: collector.url,
        printResults: false,
      },
    );
    expect(result.datapoints.map((d) => d.passed)).to.deep.equal([true, true]);
    expect(Object.keys(result.metrics)).to.deep.equal(['answered']);
    const stored = collector.runs.runResult(result.runId)!;
    expect(stored.datapoints.map((d) => d.passed)).to.deep.equal([true, true]);
    expect(stored.success).to.equal(true);
    expect(Object.keys(stored.metrics)).to.deep.equal(['answered']);
    expect((stored.metrics as any).answered.passRate).to.equal(1);
    expect(stored.datapoints.map((d) => (d.metrics as any).retrieved).sort()).to.deep.equal([0, 3]);
    // an evaluator that fails one datapoint fails it on both sides
    const strict = await evaluate(
      (dp: { inputs: Record<string, unknown> }) => ({ answer: dp.inputs.question }),
      {
        dataset: dataset.slice(0, 2),
        evaluators: [evaluator((o: { answer: string }) => o.answer.endsWith('France'), { name: 'france' })],
        name: 'strict',
        apiKey: 'local',
        project: 'geo',
        serverUrl: collector.url,
        printResults: false,
      },
    );
    const strictStored = collector.runs.runResult(strict.runId)!;
    expect(strict.datapoints.map((d) => d.passed)).to.deep.equal(
      strictStored.datapoints.map((d) => d.passed),
    );
    expect(strictStored.datapoints.map((d) => d.passed)).to.deep.equal([true, false]);
  });

  it('runs a plain function in test mode with no network', async () => {
    const result = await evaluate(
      (dp: { inputs: Record<string, unknown> }) => ({
        answer: String(dp.inputs.question).includes('Spain') ? 'Madrid' : 'Paris',
      }),
      {
        dataset: dataset.slice(0, 2),
        evaluators: [exactMatch],
        name: 'offline',
        project: 'geo',
        testMode: true,
        printResults: false,
      },
    );
    expect(result.metrics.exact_match!.passRate).to.equal(1);
  });

  it('fails naming the dataset id and the server when the dataset does not exist', async () => {
    let error: unknown;
    try {
      await evaluate(() => ({}), {
        datasetId: 'no-such-dataset',
        name: 'missing',
        apiKey: 'local',
        project: 'geo',
        serverUrl: collector.url,
        printResults: false,
      });
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('no-such-dataset').and.to.contain(collector.url);
  });
});
