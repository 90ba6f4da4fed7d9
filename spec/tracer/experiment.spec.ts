import { expect } from 'chai';
import { startCollector } from '../../lib/collector/start-collector';
import { traced } from '../../lib/decorators/traced';
import { withAttributes } from '../../lib/enrichment/with-attributes';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

const VARS = [
  'HH_EXPERIMENT_ID',
  'HH_EXPERIMENT_NAME',
  'HH_EXPERIMENT_VARIANT',
  'HH_EXPERIMENT_GROUP',
  'HH_EXPERIMENT_METADATA',
];

/** Online experiments: traces and sessions tagged with an experiment id, name, variant and group. */
describe('online experiments', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => VARS.forEach((v) => (saved[v] = process.env[v])));
  afterEach(() =>
    VARS.forEach((v) => (saved[v] === undefined ? delete process.env[v] : (process.env[v] = saved[v]))),
  );

  it('reads HH_EXPERIMENT_* and tags every span and the session start, as the HoneyHive SDK names them', () => {
    process.env.HH_EXPERIMENT_ID = 'exp-12';
    process.env.HH_EXPERIMENT_NAME = 'prompt-v2';
    process.env.HH_EXPERIMENT_VARIANT = 'baseline';
    process.env.HH_EXPERIMENT_GROUP = 'control';
    process.env.HH_EXPERIMENT_METADATA = '{"model":"gpt-4o","temperature":0.2}';
    const kit = createTestTracer();
    traced(() => 1, { name: 'step', tracer: kit.tracer })();
    expect(kit.spans()[0]!.attributes).to.include({
      'honeyhive.experiment_id': 'exp-12',
      'honeyhive.experiment_name': 'prompt-v2',
      'honeyhive.experiment_variant': 'baseline',
      'honeyhive.experiment_group': 'control',
      'honeyhive.experiment_metadata.model': 'gpt-4o',
      'honeyhive.experiment_metadata.temperature': 0.2,
    });
    const start = kit.requests().find((r) => r.path === '/session/start')!.body as any;
    expect(start.session.metadata).to.deep.include({
      experiment_id: 'exp-12',
      experiment_variant: 'baseline',
      experiment_metadata: { model: 'gpt-4o', temperature: 0.2 },
    });
  });

  it('lets the option beat the environment, and withAttributes tag one request', () => {
    process.env.HH_EXPERIMENT_VARIANT = 'from-env';
    const kit = createTestTracer({ experiment: { id: 'exp-7', variant: 'A' } });
    const step = traced(() => 1, { name: 'step', tracer: kit.tracer });
    step();
    withAttributes({ experiment: { variant: 'B', group: 'treatment' } }, () => step());
    const [a, b] = kit.spans();
    expect(a!.attributes['honeyhive.experiment_variant']).to.equal('A');
    expect(b!.attributes).to.include({
      'honeyhive.experiment_id': 'exp-7',
      'honeyhive.experiment_variant': 'B',
      'honeyhive.experiment_group': 'treatment',
    });
  });

  it('lands in each event’s metadata in the collector, so an export can split by variant', async () => {
    const collector = await startCollector({ dbPath: ':memory:' });
    try {
      const tracer = HoneyHiveTracer.init({
        apiKey: 'local',
        project: 'ab',
        serverUrl: collector.url,
        experiment: { id: 'exp-ab', name: 'greeting' },
      });
      const answer = traced((q: string) => `hi ${q}`, { name: 'answer', tracer });
      for (let i = 0; i < 10; i++)
        withAttributes(
          { experiment: { variant: i % 2 ? 'B' : 'A', metadata: { prompt: `p${i % 2}` } } },
          () => answer(`#${i}`),
        );
      expect(await tracer.flush()).to.equal(true);
      await tracer.close();
      const count = (variant: string) =>
        collector.events.export({
          project: 'ab',
          filters: [
            { field: 'event_name', operator: 'is', value: 'answer' },
            { field: 'metadata.experiment_variant', operator: 'is', value: variant },
          ],
        });
      const a = count('A');
      expect(a.totalEvents).to.equal(5);
      expect(count('B').totalEvents).to.equal(5);
      expect(a.events[0]!.metadata).to.deep.include({
        experiment_id: 'exp-ab',
        experiment_name: 'greeting',
        experiment_variant: 'A',
        experiment_metadata: { prompt: 'p0' },
      });
      expect(a.events[0]!.attributes!['honeyhive.experiment_variant']).to.equal('A');
      const session = collector.events.get(tracer.sessionId)!;
      expect(session.metadata).to.include({ experiment_id: 'exp-ab', experiment_name: 'greeting' });
    } finally {
      await collector.close();
    }
  });
});
