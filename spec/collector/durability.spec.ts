import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../lib/collector/store/database';
import { startCollector } from '../../lib/collector/start-collector';
import { serveCli } from '../helpers/serve-cli';

const serve = (db: string, storage: string) => serveCli(['--db', db, '--storage', storage]);

const SPANS = 100;

function batch(traceId: string): string {
  const spans = Array.from({ length: SPANS }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: `span ${i}`,
    startTimeUnixNano: '1795389538754000000',
    endTimeUnixNano: '1795389538755000000',
    attributes: [{ key: 'honeyhive_inputs.i', value: { intValue: i } }],
  }));
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
}

/**
 * Killed with SIGKILL in the middle of ingest, the collector loses nothing it acknowledged, and
 * its database, reopened, passes SQLite's integrity check: with either storage engine.
 */
describe('collector durability under SIGKILL', function () {
  this.timeout(120_000);

  for (const storage of ['native', 'wasm']) {
    it(`keeps every acknowledged span (${storage})`, async () => {
      const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `hivetrace-kill-${storage}-`)), 'traces.db');
      const first = await serve(db, storage);
      const acknowledged: string[] = [];
      let killed = false;
      const senders = Array.from({ length: 4 }, async (_, s) => {
        for (let b = 0; !killed; b++) {
          const traceId = `${s.toString(16).padStart(8, '0')}${b.toString(16).padStart(24, '0')}`;
          try {
            const res = await fetch(`${first.url}/v1/traces`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: batch(traceId),
            });
            if (res.status === 200) acknowledged.push(traceId);
          } catch {
            return; // the collector is gone
          }
        }
      });
      await new Promise((r) => setTimeout(r, 1500));
      killed = true;
      first.child.kill('SIGKILL');
      await Promise.all(senders);
      expect(acknowledged.length).to.be.above(5);

      const second = await serve(db, storage);
      try {
        for (const traceId of acknowledged) {
          const res = (await (
            await fetch(`${second.url}/v1/events/export`, {
              method: 'POST',
              body: JSON.stringify({
                filters: [{ field: 'trace_id', operator: 'is', value: traceId }],
                limit: 1,
              }),
            })
          ).json()) as { totalEvents: number };
          expect(res.totalEvents, `trace ${traceId}`).to.equal(SPANS);
        }
      } finally {
        const exited = new Promise((r) => second.child.once('exit', r));
        second.child.kill('SIGINT');
        await exited;
      }
      const check = new Database(db, { readonly: true });
      try {
        expect(check.pragma('integrity_check', { simple: true })).to.equal('ok');
      } finally {
        check.close();
      }
    });
  }

  for (const storage of ['native', 'wasm']) {
    it(`lets one collector write a file (${storage}): a second process is refused, naming the first`, async () => {
      const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-owner-')), 'traces.db');
      const first = await serve(db, storage);
      try {
        const second = await serve(db, storage).then(
          (s) => (s.child.kill(), 'started'),
          (err: Error) => err.message,
        );
        expect(second).to.contain(`in use by process ${first.child.pid}`).and.contain(db);
      } finally {
        const exited = new Promise((r) => first.child.once('exit', r));
        first.child.kill('SIGINT');
        await exited;
      }
    });

    it(`two collectors started at the same moment on a new file (${storage}): one runs, one is refused, the file intact`, async () => {
      for (let round = 0; round < 3; round++) {
        const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-race-')), 'traces.db');
        const outcomes = await Promise.allSettled([serve(db, storage), serve(db, storage)]);
        const running = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
        try {
          expect(running, `round ${round}: ${refused.join(' | ')}`).to.have.length(1);
          expect(refused[0]).to.contain(`in use by process ${running[0]!.child.pid}`);
          const traceId = `c${round}`.repeat(16);
          const res = await fetch(`${running[0]!.url}/v1/traces`, { method: 'POST', body: batch(traceId) });
          expect(res.status).to.equal(200);
        } finally {
          for (const r of running) {
            const exited = new Promise((done) => r.child.once('exit', done));
            r.child.kill('SIGINT');
            await exited;
          }
        }
        const check = new Database(db, { readonly: true });
        try {
          expect(check.pragma('integrity_check', { simple: true })).to.equal('ok');
          expect(check.pragma('user_version', { simple: true })).to.equal(SCHEMA_VERSION);
          expect(
            check.prepare("SELECT count(*) FROM events WHERE event_type != 'session'").pluck().get(),
          ).to.equal(SPANS);
        } finally {
          check.close();
        }
      }
    });
  }

  it('writes one file format: what either engine stored, the other reads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-engines-'));
    for (const [writer, reader] of [
      ['native', 'wasm'],
      ['wasm', 'native'],
    ] as const) {
      const db = path.join(dir, `${writer}.db`);
      const w = await startCollector({ dbPath: db, storage: writer });
      const traceId = writer === 'native' ? 'a1'.repeat(16) : 'b2'.repeat(16);
      expect((await fetch(`${w.url}/v1/traces`, { method: 'POST', body: batch(traceId) })).status).to.equal(
        200,
      );
      await w.close();
      const r = await startCollector({ dbPath: db, storage: reader });
      try {
        expect(r.storage).to.equal(reader === 'native' ? 'better-sqlite3' : 'node-sqlite3-wasm');
        const found = r.events.export({
          filters: [{ field: 'trace_id', operator: 'is', value: traceId }],
          limit: 1,
        });
        expect(found.totalEvents, `${writer} → ${reader}`).to.equal(SPANS);
      } finally {
        await r.close();
      }
    }
  });
});
