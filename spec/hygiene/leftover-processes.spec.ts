import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { processesMarked, reapLeftovers, SPEC_RUN_ENV } from '../helpers/leftover-processes';

describe('the suite leaves no process running', () => {
  before(function () {
    if (process.platform !== 'linux') this.skip(); // /proc is how it looks; CI runs on Linux
  });

  it('finds a grandchild a spec left behind (as npx leaves `hivetrace serve`), and reaps it', async () => {
    const marker = 'leftover-check';
    // a shell that starts a sleeper in the background and exits: the sleeper is orphaned
    const shell = spawn('sh', ['-c', 'sleep 60 & echo $!'], {
      env: { ...process.env, [SPEC_RUN_ENV]: marker },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const pid = await new Promise<number>((resolve) =>
      shell.stdout.once('data', (d: Buffer) => resolve(Number(d))),
    );
    await new Promise((r) => shell.once('exit', r));
    expect(processesMarked(marker).map((p) => p.pid)).to.include(pid);
    const reaped = await reapLeftovers(marker, 0);
    expect(reaped.map((p) => p.pid)).to.include(pid);
    // SIGKILL lands at once, but the orphan's exit is seen by whoever adopted it
    for (let i = 0; i < 50 && processesMarked(marker).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(processesMarked(marker)).to.deep.equal([]);
  });

  it('sees the processes this suite starts through the inherited marker', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)'], { stdio: 'ignore' });
    await new Promise((r) => child.once('spawn', r));
    try {
      expect(processesMarked(process.env[SPEC_RUN_ENV]!).map((p) => p.pid)).to.include(child.pid);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    }
  });
});
