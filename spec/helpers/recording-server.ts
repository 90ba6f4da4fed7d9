import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as zlib from 'node:zlib';
import { decodeTraceRequest } from './otlp-proto';

/** A decoded protobuf request in OTLP/JSON's shape: ids as hex, the rest as protobufjs reads it. */
function hexIds(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (Array.isArray(v)) return v.map(hexIds);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hexIds(x)]));
  return v;
}

/** The body as JSON: OTLP protobuf decoded (gunzipped first when gzipped), else parsed JSON. */
function bodyJson(raw: Buffer, headers: http.IncomingHttpHeaders): unknown {
  try {
    const body = headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
    if (String(headers['content-type']).includes('protobuf')) return hexIds(decodeTraceRequest(body));
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** One request the recording server received. */
export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  /** The body parsed as JSON, when it is JSON; an OTLP protobuf body decoded into the same shape. */
  json: any;
}

/** How the server answers: a status and body, `'hang'` (never answer), or a function. */
export type Responder = (
  req: Recorded,
) => { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/** A real HTTP server on 127.0.0.1 that plays the HoneyHive backend and records every request. */
export interface RecordingServer {
  url: string;
  requests: Recorded[];
  respond: Responder;
  /** Answers every request left hanging so far with `status`; resolves once the answers are written. */
  release(status: number): Promise<void>;
  /** Resolves once `n` requests matching `pred` arrived (or rejects after `ms`). */
  waitFor(pred: (r: Recorded) => boolean, n?: number, ms?: number): Promise<Recorded[]>;
  close(): Promise<void>;
}

/** Starts a recording server on an ephemeral loopback port. */
export async function startRecordingServer(respond?: Responder): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const hanging: http.ServerResponse[] = [];
  const state: { respond: Responder } = {
    respond: respond ?? (() => ({ status: 200, body: { success: true } })),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const json = bodyJson(raw, req.headers);
      const rec: Recorded = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw,
        json,
      };
      requests.push(rec);
      const answer = state.respond(rec);
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get respond() {
      return state.respond;
    },
    set respond(r: Responder) {
      state.respond = r;
    },
    async release(status) {
      await Promise.all(
        hanging.splice(0).map(
          (res) =>
            new Promise<void>((r) => {
              if (res.destroyed || res.writableEnded) return r();
              res.once('close', () => r());
              res.writeHead(status, { 'content-type': 'application/json' });
              res.end('{}');
            }),
        ),
      );
    },
    async waitFor(pred, n = 1, ms = 5000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const hits = requests.filter(pred);
        if (hits.length >= n) return hits;
        if (Date.now() > deadline)
          throw new Error(`expected ${n} matching request(s), saw ${hits.length} of ${requests.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** The spans of an OTLP/JSON request body, flattened across resource and scope. */
export function otlpSpans(body: any): any[] {
  return (body?.resourceSpans ?? []).flatMap((rs: any) =>
    (rs.scopeSpans ?? []).flatMap((ss: any) => ss.spans ?? []),
  );
}

/** An OTLP/JSON span's attributes as a plain record. */
export function otlpAttributes(span: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of span.attributes ?? []) {
    const v = kv.value ?? {};
    out[kv.key] =
      v.stringValue ?? v.boolValue ?? (v.intValue !== undefined ? Number(v.intValue) : v.doubleValue);
  }
  return out;
}
