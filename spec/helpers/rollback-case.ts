import { expect } from 'chai';
import type { Collector } from '../../lib/collector';

function body(service: string, names: string[]): string {
  const spans = names.map(
    (name, i) =>
      `{"traceId":"${'ab'.repeat(16)}","spanId":"${(i + 1 + names.length * 7).toString(16).padStart(16, '0')}","name":"${name}","startTimeUnixNano":"1795389538754000000","endTimeUnixNano":"1795389538755000000"}`,
  );
  return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"${service}"}},{"key":"deploy","value":{"stringValue":"blue"}}]},"scopeSpans":[{"scope":{"name":"rollback"},"spans":[${spans.join(',')}]}]}]}`;
}

/**
 * With the database set to refuse any event named `boom` (a trigger: a real fault in the
 * database), a request whose transaction rolls back after storing a new resource must not leave
 * the collector holding that resource's id: the next request with the same resource reads it back.
 */
export async function rollbackKeepsResources(collector: Collector): Promise<void> {
  const post = (text: string) =>
    fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
    });
  expect((await post(body('svc-rollback', ['first', 'boom']))).status).to.equal(500);
  expect(await post(body('svc-rollback', ['fine'])).then((r) => r.status)).to.equal(200);
  const { events } = collector.events.export({ project: 'svc-rollback' });
  const fine = events.find((e) => e.event_name === 'fine');
  expect(fine?.resource).to.deep.include({ 'service.name': 'svc-rollback', deploy: 'blue' });
  expect(
    events.find((e) => e.event_name === 'first'),
    'the rolled-back batch left nothing',
  ).to.equal(undefined);
}
