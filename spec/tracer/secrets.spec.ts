import { expect } from 'chai';
import { logger } from '../../lib/internal/logger';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import { createTestTracer } from '../../lib/testing/create-test-tracer';
import { startRecordingServer } from '../helpers/recording-server';

describe('secrets and sampling', () => {
  afterEach(() => logger.setSink(undefined));

  it('never logs the API key, even verbose and while everything fails', async () => {
    const lines: string[] = [];
    logger.setSink((_level, line) => lines.push(line));
    const server = await startRecordingServer(() => ({ status: 500, body: { echo: 'nope' } }));
    try {
      const key = 'hh_super_secret_key_123';
      const tracer = HoneyHiveTracer.init({
        apiKey: key,
        project: 'p',
        serverUrl: server.url,
        verbose: true,
        disableBatch: true,
      });
      tracer.trace('x', { inputs: { authorization: `Bearer ${key}` } }, () => 1);
      tracer.enrichSession({ metadata: { a: 1 } });
      expect(await tracer.flush(10_000)).to.equal(false);
      expect(lines.length).to.be.greaterThan(0);
      expect(lines.join('\n')).not.to.contain(key);
      const traces = server.requests.filter((r) => r.path.endsWith('/traces'));
      expect(traces.length).to.be.greaterThan(0);
      for (const r of traces) expect(r.raw.toString()).not.to.contain(key);
    } finally {
      await server.close();
    }
  });

  it('records nothing with sampleRate 0 and the function still runs', () => {
    const { tracer, spans } = createTestTracer({ sampleRate: 0 });
    expect(tracer.trace('x', () => 7)).to.equal(7);
    expect(spans()).to.have.length(0);
  });
});
