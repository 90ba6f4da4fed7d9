/**
 * Sample 4: a traced service class with class defaults, a method override, @EnrichWith, and the
 * test kit to look at what was recorded.
 *   npx ts-node samples/sample4-traced-service/main.ts
 */
import { EnrichWith, Trace } from '../../lib';
import { createTestTracer } from '../../lib/testing';

@Trace({ eventType: 'tool', metadata: { service: 'knowledge-base' } })
class KnowledgeBase {
  private readonly docs = [
    'reset your password from Settings',
    'billing is monthly',
    'passwords expire yearly',
  ];

  @EnrichWith(({ result }) => ({ metrics: { hits: (result as string[]).length } }))
  async search(query: string, limit = 2): Promise<string[]> {
    const words = query.toLowerCase().split(/\s+/);
    return this.docs.filter((d) => words.some((w) => d.includes(w))).slice(0, limit);
  }

  @Trace({ eventType: 'model', config: { model: 'deterministic-v1' } })
  answer(question: string, context: string[]): string {
    return context.length > 0 ? `From the docs: ${context[0]}` : `Sorry, nothing about "${question}".`;
  }
}

async function main(): Promise<void> {
  const { tracer, spans } = createTestTracer({ project: 'traced-service-sample' });
  const kb = new KnowledgeBase();
  const reply = await tracer.trace('support-turn', { eventType: 'chain' }, async () => {
    const hits = await kb.search('password reset');
    return kb.answer('password reset', hits);
  });
  await new Promise((r) => setImmediate(r));
  console.log(reply);
  for (const s of spans()) {
    console.log(
      `${s.name.padEnd(24)} ${String(s.eventType).padEnd(6)} inputs=${JSON.stringify(s.inputs)} metrics=${JSON.stringify(s.metrics ?? {})}`,
    );
  }
  await tracer.close();
}

void main();
