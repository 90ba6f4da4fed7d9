import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

interface ChatRequest {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: { content?: string }[];
}

const USAGE = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

/** Answers a streaming request as server-sent events: the reply in two chunks, then usage. */
function stream(res: http.ServerResponse, request: ChatRequest, answer: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const chunk = (delta: object, finish: string | null, usage?: object) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-local',
      object: 'chat.completion.chunk',
      created: 0,
      model: request.model ?? 'local',
      choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    })}\n\n`;
  const half = Math.ceil(answer.length / 2);
  res.write(chunk({ role: 'assistant', content: answer.slice(0, half) }, null));
  res.write(chunk({ content: answer.slice(half) }, 'stop'));
  if (request.stream_options?.include_usage) res.write(chunk({}, null, USAGE));
  res.end('data: [DONE]\n\n');
}

/** A tiny OpenAI-compatible chat completions server on 127.0.0.1 (deterministic answers, plain or streamed). */
export async function startOpenAICompatibleServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const request = JSON.parse(body || '{}') as ChatRequest;
      const answer = `echo: ${request.messages?.at(-1)?.content ?? ''}`;
      if (request.stream) return stream(res, request, answer);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-local',
          object: 'chat.completion',
          created: 0,
          model: request.model ?? 'local',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer } }],
          usage: USAGE,
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
