/**
 * The loopback receiver of `npm run bench`: an OTLP/HTTP endpoint in a process of its own (so
 * its work is not timed on the application's thread) that accepts every request, counts the
 * spans in it (protobuf or JSON, gzipped or not) and answers how many it has seen at
 * `GET /count`. Started by bench/run.ts with `fork`; sends its URL to the parent when it listens.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { countJsonSpans, countProtoSpans } from './count-spans';

let spans = 0;
let requests = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ spans, requests }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
    const proto = String(req.headers['content-type']).includes('protobuf');
    if (req.url?.endsWith('/v1/traces')) {
      spans += proto ? countProtoSpans(body) : countJsonSpans(body.toString('utf8'));
      requests++;
    }
    // an empty ExportTraceServiceResponse in either encoding
    res.writeHead(200, { 'content-type': proto ? 'application/x-protobuf' : 'application/json' });
    res.end(proto ? '' : '{}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ url: `http://127.0.0.1:${port}` });
});
process.on('disconnect', () => process.exit(0));
