import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { anthropicMessages } from './fake-anthropic';
import { openaiChat } from './fake-openai-chat';
import { openaiResponses } from './fake-openai-responses';

/** One parsed request to the fake server, and where to write the answer. */
export interface FakeRequest {
  readonly body: Record<string, any>;
  readonly res: http.ServerResponse;
}

/** The city the fake weather tool is asked about, and its answer, in every API's script. */
export const FAKE_TOOL = { name: 'get_weather', arguments: { city: 'Lisbon' } } as const;

/** Writes a JSON answer. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** OpenAI's answer to a request for a model that does not exist (chat completions and Responses alike). */
export function sendUnknownModel(res: http.ServerResponse, model: string): void {
  sendJson(res, 400, {
    error: {
      message: `The model \`${model}\` does not exist`,
      type: 'invalid_request_error',
      param: 'model',
      code: null,
    },
  });
}

/** Writes server-sent events (`event:` line when the item names one), then ends the answer. */
export function sendEvents(res: http.ServerResponse, items: { event?: string; data: unknown }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const item of items)
    res.write(
      `${item.event ? `event: ${item.event}\n` : ''}data: ${typeof item.data === 'string' ? item.data : JSON.stringify(item.data)}\n\n`,
    );
  res.end();
}

/** A running fake model server. */
export interface FakeModelServer {
  /** `http://127.0.0.1:<port>`: OpenAI clients take `${url}/v1` as their base URL, Anthropic's `url`. */
  readonly url: string;
  /** How many requests each route answered. */
  readonly calls: Record<string, number>;
  close(): Promise<void>;
}

const ROUTES: Record<string, (r: FakeRequest) => void> = {
  '/v1/chat/completions': openaiChat,
  '/v1/responses': openaiResponses,
  '/v1/messages': anthropicMessages,
};

/**
 * A deterministic model server on 127.0.0.1 speaking three APIs: OpenAI chat completions, the
 * OpenAI Responses API and Anthropic's messages, plain and streamed. The script is the same for
 * each: a request that offers tools and carries no tool result yet is answered with one call of
 * `get_weather({ city: 'Lisbon' })` (with a short text before it); a request carrying a tool
 * result is answered `Answer: <result>`; any other request `echo: <last user text>`. The model
 * `fail` gets the API's own 400 invalid-request error. Nothing leaves the machine.
 */
export async function startFakeModelServer(): Promise<FakeModelServer> {
  const calls: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const route = ROUTES[(req.url ?? '').split('?')[0]!];
      if (!route || req.method !== 'POST') return sendJson(res, 404, { error: { message: 'not found' } });
      calls[req.url!] = (calls[req.url!] ?? 0) + 1;
      try {
        route({ body: JSON.parse(text || '{}') as Record<string, any>, res });
      } catch (err) {
        sendJson(res, 400, { error: { message: (err as Error).message, type: 'invalid_request_error' } });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
