import * as v8 from 'node:v8';
import * as vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const turn = () => new Promise((r) => setTimeout(r, 10));

/**
 * Runs full garbage collections until `done()` or the attempts run out. A turn of the event loop
 * separates `done()` from the next collection: `WeakRef.deref()` keeps its target alive until the
 * current job ends.
 */
export async function collectUntil(done: () => boolean, attempts = 30): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    await turn();
    gc();
    await turn();
    if (done()) return true;
  }
  return false;
}
