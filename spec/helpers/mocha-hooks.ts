import * as sinon from 'sinon';
import { resetTracers } from '../../lib/tracer/TracerRegistry';
import { markSuiteProcess, reapLeftovers } from './leftover-processes';
import { closeTrackedTracers } from './track-tracers';
import { stopPgCluster } from './pg-cluster';

const marker = markSuiteProcess();

/**
 * Root hooks: every spec starts with no tracers and unpatched sinon; the suite ends with no
 * process left that a spec started (any left is killed, and named in a failure).
 */
export const mochaHooks = {
  async afterEach(): Promise<void> {
    sinon.restore();
    await closeTrackedTracers();
    resetTracers();
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await stopPgCluster();
    const left = await reapLeftovers(marker);
    if (left.length > 0)
      throw new Error(
        `the suite left ${left.length} process(es) running (now killed):\n` +
          left.map((p) => `  ${p.pid} ${p.command}`).join('\n'),
      );
  },
};
