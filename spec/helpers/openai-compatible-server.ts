import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny OpenAI-compatible chat completions server on 127.0.0.1 (deterministic answers). */
export async function startOpenAICompatibleServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const request = JSON.parse(body || '{}') as { model?: string; messages?: { content?: string }[] };
      const last = request.messages?.at(-1)?.content ?? '';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-local',
          object: 'chat.completion',
          created: 0,
          model: request.model ?? 'local',
          choices: [
            { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `echo: ${last}` } },
          ],
          usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
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
