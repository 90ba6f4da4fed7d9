/**
 * Sample 11: an online A/B test of two prompt variants. Every trace carries the experiment
 * (`experiment` option, or `HH_EXPERIMENT_*`); each request carries its variant
 * (`withAttributes({ experiment: { variant } })`). The local collector's export then splits the
 * answers by variant, with the feedback each variant got.
 *   npx ts-node samples/sample11-ab-test/main.ts
 */
import { enrichSpan, HoneyHiveTracer, traced, withAttributes } from '../../lib';
import { startCollector } from '../../lib/collector';

const PROMPTS = {
  A: (q: string) => `Answer briefly: ${q}`,
  B: (q: string) => `You are a friendly support agent. Answer in one sentence: ${q}`,
} as const;

async function main(): Promise<void> {
  const collector = await startCollector({ port: 0, dbPath: ':memory:' });
  const tracer = HoneyHiveTracer.init({
    apiKey: 'local',
    project: 'support-ab',
    serverUrl: collector.url,
    experiment: { id: 'exp-2026-11', name: 'greeting-prompt', metadata: { owner: 'growth' } },
  });

  // a deterministic "model": variant B's answers happen to be rated higher
  const answer = traced(
    (question: string, variant: keyof typeof PROMPTS) => {
      const prompt = PROMPTS[variant](question);
      enrichSpan({ feedback: { rating: variant === 'B' ? 5 : 3 }, metrics: { prompt_chars: prompt.length } });
      return `(${variant}) reset it under Settings → Security.`;
    },
    { name: 'answer', eventType: 'chain' },
  );

  for (let user = 0; user < 20; user++) {
    const variant = user % 2 === 0 ? 'A' : 'B'; // the assignment: by user, stable
    withAttributes(
      { userId: `user-${user}`, experiment: { variant, group: variant === 'A' ? 'control' : 'treatment' } },
      () => answer('How do I reset my password?', variant),
    );
  }
  await tracer.flush();

  for (const variant of ['A', 'B']) {
    const { events, totalEvents } = collector.events.export({
      project: 'support-ab',
      filters: [
        { field: 'event_name', operator: 'is', value: 'answer' },
        { field: 'metadata.experiment_variant', operator: 'is', value: variant },
      ],
    });
    const ratings = events.map((e) => Number(e.feedback.rating));
    const mean = ratings.reduce((s, r) => s + r, 0) / ratings.length;
    console.log(
      `variant ${variant} (${String(events[0]?.metadata.experiment_group)}): ${totalEvents} answers, mean rating ${mean.toFixed(1)}`,
    );
  }
  await tracer.close();
  await collector.close();
}

void main();
