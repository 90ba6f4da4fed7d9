import type { IncomingMessage, ServerResponse } from 'node:http';
import * as zlib from 'node:zlib';

/** An error with the HTTP status to answer. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a request body up to `limit` bytes (413 past it), gunzipping `content-encoding: gzip`. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpStatusError(413, `body of ${declared} bytes exceeds the limit of ${limit}`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(new HttpStatusError(413, `body exceeds the limit of ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
    req.on('end', () => {
      if (failed) return;
      const raw = Buffer.concat(chunks);
      const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
      if (encoding === 'gzip') {
        try {
          resolve(zlib.gunzipSync(raw, { maxOutputLength: limit }));
        } catch (err) {
          reject(new HttpStatusError(err instanceof RangeError ? 413 : 400, 'invalid gzip body'));
        }
      } else resolve(raw);
    });
  });
}

/** Parses a JSON body; 400 when it is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpStatusError(400, 'the body is not valid JSON');
  }
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}
