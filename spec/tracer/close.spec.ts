import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as sinon from 'sinon';
import { logger } from '../../lib/internal/logger';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';
import type { RecordingServer } from '../helpers/recording-server';
import { startRecordingServer } from '../helpers/recording-server';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const SPANS = 5000;
const isTraces = (r: { path: string }) => r.path.endsWith('/traces');

/**
 * A dead backend (it takes every request and never answers), 5,000 spans ended: two export
 * requests in flight, the rest queued, the session start and an update waiting.
 */
describe('HoneyHiveTracer', () => {
  describe('.close with a dead backend and 5,000 spans queued', () => {
    let server: RecordingServer;
    let tracer: HoneyHiveTracer;
    const lines: string[] = [];

    beforeEach(async () => {
      lines.length = 0;
      logger.setSink((level, line) => lines.push(`${level} ${line}`));
      server = await startRecordingServer(() => 'hang');
      tracer = HoneyHiveTracer.init({
        apiKey: 'k',
        project: 'close',
        serverUrl: server.url,
        flushOnExit: false,
      });
      tracer.enrichSession({ metadata: { step: 1 } });
      for (let i = 0; i < SPANS; i++) tracer.trace('work', () => i);
      await server.waitFor(isTraces, 2); // two exports are out, and hang
    });

    afterEach(async () => {
      logger.setSink(undefined);
      await server.release(200);
      await server.close();
    });

    /** Closes with a fake clock; answers the fake ms at which close() resolved. */
    async function closeOnFakeClock(timeoutMs: number): Promise<number> {
      const clock = sinon.useFakeTimers({
        toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'],
        shouldClearNativeTimers: true,
      });
      let closedAt = -1;
      void tracer.close(timeoutMs).then(() => (closedAt = clock.now));
      await clock.tickAsync(timeoutMs - 1);
      expect(closedAt, 'closed before its flush had its time').to.equal(-1);
      await clock.tickAsync(200);
      clock.restore();
      return closedAt;
    }

    it('resolves within its bound plus a small constant (fake clock)', async () => {
      const closedAt = await closeOnFakeClock(1000);
      expect(closedAt).to.be.within(1000, 1000 + 150);
    });

    it('leaves stats() with nothing queued: every undelivered span counted as failed or dropped', async () => {
      await closeOnFakeClock(1000);
      const s = tracer.stats();
      expect(s.queued).to.equal(0);
      expect(s.exported).to.equal(0);
      expect(s.failed + s.dropped).to.equal(SPANS);
      expect(s.sessionUpdatesPending).to.equal(0);
      expect(s.sessionUpdatesFailed).to.equal(2); // the session start and its update
      // said once, at close
      expect(lines.filter((l) => l.includes('not delivered'))).to.have.length(1);
      expect(lines.join('\n')).to.contain(
        `closed with ${SPANS} span(s) and 1 session update(s) not delivered`,
      );
    });

    it('stops every export and retry: answers that come later change nothing and log nothing', async () => {
      await closeOnFakeClock(1000);
      const after = tracer.stats();
      const logged = lines.length;
      const requests = server.requests.length;
      await server.release(500); // the hung exports and session start now fail
      server.respond = () => ({ status: 503 });
      await new Promise((r) => setTimeout(r, 300));
      expect(tracer.stats()).to.deep.equal(after);
      expect(lines.slice(logged)).to.deep.equal([]);
      expect(server.requests.length, 'requests sent after close').to.equal(requests);
    });

    it('answers flush() false at once afterwards', async () => {
      await closeOnFakeClock(1000);
      // a flush that waited for anything would lose this race to the already-settled promise
      expect(await Promise.race([tracer.flush(), Promise.resolve('waited')])).to.equal(false);
    });

    it('counts a span ended after close as dropped, not queued', async () => {
      await closeOnFakeClock(1000);
      const before = tracer.stats();
      tracer.startSpan('late').end();
      const s = tracer.stats();
      expect(s.queued).to.equal(0);
      expect(s.dropped + s.failed).to.equal(before.dropped + before.failed + 1);
    });
  });

  describe('the last flush of a process, with a dead backend and 5,000 spans', () => {
    let server: RecordingServer;
    beforeEach(async () => (server = await startRecordingServer(() => 'hang')));
    afterEach(async () => {
      await server.release(200);
      await server.close();
    });

    /** Runs `body` after 5,000 traced calls in a new process; answers what it printed as the process exited. */
    async function lastWords(options: string, body: string): Promise<{ stats: any; stderr: string }> {
      const script = `
        require('ts-node/register/transpile-only');
        const { HoneyHiveTracer, registerShutdownHooks } = require(${JSON.stringify(path.join(ROOT, 'lib'))});
        const tracer = HoneyHiveTracer.init({ apiKey: 'k', project: 'last', serverUrl: process.argv[1], ${options} });
        for (let i = 0; i < ${SPANS}; i++) tracer.trace('work', () => i);
        process.on('exit', () => console.log(JSON.stringify(tracer.stats())));
        ${body}
      `;
      const { stdout, stderr } = await run(process.execPath, ['-e', script, server.url], {
        cwd: ROOT,
        timeout: 60_000,
      }).catch((err: { stdout: string; stderr: string }) => err);
      return { stats: JSON.parse(stdout.trim().split('\n').pop()!), stderr };
    }

    it('the exit flush gives up what it could not deliver, counted, and says so', async function () {
      this.timeout(60_000);
      // an exporter whose backend never answers and that holds no socket open, so the process runs
      // out of work with spans queued and in flight (open sockets would keep it up until their
      // export timeout, and the exit flush would find the spans already failed)
      const { stats, stderr } = await lastWords(
        'skipSessionStart: true, exporter: { export() {}, shutdown: () => Promise.resolve() }',
        '',
      );
      expect(stats.queued).to.equal(0);
      expect(stats.exported).to.equal(0);
      expect(stats.failed + stats.dropped).to.equal(SPANS);
      expect(stderr, stderr).to.contain(`${SPANS} span(s) not delivered at exit`);
    });

    it('registerShutdownHooks does the same on SIGTERM', async function () {
      this.timeout(60_000);
      const { stats, stderr } = await lastWords(
        'skipSessionStart: true, flushOnExit: false',
        // the app's own listener keeps the process up (the hook then does not re-raise the signal)
        // until the hook's flush is over, then exits
        `registerShutdownHooks({ timeoutMs: 1000 });
         process.on('SIGTERM', () => {
           const done = setInterval(() => tracer.stats().queued === 0 && (clearInterval(done), process.exit(0)), 50);
         });
         setTimeout(() => process.kill(process.pid, 'SIGTERM'), 100);
         setInterval(() => undefined, 1000);`,
      );
      expect(stats.queued).to.equal(0);
      expect(stats.failed + stats.dropped).to.equal(SPANS);
      expect(stderr).to.contain(`${SPANS} span(s) not delivered on SIGTERM`);
    });
  });
});
