/**
 * The main job: `npm run demo`. Starts the local collector embedded (SQLite under .hivetrace/),
 * runs a small support-agent application that uses every hivetrace feature, prints what was
 * recorded and the viewer URL, and keeps serving until Ctrl-C (`--once` exits, for CI).
 *
 *   npm run demo                 # then open the printed URL
 *   npm run demo -- --once       # run, check, exit
 *   npm run demo -- --db /tmp/x.db --port 0
 *   npm run demo -- --keep       # append to the database of earlier runs (default: a fresh one)
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { HoneyHiveTracer, enrichSession, summaryTable } from '../../lib';
import type { Collector } from '../../lib/collector';
import { startCollector } from '../../lib/collector';
import { runExperiments } from './experiment';
import { startKnowledgeService } from './knowledge-service';
import { printSessionTree } from './print-tree';
import { SupportAgent } from './support-agent';

const CONVERSATIONS = [
  { userId: 'user-1', question: 'How do I reset my password?', rating: 5 },
  { userId: 'user-2', question: 'When is my plan billed?', rating: 4 },
  { userId: 'user-3', question: 'I want a refund for last month', rating: 1 },
];

async function start(port: number, dbPath: string): Promise<Collector> {
  try {
    return await startCollector({ port, dbPath });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    console.log(`port ${port} is busy; using a free one`);
    return startCollector({ port: 0, dbPath });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      once: { type: 'boolean', default: false },
      db: { type: 'string', default: '.hivetrace/traces.db' },
      keep: { type: 'boolean', default: false },
      port: { type: 'string' },
    },
  });
  // each run starts on a fresh database (three runs must not show every session three times),
  // unless asked to keep what earlier runs recorded
  if (!values.keep)
    for (const suffix of ['', '-wal', '-shm', '-journal', '.writer'])
      fs.rmSync(`${values.db}${suffix}`, { force: true });
  const collector = await start(Number(values.port ?? (values.once ? 0 : 4318)), values.db);
  const common = { apiKey: 'local', serverUrl: collector.url };
  const agentTracer = HoneyHiveTracer.init({
    ...common,
    project: 'support-agent',
    source: 'demo',
    sessionName: 'support-agent startup',
  });
  const kbTracer = HoneyHiveTracer.init({
    ...common,
    project: 'support-agent',
    source: 'kb-service',
    sessionName: 'kb-service',
  });
  const billingTracer = HoneyHiveTracer.init({
    ...common,
    project: 'billing',
    source: 'demo',
    sessionName: 'billing',
  });
  const kb = await startKnowledgeService(kbTracer);
  const agent = new SupportAgent(kb.url);

  const sessions: string[] = [];
  for (const c of CONVERSATIONS) {
    await agentTracer.withSession(
      { sessionName: `support chat ${c.userId}`, inputs: { question: c.question } },
      async (sessionId) => {
        sessions.push(sessionId);
        try {
          const reply = await agent.handle(c.userId, c.question);
          agentTracer.enrichSession({
            outputs: { reply },
            feedback: { rating: c.rating, helpful: c.rating >= 4 },
            metadata: { channel: 'web' },
          });
        } catch (err) {
          enrichSession({
            metadata: { channel: 'web', escalated: true, reason: (err as Error).message },
            feedback: { rating: c.rating },
          });
        }
      },
    );
  }
  const experiments = await runExperiments(agent, collector.url);
  const delivered = await Promise.all([agentTracer, kbTracer, billingTracer].map((t) => t.flush(10_000)));

  console.log('\nRecorded sessions:\n');
  const recorded = sessions.map((id) => printSessionTree(collector.events, id));
  console.log('');
  for (const e of experiments) console.log(`${summaryTable(e)}\n`);

  const problems: string[] = [];
  if (!delivered.every(Boolean)) problems.push('a tracer did not deliver everything');
  recorded.forEach((events, i) => {
    const sources = new Set(events.map((e) => e.source));
    if (!events.some((e) => e.event_name === 'SupportAgent.handle'))
      problems.push(`session ${i + 1} has no SupportAgent.handle`);
    if (!sources.has('kb-service')) problems.push(`session ${i + 1} has no span from the knowledge service`);
    const session = events.find((e) => e.event_type === 'session');
    if (!session?.user_properties?.user_id) problems.push(`session ${i + 1} has no user properties`);
    if (session?.feedback?.rating === undefined) problems.push(`session ${i + 1} has no feedback`);
  });
  if (!recorded[2]?.some((e) => e.error)) problems.push('the refund conversation recorded no error');
  if (collector.events.export({ project: 'billing' }).totalEvents === 0)
    problems.push('nothing recorded in the billing project');
  if (
    experiments.length !== 2 ||
    experiments.some((e) => collector.runs.getRun(e.runId)?.status !== 'completed')
  )
    problems.push('experiment runs missing');

  await kb.close();
  await Promise.all([agentTracer, kbTracer, billingTracer].map((t) => t.close()));
  if (problems.length > 0) {
    console.error(`demo check FAILED:\n  - ${problems.join('\n  - ')}`);
    await collector.close();
    process.exit(1);
  }
  console.log(`demo OK: ${sessions.length} sessions, ${experiments.length} experiment runs, 2 projects`);
  if (values.once) {
    await collector.close();
    return;
  }
  // the URL only now: with --once the collector is gone when the command ends
  console.log(`Viewer: ${collector.url}/  (serving; press Ctrl-C to stop)`);
  process.once('SIGINT', () => void collector.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => void collector.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
