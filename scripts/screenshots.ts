/**
 * `npm run screenshots`: the pictures in docs/screenshots, made from what a user meets first: the
 * demo's data (`npm run demo`), in headless Chromium at 1280 px. The viewer's browser spec keeps
 * its own screenshots of the hostile-input fixture in spec/output/viewer.
 *
 *   npm run screenshots                       (CHROMIUM_PATH to use another browser)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { startCollector } from '../lib/collector';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs the demo once into a database of its own and answers the file. */
function demoDatabase(): string {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-shots-')), 'traces.db');
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'samples/demo/main.ts', '--once', '--db', db],
    { cwd: ROOT, stdio: 'ignore' },
  );
  return db;
}

async function shoot(page: Page, url: string): Promise<void> {
  const open = async (route: string, ready: string) => {
    await page.goto(`${url}/#${route}`);
    await page.locator(ready).first().waitFor();
  };
  const shot = (name: string) => page.screenshot({ path: path.join(OUT, `viewer-${name}.png`) });

  await open('/', 'tr.session-row');
  await shot('sessions');

  await page.locator('tr.session-row a.session-link', { hasText: 'support chat user-1' }).first().click();
  await page.locator('#tree .node').first().waitFor();
  await shot('session');

  await page.locator('#tree .node', { hasText: 'SupportAgent.generate' }).first().click();
  await page.locator('[data-panel="messages"]').waitFor();
  await shot('model-call');

  await open('/runs', 'tr.run-row');
  for (const box of await page.locator('input.pick').all()) await box.check();
  await page.locator('#compare').click();
  await page.locator('#compare tr.compare-row').first().waitFor();
  await shot('compare');
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const db = demoDatabase();
  const collector = await startCollector({ dbPath: db, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-US' });
    await shoot(await context.newPage(), collector.url);
    console.log(`screenshots of the demo's data written to ${path.relative(ROOT, OUT)}/`);
  } finally {
    await browser.close();
    await collector.close();
    fs.rmSync(path.dirname(db), { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
