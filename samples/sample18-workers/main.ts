/**
 * Sample 18: a Cloudflare Worker, locally. The worker (worker.ts) is bundled with esbuild as
 * wrangler bundles it and run in workerd through miniflare, with `nodejs_compat`; its spans reach
 * a local collector through `ctx.waitUntil` after the response. Runs offline.
 *   npx ts-node samples/sample18-workers/main.ts
 */
import { buildSync } from 'esbuild';
import { Miniflare } from 'miniflare';
import * as path from 'node:path';
import { startCollector } from '../../lib/collector';
import { printSessionTree } from '../demo/print-tree';

async function main(): Promise<void> {
  const collector = await startCollector({ port: 0, dbPath: ':memory:' });
  const bundle = buildSync({
    entryPoints: [path.join(__dirname, 'worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker'],
    write: false,
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: ['nodejs_compat'],
    bindings: { HH_API_URL: collector.url },
  });
  try {
    const res = await mf.dispatchFetch('http://worker.local/ask?q=life');
    console.log(`response ${res.status}: ${await res.text()}`);
    // the spans follow the response, through waitUntil
    let sessions = collector.events.listSessions({ project: 'worker-sample' }).sessions;
    for (let i = 0; i < 100 && sessions.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      sessions = collector.events.listSessions({ project: 'worker-sample' }).sessions;
    }
    for (const s of sessions) printSessionTree(collector.events, s.session_id);
  } finally {
    await mf.dispose();
    await collector.close();
  }
}

void main();
