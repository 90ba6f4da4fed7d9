import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import type { SessionListResponse } from '../../lib/collector/viewer/viewer-api';
import { BULK, PRICES, postSpans, seedBulk, seedOtel } from '../helpers/viewer-data';
import type { SessionDetailResponse } from '../../lib/collector/viewer/viewer-api';

describe("the viewer's API", () => {
  let collector: Collector;
  const list = async (query: string): Promise<SessionListResponse> =>
    (await (await fetch(`${collector.url}/api/sessions?${query}`)).json()) as SessionListResponse;

  before(async () => {
    collector = await startCollector({ dbPath: ':memory:', prices: PRICES });
    await seedBulk(collector.url);
    await seedOtel(collector.url);
  });
  after(() => collector.close());

  it('pages with a total, in a stable order, past the last page empty', async () => {
    const pages = await Promise.all([1, 2, 3].map((p) => list(`project=bulk&limit=100&page=${p}`)));
    expect(pages.map((p) => [p.total, p.page, p.sessions.length])).to.deep.equal([
      [BULK, 1, 100],
      [BULK, 2, 100],
      [BULK, 3, 50],
    ]);
    expect(new Set(pages.flatMap((p) => p.sessions.map((s) => s.session_id))).size).to.equal(BULK);
    expect((await list('project=bulk&page=99')).sessions).to.deep.equal([]);
  });

  it('answers a bad sort, direction, time or page with a 400 naming it', async () => {
    for (const [query, word] of [
      ['sort=event_name;DROP', 'sort'],
      ['dir=sideways', 'dir'],
      ['from=yesterday', 'from'],
      ['page=0', 'page'],
    ]) {
      const res = await fetch(`${collector.url}/api/sessions?${query}`);
      expect(res.status, query).to.equal(400);
      expect(await res.text()).to.contain(word);
    }
    expect((await fetch(`${collector.url}/health`)).status).to.equal(200);
  });

  it('sums tokens and prices model calls; the revision moves with every write', async () => {
    const otel = (await list('project=otel')).sessions.find((s) => s.session_id === 'otel-session')!;
    expect([otel.total_tokens, otel.cost]).to.deep.equal([1500, 0.00036]);
    const before = ((await (await fetch(`${collector.url}/api/revision`)).json()) as { revision: number })
      .revision;
    await seedOtel(collector.url);
    const after = ((await (await fetch(`${collector.url}/api/revision`)).json()) as { revision: number })
      .revision;
    expect(after).to.be.greaterThan(before);
  });

  it("reads tokens from metadata (HoneyHive's SDKs) and prices a dated model by its longest prefix entry", async () => {
    const t = Date.now();
    await postSpans(collector.url, 'sdk-app', [
      {
        traceId: '21'.repeat(16),
        spanId: '22'.repeat(8),
        name: 'openai.chat',
        startMs: t,
        durationMs: 30,
        attributes: {
          'honeyhive.project': 'priced',
          'honeyhive.session_id': 'priced-1',
          honeyhive_event_type: 'model',
          'honeyhive_config.model': 'gpt-4o-mini-2024-07-18',
          'honeyhive_metadata.prompt_tokens': 1000,
          'honeyhive_metadata.completion_tokens': 1000,
        },
      },
    ]);
    const detail = (await (
      await fetch(`${collector.url}/api/sessions/priced-1`)
    ).json()) as SessionDetailResponse;
    // (1,000 × 0.15 + 1,000 × 0.6) per million, at gpt-4o-mini's entry
    expect([detail.tokens, detail.cost]).to.deep.equal([
      { prompt: 1000, completion: 1000, total: 2000 },
      0.00075,
    ]);
    const row = (await list('project=priced')).sessions[0]!;
    expect([row.total_tokens, row.cost]).to.deep.equal([2000, 0.00075]);
  });

  it('refuses a malformed prices file at start, naming the file, the model and the field', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hh-prices-')), 'prices.json');
    fs.writeFileSync(file, JSON.stringify({ 'gpt-4o': { input: 2.5, output: 'ten' } }));
    let error: Error | undefined;
    await startCollector({ dbPath: ':memory:', prices: file }).catch((e: Error) => (error = e));
    expect(error?.message).to.contain(file).and.contain('gpt-4o.output').and.contain('"ten"');
  });
});
