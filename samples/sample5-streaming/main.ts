/**
 * Sample 5: a streaming method. The span stays open while tokens flow and ends when the stream
 * completes, is broken out of, fails, or is abandoned.
 *   npx ts-node samples/sample5-streaming/main.ts
 */
import { Trace } from '../../lib';
import { createTestTracer } from '../../lib/testing';

class Model {
  @Trace({ eventType: 'model' })
  async *complete(prompt: string): AsyncGenerator<string> {
    for (const token of `You asked: ${prompt}. Here is a streamed answer.`.split(/(?<= )/)) {
      await new Promise((r) => setTimeout(r, 5));
      yield token;
    }
  }
}

async function main(): Promise<void> {
  const { tracer, spans } = createTestTracer({ project: 'streaming-sample' });
  const model = new Model();

  let text = '';
  for await (const token of model.complete('what is hivetrace')) text += token;
  console.log('full stream:', text);

  for await (const token of model.complete('stop early')) {
    if (token.includes('asked')) break; // the span ends as "cancelled"
  }

  await new Promise((r) => setImmediate(r));
  for (const s of spans()) {
    console.log(
      `${s.name}: state=${s.attributes['hivetrace.stream.state']} items=${s.outputs?.item_count} output=${JSON.stringify(s.outputs?.result)}`,
    );
  }
  await tracer.close();
}

void main();
