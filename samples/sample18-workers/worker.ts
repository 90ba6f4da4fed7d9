/**
 * A Cloudflare Worker traced with hivetrace: `traceFetchHandler` runs each request in a span and
 * hands the flush to `ctx.waitUntil`, so the response leaves at once and the spans follow.
 */
import { HoneyHiveTracer, Trace, traceFetchHandler } from '../../lib';

interface Env {
  HH_API_URL: string;
}

class Answers {
  @Trace({ eventType: 'tool' })
  async lookup(question: string): Promise<string> {
    await new Promise((r) => setTimeout(r, 5));
    return `42 is the answer to "${question}"`;
  }
}

let tracer: HoneyHiveTracer | undefined;
const answers = new Answers();

export default {
  fetch: traceFetchHandler(
    async (request: Request, _env: Env, _ctx: unknown) => {
      const question = new URL(request.url).searchParams.get('q') ?? 'everything';
      return new Response(await answers.lookup(question));
    },
    {
      tracer: (_request, env) =>
        (tracer ??= HoneyHiveTracer.init({ project: 'worker-sample', serverUrl: env.HH_API_URL })),
    },
  ),
};
