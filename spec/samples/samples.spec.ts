import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { startCollector } from '../../lib/collector/start-collector';
import { pgCluster } from '../helpers/pg-cluster';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');

async function runSample(file: string, args: string[] = []): Promise<string> {
  // a sample with its own tsconfig.json (NestJS: experimentalDecorators) is compiled with it
  const own = path.join(root, path.dirname(file), 'tsconfig.json');
  const { stdout } = await run(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(root, file), ...args],
    {
      cwd: root,
      env: { ...process.env, HH_API_KEY: '', ...(fs.existsSync(own) ? { TS_NODE_PROJECT: own } : {}) },
      timeout: 60_000,
    },
  );
  return stdout;
}

describe('samples and the demo (run as users run them)', function () {
  this.timeout(90_000);

  it('npm run demo -- --once: records sessions, a distributed call, two projects, experiments, and says so', async () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-demo-')), 'traces.db');
    const out = await runSample('samples/demo/main.ts', ['--once', '--db', db]);
    expect(out).to.match(/● support chat user-1 +user=\{"user_id":"user-1","plan":"premium"\}/);
    expect(out).to.contain('GET /search [chain, kb-service]');
    expect(out).to.contain('✗ Error: refunds need a human');
    expect(out).to.contain('Experiment "faq-answers"');
    // --once: the collector is gone when the command ends, so no viewer URL is printed
    expect(out).to.not.contain('Viewer:');
    expect(out).to.contain('demo OK: 3 sessions, 2 experiment runs, 2 projects');
    expect(fs.existsSync(db)).to.equal(true);
    // the last child of each node is drawn with └─, and a run starts on a fresh database
    expect(out).to.match(/└─ /);
    const stored = async () => {
      const c = await startCollector({ dbPath: db });
      const n = c.events.listSessions({ project: 'support-agent', empty: '1' }).total;
      await c.close();
      return n;
    };
    const once = await stored();
    expect(once).to.be.above(2);
    await runSample('samples/demo/main.ts', ['--once', '--db', db]);
    expect(await stored(), 'a second run starts afresh').to.equal(once);
    await runSample('samples/demo/main.ts', ['--once', '--db', db, '--keep']);
    expect(await stored(), '--keep appends').to.equal(2 * once);
  });

  const samples: Array<[string, RegExp]> = [
    ['samples/sample1-quickstart/main.ts', /answer=42 session=[0-9a-f-]{36} delivered=true/],
    ['samples/sample2-user-properties/main.ts', /"user_properties":\{"user_id":"user_12345"/],
    ['samples/sample3-sessions/main.ts', /answer → session alice[\s\S]*answer → session bob/],
    [
      'samples/sample4-traced-service/main.ts',
      /KnowledgeBase\.search +tool +inputs=\{"query":"password reset"\} metrics=\{"hits":2\}/,
    ],
    ['samples/sample5-streaming/main.ts', /state=completed[\s\S]*state=cancelled/],
    ['samples/sample6-distributed/main.ts', /agent +GET \/answer/],
    ['samples/sample7-session-id/main.ts', /same session: true; same trace: false/],
    [
      'samples/sample8-lambda/main.ts',
      /statusCode: 200[\s\S]*call the function \[tool[\s\S]*└─ answer-fn \[chain/,
    ],
    [
      'samples/sample18-workers/main.ts',
      /response 200: 42 is the answer to "life"[\s\S]*GET \/ask \[chain[\s\S]*└─ Answers\.lookup \[tool/,
    ],
    [
      'samples/sample9-delivery/main.ts',
      /healthy: delivered=true started=5000 exported=5000 dropped=0[\s\S]*backend down: delivered=false started=500 dropped=400 failed=100/,
    ],
    [
      'samples/sample10-any-client/main.ts',
      /chat gpt-4o-mini \[model, CLIENT, OK\][\s\S]*"total_tokens":15[\s\S]*exception: retrying once/,
    ],
    [
      'samples/sample13-ai-sdk/main.ts',
      /weather-answer \[chain[\s\S]*step 1 \[chain[\s\S]*get_weather \[tool[\s\S]*system → user → assistant → tool ⇒ "Answer: Lisbon: sunny, 24°C"/,
    ],
    [
      'samples/sample14-langchain/main.ts',
      /ChatOpenAI \[model[\s\S]*ChatOpenAI gpt-4o-mini: system → user ⇒ "echo: Is Lisbon sunny\?"/,
    ],
    ['samples/sample15-openai/main.ts', /OpenAI Responses gpt-4o-mini: user ⇒ "echo: Is Lisbon sunny\?"/],
    [
      'samples/sample16-anthropic/main.ts',
      /claude-sonnet-4-5-20250929: user ⇒ "echo: Is Lisbon sunny\?"[\s\S]*\$0\.0001002/,
    ],
    [
      'samples/sample17-openai-agents/main.ts',
      /Weather agent \[chain[\s\S]*get_weather \[tool[\s\S]*calls get_weather\(\{"city":"Lisbon"\}\)/,
    ],
    [
      'samples/sample12-nestjs/main.ts',
      /GET \/orders\/7 → \{ id: 7, status: 'shipped' \}[\s\S]*session "GET \/orders\/:id"\n  GET \/orders\/:id \[chain\]\n    └─ OrdersService\.find \[tool\]/,
    ],
    [
      'samples/sample11-ab-test/main.ts',
      /variant A \(control\): 10 answers, mean rating 3\.0\s+variant B \(treatment\): 10 answers, mean rating 5\.0/,
    ],
  ];
  it('sample20-team-collector runs two nodes on one PostgreSQL database', async function () {
    const cluster = await pgCluster();
    if (!cluster) return this.skip(); // PostgreSQL not installed here; in CI pgCluster() fails instead
    const out = await runSample('samples/sample20-team-collector/main.ts', [await cluster.createDatabase()]);
    expect(out).to.contain('enriched through node B: 200');
    expect(out).to.match(/node A \(pg\): session \S+ with 1 event\(s\), metadata \{"reviewed_by":"node B"\}/);
    expect(out).to.match(/node B \(pg\): session \S+ with 1 event\(s\), metadata \{"reviewed_by":"node B"\}/);
  });

  for (const [file, expected] of samples) {
    it(`${path.basename(path.dirname(file))} runs`, async () => {
      expect(await runSample(file)).to.match(expected);
    });
  }
});
