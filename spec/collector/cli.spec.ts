import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MissingDependencyError, requireOptional } from '../../lib/collector/store/load-optional';

const root = path.join(__dirname, '../..');
const cli = (args: string[]) =>
  spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(root, 'lib/cli/hivetrace.ts'), ...args],
    { cwd: root },
  );

describe('hivetrace CLI', function () {
  this.timeout(120_000); // each case starts the CLI through ts-node: seconds apiece on a busy machine

  it('serve: listens, answers, loads datasets, and stops cleanly on SIGINT', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-cli-'));
    fs.writeFileSync(path.join(dir, 'qa.jsonl'), '{"inputs":{"q":"a"},"ground_truth":"A"}\n');
    const child = cli([
      'serve',
      '--port',
      '0',
      '--db',
      path.join(dir, 'traces.db'),
      '--dataset',
      path.join(dir, 'qa.jsonl'),
      '--api-key',
      'k',
    ]);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /collector on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect((await fetch(`${url}/health`)).status).to.equal(200);
    expect(out).to.match(/loaded dataset "qa" \([0-9a-f-]{36}\) from .*qa\.jsonl: 1 datapoint\(s\)/);
    expect(
      (
        (await fetch(`${url}/v1/datasets`, { headers: { authorization: 'Bearer k' } }).then((r) =>
          r.json(),
        )) as any
      ).datasets[0].name,
    ).to.equal('qa');
    expect((await fetch(`${url}/v1/datasets`)).status).to.equal(401);
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGINT');
    expect(await exited).to.equal(0);
  });

  it('rejects a bad port, and names an unknown command with the one meant', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; text: string }>((resolve) => {
        const c = cli(args);
        let text = '';
        c.stdout.on('data', (d: Buffer) => (text += d.toString()));
        c.stderr.on('data', (d: Buffer) => (text += d.toString()));
        c.once('exit', (code) => resolve({ code, text }));
      });
    const bad = await run(['serve', '--port', 'nope']);
    expect(bad.code).to.equal(1);
    expect(bad.text).to.contain('--port must be');
    for (const args of [
      ['serve', '--help'],
      ['serve', '-h'],
      ['dataset', 'load', '--help'],
      ['dataset', '-h'],
    ]) {
      const help = await run(args);
      expect(help.code, args.join(' ')).to.equal(0);
      expect(help.text, args.join(' ')).to.contain('Usage: hivetrace').and.contain('--db <path>');
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-cli-ds-'));
    fs.writeFileSync(path.join(dir, 'faq.json'), '[{"inputs":{"q":"a"}},{"inputs":{"q":"b"}}]');
    const db = path.join(dir, 'traces.db');
    const first = await run(['dataset', 'load', path.join(dir, 'faq.json'), '--db', db, '--storage', 'wasm']);
    const id = /\(([0-9a-f-]{36})\)/.exec(first.text)?.[1];
    expect(first.text).to.contain('loaded dataset "faq"').and.contain('2 datapoint(s)');
    const again = await run(['dataset', 'load', path.join(dir, 'faq.json'), '--db', db, '--storage', 'wasm']);
    expect(again.text).to.contain(`replaced dataset "faq" (${id})`);
    const missing = await run(['dataset', 'load', path.join(dir, 'nope.json'), '--db', db]);
    expect(missing.code).to.equal(1);
    expect(missing.text).to.contain(path.join(dir, 'nope.json'));
    const unknown = await run(['frobnicate']);
    expect(unknown.code).to.equal(2);
    expect(unknown.text).to.contain('unknown command "frobnicate"').and.contain('hivetrace serve');
    const typo = await run(['srve']);
    expect(typo.code).to.equal(2);
    expect(typo.text).to.contain('unknown command "srve" (did you mean "serve"?)');
  });
});

describe('optional collector dependencies', () => {
  it('say what to install when missing', () => {
    expect(() => requireOptional('hivetrace-no-such-package')).to.throw(
      MissingDependencyError,
      'npm install hivetrace-no-such-package',
    );
  });
});
