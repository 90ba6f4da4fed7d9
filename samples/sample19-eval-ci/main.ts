/**
 * Sample 19: experiments that gate a release. `hivetrace eval` runs faq.eval.ts twice into an
 * embedded local collector (a database in a temporary folder): the baseline, then a candidate
 * (FAQ_BOT=v2) checked against it with `--max-regression`. The candidate regresses two answers,
 * so the command exits 1 and its markdown report names the metric, the delta and the datapoints.
 * Runs offline.
 *   npx ts-node samples/sample19-eval-ci/main.ts
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-eval-sample-')), 'eval.db');

function hivetraceEval(args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      path.join(root, 'lib/cli/hivetrace.ts'),
      'eval',
      path.join(__dirname, 'faq.eval.ts'),
      '--db',
      db,
      ...args,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, HH_API_URL: '', HH_SERVER_URL: '', ...env } },
  );
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.status ?? 2;
}

console.log('$ hivetrace eval faq.eval.ts                       # the baseline');
console.log(`exit ${hivetraceEval([])}\n`);
console.log(
  '$ FAQ_BOT=v2 hivetrace eval faq.eval.ts --baseline faq-bot --max-regression exact_match=0.05 --reporter markdown',
);
console.log(
  `exit ${hivetraceEval(['--baseline', 'faq-bot', '--max-regression', 'exact_match=0.05', '--reporter', 'markdown'], { FAQ_BOT: 'v2' })}`,
);
