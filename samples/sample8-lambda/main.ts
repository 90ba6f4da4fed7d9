/**
 * Sample 8: an AWS Lambda handler wrapped in `traceLambdaHandler`. Each invocation runs in a span
 * named after the function, in the caller's session when the event's headers carry one (here: an
 * API Gateway event from a traced caller), and the handler returns only after a bounded flush, so
 * nothing is lost when the runtime freezes. Runs locally against an embedded collector.
 *   npx ts-node samples/sample8-lambda/main.ts
 */
import { HoneyHiveTracer, injectContextIntoCarrier, traceLambdaHandler } from '../../lib';
import { startCollector } from '../../lib/collector';
import { printSessionTree } from '../demo/print-tree';

interface ApiGatewayEvent {
  headers: Record<string, string>;
  body: string;
}

/** The function's code: what a user writes, wrapped once. */
export const handler = traceLambdaHandler(async (event: ApiGatewayEvent) => {
  const { question } = JSON.parse(event.body) as { question: string };
  return { statusCode: 200, body: `answer to ${question}` };
});

async function main(): Promise<void> {
  const collector = await startCollector({ port: 0, dbPath: ':memory:' });
  const tracer = HoneyHiveTracer.init({
    project: 'lambda-sample',
    serverUrl: collector.url,
    sessionName: 'caller',
  });
  // a traced caller sends the request with its trace and session in the headers
  const headers = tracer.trace('call the function', () =>
    injectContextIntoCarrier({} as Record<string, string>, tracer),
  );
  const context = {
    functionName: 'answer-fn',
    awsRequestId: 'local-1',
    getRemainingTimeInMillis: () => 30_000,
  };
  const result = await handler({ headers, body: JSON.stringify({ question: 'what is my plan?' }) }, context);
  console.log(result);
  printSessionTree(collector.events, tracer.sessionId);
  await tracer.close();
  await collector.close();
}

if (require.main === module) void main();
