/**
 * What every framework sample shares: a local collector (in memory, with prices) and the fake
 * model server, both started here, a tracer exporting to the collector, and a printout of what
 * was stored: the session's tree, then each model call's conversation, tool calls, tokens and cost.
 */
import { startCollector } from '../../lib/collector';
import type { CollectorEvent } from '../../lib/collector';
import { HoneyHiveTracer } from '../../lib';
import { printSessionTree } from '../demo/print-tree';
import { startFakeModelServer } from './fake-model-server';

/** What a sample's body gets: its tracer and the fake model server's URL. */
export interface FrameworkSampleContext {
  readonly tracer: HoneyHiveTracer;
  /** `http://127.0.0.1:<port>`: OpenAI clients take `${llmUrl}/v1`, Anthropic's client `llmUrl`. */
  readonly llmUrl: string;
}

const PRICES = {
  'gpt-4o-mini': { input: 0.15, output: 0.6, cached_input: 0.075 },
  'claude-sonnet-4-5': { input: 3, output: 15, cached_input: 0.3 },
};

function describeModelCall(e: CollectorEvent & { cost?: number | null }): string {
  const history = (e.inputs.chat_history as { role: string }[] | undefined) ?? [];
  const out = e.outputs as {
    content?: unknown;
    tool_calls?: { function: { name: string; arguments: string } }[];
  };
  const answer = out.tool_calls?.length
    ? `calls ${out.tool_calls.map((c) => `${c.function.name}(${c.function.arguments})`).join(', ')}`
    : JSON.stringify(out.content);
  const cost = typeof e.cost === 'number' ? ` $${e.cost.toFixed(7)}` : '';
  return `  ${e.event_name} ${String(e.config.model)}: ${history.map((m) => m.role).join(' → ')} ⇒ ${answer} · tokens ${JSON.stringify(e.metrics)}${cost}`;
}

/** Runs a framework sample: `body` makes its calls with the tracer; the stored session is printed. */
export async function runFrameworkSample(
  title: string,
  body: (ctx: FrameworkSampleContext) => Promise<string>,
): Promise<void> {
  const collector = await startCollector({ port: 0, dbPath: ':memory:', prices: PRICES });
  const llm = await startFakeModelServer();
  const tracer = HoneyHiveTracer.init({
    project: 'frameworks',
    serverUrl: collector.url,
    sessionName: title,
  });
  try {
    const answer = await body({ tracer, llmUrl: llm.url });
    const delivered = await tracer.flush();
    console.log(`${title}: ${answer} (delivered=${delivered})`);
    printSessionTree(collector.events, tracer.sessionId);
    const res = await fetch(`${collector.url}/api/sessions/${tracer.sessionId}`);
    const { events } = (await res.json()) as { events: (CollectorEvent & { cost: number | null })[] };
    console.log('model calls:');
    for (const e of events.sort((a, b) => a.start_time - b.start_time))
      if (e.event_type === 'model') console.log(describeModelCall(e));
  } finally {
    await tracer.close();
    await llm.close();
    await collector.close();
  }
}
