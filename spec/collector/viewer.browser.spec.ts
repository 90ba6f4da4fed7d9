import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Collector } from '../../lib/collector/start-collector';
import { startCollector } from '../../lib/collector/start-collector';
import {
  BULK,
  BULK_T0,
  PRICES,
  XSS,
  postSpans,
  seedBulk,
  seedOtel,
  seedRuns,
  seedTracer,
} from '../helpers/viewer-data';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshots of the hostile fixture go (docs/screenshots come from the demo: npm run screenshots). */
const SHOTS = path.join(__dirname, '..', 'output', 'viewer');

describe('viewer (headless Chromium)', function () {
  this.timeout(90_000);
  let collector: Collector;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let chatSession: string;
  const problems: string[] = [];
  const dialogs: string[] = [];

  const rows = () => page.locator('tr.session-row');
  const names = async () => page.locator('tr.session-row a.session-link').allInnerTexts();
  const pageInfo = () => page.locator('#page-info').innerText();
  /** Opens a hash route and waits for the view to be drawn. */
  const open = async (route: string, ready: string): Promise<void> => {
    const url = `${collector.url}/#${route}`;
    if (page.url() === url) await page.reload();
    else {
      // a hash change redraws in place: clear the old view so that only the new one can match
      if (page.url().startsWith(collector.url))
        await page.evaluate(() => document.getElementById('app')?.replaceChildren());
      await page.goto(url);
    }
    await page.locator(ready).first().waitFor();
  };
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `viewer-${name}.png`) });
  /** Nothing wider than the 1280 px window, no markup from data, no script from data. */
  const readable = async (): Promise<void> => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'page scrolls sideways at 1280 px').to.be.at.most(1280);
    expect(await page.locator('#app img, #app script, #app iframe').count()).to.equal(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).to.equal(undefined);
  };

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI)
        throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it with apt-get`);
      // say once why, and how to run them: a skip must never be silent
      console.log(
        `  (viewer browser specs skipped: no Chromium at ${CHROMIUM}. Install it, e.g. apt-get install chromium, or set CHROMIUM_PATH; in CI (CI=true) this is a failure.)`,
      );
      this.skip();
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    collector = await startCollector({ dbPath: ':memory:', prices: PRICES });
    await seedBulk(collector.url);
    await seedOtel(collector.url);
    chatSession = await seedTracer(collector.url);
    await seedRuns(collector.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: collector.url });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(collector.url)) problems.push(`request left the collector: ${r.url()}`);
    });
  });

  after(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('pages through 250 sessions, 50 at a time, each session once', async () => {
    await open('/?project=bulk', 'tr.session-row');
    expect(await pageInfo()).to.equal('1–50 of 250 · page 1 of 5');
    const seen: string[] = [];
    for (let p = 1; p <= 5; p++) {
      expect(await rows().count()).to.equal(50);
      seen.push(...(await names()));
      if (p < 5) {
        await page.locator('#next').click();
        await page.locator('#page-info', { hasText: `page ${p + 1} of 5` }).waitFor();
      }
    }
    expect(await page.locator('#next').isDisabled()).to.equal(true);
    expect(new Set(seen).size).to.equal(BULK);
    expect(seen[0]).to.equal('bulk 249'); // newest first
    expect(seen[BULK - 1]).to.equal('bulk 000');
    await page.locator('#page-size').selectOption('100');
    await page.locator('#page-info', { hasText: 'page 1 of 3' }).waitFor();
    expect(await rows().count()).to.equal(100);
    await readable();
  });

  it('sorts by any column, both ways', async () => {
    await open('/?project=bulk', 'tr.session-row');
    await page.locator('button.sort[data-sort="event_name"]').click();
    await page.locator('th[aria-sort="ascending"] button[data-sort="event_name"]').waitFor();
    expect((await names())[0]).to.equal('bulk 000');
    await page.locator('button.sort[data-sort="event_name"]').click();
    await page.locator('th[aria-sort="descending"] button[data-sort="event_name"]').waitFor();
    expect((await names())[0]).to.equal('bulk 249');
    await page.locator('button.sort[data-sort="duration"]').click();
    await page.locator('th[aria-sort="ascending"] button[data-sort="duration"]').waitFor();
    const durations = await page.locator('tr.session-row td:nth-child(6)').allInnerTexts();
    expect(durations.slice(0, 3)).to.deep.equal(['1.00 ms', '2.00 ms', '3.00 ms']);
    await page.goto(`${collector.url}/#/?sort=total_tokens&dir=desc`);
    await page.locator('th[aria-sort="descending"] button[data-sort="total_tokens"]').waitFor();
    expect(await rows().first().getAttribute('data-session')).to.equal('otel-session');
  });

  it('filters by project, source, user, event type, errors, time range and free text; hides empty sessions', async () => {
    await open('/', 'tr.session-row');
    await page.locator('#project-filter').selectOption('otel');
    await page.locator('#page-info', { hasText: 'of 2 ·' }).waitFor();
    expect(await names()).to.have.members([`agent turn ${XSS}`, 'earlier request']);

    await open('/', 'tr.session-row');
    await page.locator('#source-filter').selectOption('batch');
    await page.locator('#page-info', { hasText: 'of 250 ·' }).waitFor();

    await open('/', 'tr.session-row');
    await page.locator('#user-filter').selectOption('u-42');
    await page.locator('#page-info', { hasText: 'of 1 ·' }).waitFor();
    expect(await rows().first().getAttribute('data-session')).to.equal(chatSession);

    await open('/', 'tr.session-row');
    await page.locator('#type-filter').selectOption('model');
    await page.locator('#page-info', { hasText: 'of 2 ·' }).waitFor();
    expect(await rows().evaluateAll((r) => r.map((x) => x.getAttribute('data-session')))).to.have.members([
      'otel-session',
      chatSession,
    ]);

    await open('/', 'tr.session-row');
    await page.locator('#errors-only').check();
    await page.locator('#page-info', { hasText: 'of 2 ·' }).waitFor();
    for (const n of await page.locator('tr.session-row td:nth-child(8)').allInnerTexts())
      expect(Number(n)).to.be.greaterThan(0);

    await open('/', 'tr.session-row');
    await page.locator('#range').selectOption('custom');
    await page.locator('#from').fill('2026-11-20T10:00');
    await page.waitForURL(/from=/);
    await page.locator('#to').fill('2026-11-20T10:09');
    await page.locator('#page-info', { hasText: 'of 10 ·' }).waitFor();
    expect(await names()).to.include.members(['bulk 000', 'bulk 009']);
    expect(await page.locator('#from').inputValue()).to.equal('2026-11-20T10:00');
    expect(Number(new URL(page.url().replace('#/', '')).searchParams.get('from'))).to.equal(BULK_T0);

    await open('/', 'tr.session-row');
    await page.locator('#range').selectOption('1h');
    await page.waitForURL(/range=1h/);
    // the list reloads after the URL changes: wait for the filtered one, not the list before it
    await page.waitForFunction(
      () => ![...document.querySelectorAll('tr.session-row')].some((r) => r.textContent?.includes('bulk')),
      undefined,
      { timeout: 15_000 },
    );
    await rows().first().waitFor();
    const recent = await names(); // the bulk sessions are days old
    expect(recent).to.include(`chat ${XSS}`);
    expect(recent.filter((n) => n.startsWith('bulk'))).to.deep.equal([]);

    await open('/', 'tr.session-row');
    await page.locator('#search').fill('needle-in-output');
    await page.locator('#search').press('Enter');
    await page.locator('#page-info', { hasText: 'of 1 ·' }).waitFor();
    expect(await rows().first().getAttribute('data-session')).to.equal('otel-session');

    await open('/?project=viewer-test', 'tr.session-row');
    expect(await names()).to.deep.equal([`chat ${XSS}`]);
    // what went in and came out under the name, and the feedback in a column of its own
    const chat = rows().first();
    expect(await chat.locator('.preview').innerText()).to.equal(
      `weather in Paris? ${XSS} → sunny, 21 degrees`,
    );
    expect((await chat.locator('td').allInnerTexts()).at(-1)).to.equal('rating 5, helpful true');
    expect(await page.locator('#sessions thead th').last().innerText()).to.equal('Feedback');
    await page.locator('#show-empty').check();
    await page.locator('#page-info', { hasText: 'of 2 ·' }).waitFor();
    expect(await names()).to.include('empty start');
    await readable();
    await page.goto(`${collector.url}/#/`);
    await rows().first().waitFor();
    await shot('sessions');
  });

  it('refreshes live: a new session, then a new span in an open session, appear without reloading', async () => {
    await open('/?project=live&empty=1', '#sessions td.empty');
    await page.evaluate(() => ((window as unknown as { __same?: boolean }).__same = true));
    const t = Date.now();
    await postSpans(collector.url, 'live-service', [
      {
        traceId: '11'.repeat(16),
        spanId: '12'.repeat(8),
        name: 'arrived live',
        startMs: t,
        durationMs: 5,
        attributes: { 'honeyhive.project': 'live', 'honeyhive.session_id': 'live-1' },
      },
    ]);
    await page.locator('tr.session-row', { hasText: 'arrived live' }).waitFor({ timeout: 10_000 });
    await page.locator('tr.session-row a.session-link').first().click();
    await page.locator('#tree .node').nth(1).waitFor();
    await postSpans(collector.url, 'live-service', [
      {
        traceId: '11'.repeat(16),
        spanId: '13'.repeat(8),
        parentSpanId: '12'.repeat(8),
        name: 'a later step',
        startMs: t + 1,
        durationMs: 2,
        attributes: { 'honeyhive.project': 'live', 'honeyhive.session_id': 'live-1' },
      },
    ]);
    await page.locator('#tree .node', { hasText: 'a later step' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).to.equal(true);
  });

  it('shows each tool call with its result inside the conversation, and the time to first token', async () => {
    await open('/session/otel-session', '#tree .node');
    await page.locator('#tree .node', { hasText: 'answer from gpt-4o-mini' }).click();
    const model = page.locator('[data-panel="model"]');
    await model.waitFor();
    expect(await model.innerText())
      .to.contain('First token')
      .and.contain('250 ms');
    const messages = page.locator('[data-panel="messages"] .message');
    // the tool message is shown under the call it answers, not on its own
    expect(await messages.evaluateAll((m) => m.map((x) => x.getAttribute('data-role')))).to.deep.equal([
      'user',
      'assistant',
      'assistant',
    ]);
    const call = page.locator('[data-panel="messages"] .message[data-role="assistant"] .tool-call');
    expect(await call.locator('.tool-name').first().innerText())
      .to.contain('get_weather')
      .and.contain('call-1');
    expect(await call.locator('.tool-result pre').innerText()).to.equal(`Paris: rain ${XSS}`);
    expect(await page.locator('[data-panel="messages"] .message').last().innerText()).to.contain(
      'Take an umbrella.',
    );
  });

  it('renders a model call as messages by role, with model, parameters, tokens, latency and cost', async () => {
    await open('/session/otel-session', '#tree .node');
    await page.locator('#tree .node', { hasText: 'chat gpt-4o-mini' }).click();
    const model = page.locator('[data-panel="model"]');
    await model.waitFor();
    const facts = await model.innerText();
    expect(facts).to.contain('gpt-4o-mini').and.contain('openai').and.contain('420 ms');
    expect(facts).to.contain('1,200 prompt · 300 completion · 1,500 total');
    expect(facts).to.contain('temperature=0.3').and.contain('max_tokens=256');
    // 1,200 × 0.15 + 300 × 0.6 per million = 0.00036
    expect(facts).to.contain('$0.00036');
    const roles = await page
      .locator('[data-panel="messages"] .message')
      .evaluateAll((m) => m.map((x) => x.getAttribute('data-role')));
    expect(roles).to.deep.equal(['system', 'user', 'assistant']);
    expect(await page.locator('.message[data-role="system"] .content').innerText()).to.equal(
      `You are terse. ${XSS}`,
    );
    expect(await page.locator('.message[data-role="user"] .content').innerText()).to.equal(
      `What is the weather in Paris? ${XSS}`,
    );
    expect(await page.locator('.message[data-role="assistant"] .tool-name').innerText()).to.contain(
      `get_weather ${XSS}`,
    );
    expect(await page.locator('.message[data-role="assistant"] .tool-call pre').innerText()).to.contain(
      '"city"',
    );
    expect(await page.locator('#session-tokens').innerText()).to.equal(
      '1,500 (1,200 prompt, 300 completion)',
    );
    expect(await page.locator('#session-cost').innerText()).to.equal('$0.00036');
    // the span's service
    expect(
      await page.locator('#tree .node', { hasText: 'chat gpt-4o-mini' }).locator('.service').innerText(),
    ).to.contain('otel-viewer');
    await readable();
    await shot('model-call');
    // the list shows the same totals
    await open('/?project=otel', 'tr.session-row');
    const row = await page.locator('tr.session-row[data-session="otel-session"] td').allInnerTexts();
    expect(row[8]).to.equal('1,500');
    expect(row[9]).to.equal('$0.00036');
  });

  it("shows an exception's type, message and stack, and links: stored ones open their span", async () => {
    await open('/session/otel-session', '#tree .node');
    await page.locator('#tree .node', { hasText: 'get_weather' }).click();
    const exception = page.locator('[data-panel="span_events"] .exception');
    expect(await exception.locator('.err').innerText()).to.contain(`FetchError: connect ECONNREFUSED ${XSS}`);
    expect(await exception.locator('.stack').innerText()).to.contain('at getWeather (tools/weather.ts:12:9)');
    expect(await page.locator('[data-panel="error"] pre').innerText()).to.contain(
      `weather service down ${XSS}`,
    );
    await page.locator('#tree .node').nth(1).click();
    const links = page.locator('[data-panel="links"] .link');
    expect(await links.count()).to.equal(2);
    expect(await links.nth(1).innerText()).to.contain('not stored here');
    await links.nth(0).locator('a.link-target').click();
    await page.locator('#session-header', { hasText: 'earlier request' }).waitFor();
    expect(await page.locator('#tree .node.selected').innerText()).to.contain('earlier request');
    expect(page.url()).to.contain('/session/linked-session?event=');
  });

  it('copies every id: session, event, trace and span', async () => {
    await open(`/session/${chatSession}`, '#tree .node');
    // a hivetrace span's service is its tracer's source, not the project every service shares
    expect(
      await page.locator('#tree .node', { hasText: 'answer' }).first().locator('.service').innerText(),
    ).to.equal(' dev');
    await page.locator('#session-stats button.copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(chatSession);
    await page.locator('#tree .node', { hasText: 'answer' }).click();
    const ids = page.locator('#detail .facts button.copy');
    expect(
      await ids.evaluateAll((b) =>
        b.map((x) => x.getAttribute('aria-label')?.split(' ').slice(0, 3).join(' ')),
      ),
    ).to.deep.equal(['Copy event id', 'Copy session id', 'Copy trace id', 'Copy span id']);
    for (const b of await ids.all()) {
      await b.click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(
        await b.getAttribute('data-copy'),
      );
    }
  });

  it('is usable with the keyboard: a session from the list, the tree with arrow keys', async () => {
    await open('/?project=viewer-test', 'tr.session-row');
    await page.locator('#search').focus();
    // Tab through the filters to the first session's link, then Enter
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('session-link'))) break;
    }
    await page.keyboard.press('Enter');
    await page.locator('#tree .node').first().waitFor();
    await page.locator('#tree .node').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).to.equal('true');
    expect(await page.locator('#detail h2').innerText()).to.contain('answer');
    await page.keyboard.press('End');
    expect(await page.locator('#detail h2').innerText()).to.contain('failing step');
    expect(await page.locator('[data-panel="error"] pre').innerText()).to.contain(XSS);
    await page.keyboard.press('Home');
    expect(await page.locator('#detail [data-panel="user_properties"] pre').innerText()).to.contain(
      '"user_id": "u-42"',
    );
    await readable();
    await shot('session');
  });

  it('names runs with their date, rounds numbers, and compares two runs datapoint by datapoint', async () => {
    await open('/runs', 'tr.run-row');
    expect(await page.locator('tr.run-row').count()).to.equal(2);
    const legend = await page.locator('.legend li').allInnerTexts();
    expect(legend).to.have.length(2);
    for (const l of legend) expect(l).to.match(/ · \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d$/);
    expect(legend.join()).to.contain(`baseline ${XSS}`);
    expect(await page.locator('#runs').innerText()).to.contain('score <img src=x onerror=alert(1)>: 0.185');
    await page.locator('tr.run-row a.run-link', { hasText: 'baseline' }).click();
    await page.locator('#aggregates').waitFor();
    const agg = await page.locator('#aggregates').innerText();
    expect(agg).to.contain('0.185').and.not.contain('0.1849999');
    expect(await page.locator('#datapoints').innerText()).to.contain(JSON.stringify({ answer: `a1 ${XSS}` }));
    await readable();

    // pass rates to one decimal (2 of 3 is 66.7%, not 66.667%)
    for (const rate of (await page.locator('#aggregates').innerText()).match(/[\d.]+%/g) ?? [])
      expect(rate).to.match(/^\d+(\.\d)?%$/);

    await open('/runs', 'tr.run-row');
    // scores share one 0–1 axis: a bar's height is its value times the same scale, whatever the metric
    const bars = await page.locator('svg rect').evaluateAll((rects) =>
      rects.map((r) => ({
        h: Number(r.getAttribute('height')),
        v: Number(/ ([\d.]+)$/.exec(r.querySelector('title')?.textContent ?? '')?.[1]),
      })),
    );
    const scores = bars.filter((b) => b.v > 0 && b.v <= 1);
    expect(scores.length).to.be.above(2);
    for (const b of scores) expect(b.h / b.v).to.be.closeTo(scores[0]!.h / scores[0]!.v, 0.5);
    // a one-word header is never broken inside its word
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll('th')]
        .filter((th) => th.textContent && !/\s/.test(th.textContent.trim()))
        .filter((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        })
        .map((th) => th.textContent),
    );
    expect(broken).to.deep.equal([]);
    expect(await page.locator('#compare').isDisabled()).to.equal(true);
    // keyboard: Space picks, Enter compares
    for (const box of await page.locator('input.pick').all()) {
      await box.focus();
      await page.keyboard.press('Space');
    }
    await page.locator('#compare').focus();
    await page.keyboard.press('Enter');
    await page.locator('#compare tr.compare-row').first().waitFor();
    expect(await page.locator('#compare tr.compare-row').count()).to.equal(3);
    // the regressed datapoints first, marked; repetitions shown with their spread
    const order = await page
      .locator('#compare tr.compare-row')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-datapoint'), r.classList.contains('regressed')]),
      );
    expect(order.map(([, worse]) => worse)).to.deep.equal([true, true, false]);
    expect(String(order[2]![0])).to.not.equal(order[0]![0]);
    const q1 = await page.locator('#compare tr.compare-row', { hasText: 'q1' }).innerText();
    expect(q1).to.contain('regressed').and.contain('(0–1, ×2)');
    const q2 = await page.locator('#compare tr.compare-row', { hasText: 'q2' }).locator('td').allInnerTexts();
    expect(q2).to.include('{"answer":"a2"}'); // the ground truth
    expect(q2).to.include('{"result":"a2"}'); // the candidate's output, highlighted as a difference
    expect(
      await page.locator('#compare tr.compare-row', { hasText: 'q2' }).locator('td.diff').count(),
    ).to.be.greaterThan(0);
    expect(await page.locator('#compare td.diff.up').count()).to.be.greaterThan(0);
    const deltas = (await page.locator('#compare td.diff.up .delta').allInnerTexts()).map((d) => d.trim());
    expect(deltas).to.include.members(['+0.015', '+1']);
    const heads = await page.locator('#compare thead th').allInnerTexts();
    expect(heads.filter((h) => h.startsWith('output'))).to.have.length(2);
    expect(await page.locator('#compare-aggregates').innerText()).to.contain('0.333');
    expect(await page.locator('.legend li').count()).to.equal(2);
    await readable();
    await shot('compare');
  });

  it('rendered every hostile payload as text: no element made, no script run, no dialog', async () => {
    expect(dialogs).to.deep.equal([]);
    await open(`/session/${chatSession}`, '#tree .node');
    expect(await page.locator('#session-header h1').innerText()).to.contain(`chat ${XSS}`);
    for (const node of await page.locator('#tree .node').all()) {
      await node.click();
      await readable();
    }
    expect(await page.locator('#detail').innerText()).to.contain(XSS);
  });

  it('logged no console errors and made no request outside the collector', () => {
    expect(problems).to.deep.equal([]);
  });
});
