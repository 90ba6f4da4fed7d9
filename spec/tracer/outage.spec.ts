import { expect } from 'chai';
import * as sinon from 'sinon';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import { resetTracers } from '../../lib/tracer/TracerRegistry';
import type { RecordingServer } from '../helpers/recording-server';
import { startRecordingServer } from '../helpers/recording-server';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Lets real I/O (loopback requests) progress while timers are fake. */
async function realTurns(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('a 2-minute backend outage (fake clock)', () => {
  let server: RecordingServer;
  let clock: sinon.SinonFakeTimers;
  let down = true;
  beforeEach(async () => {
    down = true;
    server = await startRecordingServer((r) =>
      down
        ? { status: 503, body: { error: 'down' } }
        : { status: 200, body: { success: true, path: r.path } },
    );
  });
  afterEach(async () => {
    clock?.restore();
    resetTracers();
    await server.close();
  });

  it('keeps memory flat, then delivers the session start and one merged update', async function () {
    this.timeout(120_000);
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'outage',
      serverUrl: server.url,
      flushOnExit: false,
    });
    let heapAt20 = 0;
    let turn = 0;
    for (let second = 0; second < 120; second++) {
      for (let i = 0; i < 10; i++)
        tracer.enrichSession({
          metrics: { turns: turn++ },
          metadata: { last_text: `message ${turn}`.repeat(20) },
        });
      await realTurns();
      await clock.tickAsync(1000);
      if (second === 20) heapAt20 = heapMb();
    }
    const growthMb = heapMb() - heapAt20;
    expect(growthMb).to.be.lessThan(1.5); // the old chained backlog grew ~80 KB/s: ~8 MB here
    const during = server.requests.length;
    expect(server.requests.every((r) => r.path === '/session/start')).to.equal(true);
    expect(tracer.stats().sessionUpdatesPending).to.be.greaterThan(0);

    down = false;
    for (let i = 0; i < 60 && server.requests.filter((r) => r.method === 'PUT').length === 0; i++) {
      await clock.tickAsync(1000);
      await realTurns();
    }
    const flushed = tracer.flush(30_000);
    for (let i = 0; i < 60; i++) {
      await realTurns();
      await clock.tickAsync(100);
    }
    expect(await flushed).to.equal(true);
    const after = server.requests.slice(during);
    const starts = after.filter((r) => r.path === '/session/start');
    const puts = after.filter((r) => r.method === 'PUT');
    expect(starts).to.have.length(1);
    expect(starts[0]!.json.session.session_id).to.equal(tracer.sessionId);
    expect(puts).to.have.length(1);
    expect(puts[0]!.json.metrics).to.deep.equal({ turns: 1199 });
    expect(tracer.stats()).to.include({ sessionUpdatesPending: 0, sessionUpdatesFailed: 0 });
    // Retry-After-less 503s back off exponentially up to 30 s: a handful of attempts, not hundreds
    expect(during).to.be.within(5, 20);
    clock.restore();
    await tracer.close(2000);
  });

  it('waits as Retry-After asks before retrying the session start', async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    server.respond = () =>
      server.requests.length < 2 ? { status: 429, headers: { 'retry-after': '7' } } : { status: 200 };
    const tracer = HoneyHiveTracer.init({
      apiKey: 'k',
      project: 'outage',
      serverUrl: server.url,
      flushOnExit: false,
    });
    await realTurns();
    const step = async (ms: number) => {
      for (let t = 0; t < ms; t += 250) {
        await clock.tickAsync(250);
        await realTurns();
      }
    };
    await step(6500);
    expect(server.requests).to.have.length(1); // without Retry-After it would have retried within ~200 ms
    await step(1000);
    expect(server.requests).to.have.length(2);
    clock.restore();
    expect(await tracer.flush(2000)).to.equal(true);
    await tracer.close(2000);
  });
});
