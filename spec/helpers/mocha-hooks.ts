import * as sinon from 'sinon';
import { resetTracers } from '../../lib/tracer/TracerRegistry';
import { closeTrackedTracers } from './track-tracers';

/** Root hooks: every spec starts with no tracers and unpatched sinon. */
export const mochaHooks = {
  async afterEach(): Promise<void> {
    sinon.restore();
    await closeTrackedTracers();
    resetTracers();
  },
};
