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
    req.on('error', () => {
      // the client went away (reset, or the request timeout closed a slow body): a 400 no one reads
      if (!failed) reject(new HttpStatusError(400, 'the request was aborted before its body arrived'));
    });
    req.on('end', () => {
      if (failed) return;
      const raw = Buffer.concat(chunks);
      const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
      if (encoding !== 'gzip') return resolve(raw);
      // off the event loop: a large gzip body never stalls the other requests
      zlib.gunzip(raw, { maxOutputLength: limit }, (err, out) => {
        if (err)
          reject(
            new HttpStatusError(
              err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
                ? 413
                : 400,
              'invalid gzip body',
            ),
          );
        else resolve(out);
      });
    });
  });
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
