import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ConfigurationError } from '../../lib/config/ConfigurationError';
import { logger } from '../../lib/internal/logger';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import { resetTracers } from '../../lib/tracer/TracerRegistry';
import { startRecordingServer } from '../helpers/recording-server';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('the API key and messages about the backend', () => {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    logger.setSink((level, line) => lines.push(`${level} ${line}`));
  });
  afterEach(() => {
    logger.setSink(undefined);
    resetTracers();
  });

  it('trims a key read from a file (trailing newline) with a warning, and exports with it', async () => {
    const server = await startRecordingServer();
    try {
      const tracer = HoneyHiveTracer.init({ apiKey: 'hh_from_file\n', project: 'p', serverUrl: server.url });
      tracer.trace('x', () => 1);
      expect(await tracer.flush()).to.equal(true);
      const traces = server.requests.filter((r) => r.path.endsWith('/traces'));
      expect(traces[0]!.headers.authorization).to.equal('Bearer hh_from_file');
      expect(lines.join('\n')).to.contain('apiKey has whitespace around it');
      expect(lines.join('\n')).not.to.contain('hh_from_file');
      await tracer.close();
    } finally {
      await server.close();
    }
  });

  it('rejects a key that cannot go in a header, naming apiKey and not printing the key', () => {
    const bad = () => HoneyHiveTracer.init({ apiKey: 'ключ-secret', project: 'p' });
    expect(bad).to.throw(ConfigurationError).with.property('fields').that.deep.equals(['apiKey']);
    try {
      bad();
    } catch (err) {
      expect(String((err as Error).message)).not.to.contain('ключ-secret');
    }
  });

  it('names the URL it tried when the backend is down', async () => {
    const server = await startRecordingServer();
    const url = server.url;
    await server.close();
    const tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'p',
      serverUrl: url,
      apiTimeoutMs: 200,
      exportTimeoutMs: 300,
    });
    tracer.trace('x', () => 1);
    tracer.enrichSession({ metadata: { a: 1 } });
    expect(await tracer.flush(1500)).to.equal(false);
    await tracer.close(500);
    const log = lines.join('\n');
    expect(log).to.contain(`export of 1 span(s) to ${url}/opentelemetry/v1/traces failed`);
    expect(log).to.contain(`POST ${url}/session/start attempt 1 failed`);
    // the cause, not only fetch's "fetch failed"
    expect(log).to.contain(`ECONNREFUSED ${url.replace('http://', '')}`);
  });

  it('flush() and close() settle, bounded, even when nothing else keeps the process alive', async function () {
    this.timeout(30_000);
    // an exporter that never answers, in a process with nothing else to do
    const script = `
      require('ts-node/register/transpile-only');
      const { HoneyHiveTracer } = require(${JSON.stringify(path.join(ROOT, 'lib'))});
      const t = HoneyHiveTracer.init({
        apiKey: 'k', project: 'p', serverUrl: 'http://127.0.0.1:9', skipSessionStart: true, flushOnExit: false,
        exporter: { export() {}, shutdown: () => new Promise(() => {}) },
      });
      t.trace('x', () => 1);
      (async () => {
        console.log('flush', await t.flush(1000));
        await t.close(1000);
        console.log('closed');
      })();
    `;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: ROOT, timeout: 20_000 });
    expect(stdout).to.contain('flush false');
    expect(stdout).to.contain('closed');
  });
});
