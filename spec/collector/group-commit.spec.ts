import { expect } from 'chai';
import { decodeOtlpSpans } from '../../lib/collector/ingest/decode-otlp';
import { GROUP_MAX_EVENTS, GroupCommit } from '../../lib/collector/ingest/GroupCommit';
import { spanToEvent } from '../../lib/collector/ingest/span-to-event';
import type { CollectorEvent } from '../../lib/collector/store/CollectorEvent';
import { openDatabase } from '../../lib/collector/store/database';
import { EventStore } from '../../lib/collector/store/EventStore';

/** The events of `count` spans of one trace, named `name-<i>` (a real OTLP body, decoded and mapped). */
function events(trace: number, count: number, name = 'span'): CollectorEvent[] {
  const spans = Array.from(
    { length: count },
    (_, i) =>
      `{"traceId":"${trace.toString(16).padStart(32, '0')}","spanId":"${(i + 1).toString(16).padStart(16, '0')}","name":"${name}-${i}","startTimeUnixNano":"1795389538754000000","endTimeUnixNano":"1795389538755000000"}`,
  );
  const body = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"group"}}]},"scopeSpans":[{"scope":{"name":"g"},"spans":[${spans.join(',')}]}]}]}`;
  return decodeOtlpSpans(Buffer.from(body), false).map(spanToEvent);
}

describe('GroupCommit', () => {
  const db = openDatabase(':memory:', 'native');
  const store = new EventStore(db);
  // a real fault in the database: any event named boom-… is refused, rolling its transaction back
  db.exec(
    "CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.event_name LIKE 'boom-%' BEGIN SELECT RAISE(ABORT, 'boom'); END;",
  );
  const transactions: number[] = [];
  const group = new GroupCommit((list) => {
    transactions.push(list.length);
    store.ingestSpans(list);
  });
  const stored = (trace: number) =>
    store
      .export({ project: 'group', limit: 10_000 })
      .events.filter((e) => e.trace_id?.endsWith(trace.toString(16).padStart(4, '0'))).length;
  after(() => db.close());
  beforeEach(() => (transactions.length = 0));

  it('writes the chunks queued in one turn in one transaction, resolving each once committed', async () => {
    await Promise.all([1, 2, 3, 4].map((t) => group.add(events(t, 100))));
    expect(transactions).to.deep.equal([400]);
    for (const t of [1, 2, 3, 4]) expect(stored(t)).to.equal(100);
  });

  it(`starts another transaction past ${GROUP_MAX_EVENTS} events, and takes a larger chunk alone`, async () => {
    await Promise.all([
      group.add(events(5, 1500)),
      group.add(events(6, 1500)),
      group.add(events(7, 2500)),
      group.add(events(8, 10)),
    ]);
    expect(transactions).to.deep.equal([1500, 1500, 2500, 10]);
    expect([5, 6, 7, 8].map(stored)).to.deep.equal([1500, 1500, 2500, 10]);
  });

  it('when a group rolls back, writes its requests again one by one: only the bad one fails', async () => {
    const results = await Promise.allSettled([
      group.add(events(9, 50)),
      group.add(events(10, 50, 'boom')),
      group.add(events(11, 50)),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(transactions).to.deep.equal([150, 50, 50, 50]);
    expect([9, 10, 11].map(stored)).to.deep.equal([50, 0, 50]);
  });
});
