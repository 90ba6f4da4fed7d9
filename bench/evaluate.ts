/**
 * A 1,000-datapoint experiment with async work: the function takes 2 ms, each of three async
 * evaluators 3 ms. With `maxWorkers: 20`, at most 20 datapoints may run at once (each
 * datapoint's evaluators at once), so the run cannot beat 1,000 / 20 × (2 + 3) ms = 250 ms.
 * Prints the most datapoints seen at once (it must not pass the bound) and the wall time against
 * that floor. In test mode: the cost measured is hivetrace's, not a backend's.
 *   npm run bench:evaluate
 */
import { evaluate } from '../lib/evaluation/run-experiment';

const N = 1000;
const WORKERS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  let running = 0;
  let most = 0;
  let evaluatorsAtOnce = 0;
  let evaluating = 0;
  const judge = (name: string) =>
    Object.defineProperty(
      async (out: number) => {
        evaluatorsAtOnce = Math.max(evaluatorsAtOnce, ++evaluating);
        await sleep(3);
        evaluating--;
        return out % 2;
      },
      'name',
      { value: name },
    );
  const start = performance.now();
  const result = await evaluate(
    async (dp) => {
      most = Math.max(most, ++running);
      await sleep(2);
      running--;
      return Number(dp.inputs.n);
    },
    {
      name: 'bench',
      project: 'bench',
      testMode: true,
      printResults: false,
      maxWorkers: WORKERS,
      dataset: Array.from({ length: N }, (_, n) => ({ inputs: { n } })),
      evaluators: [judge('a'), judge('b'), judge('c')],
    },
  );
  const ms = performance.now() - start;
  const floor = (N / WORKERS) * (2 + 3);
  console.log(`datapoints: ${result.datapoints.length}, scored: ${result.metrics.a?.count}`);
  console.log(`most datapoints at once: ${most} (bound ${WORKERS}); evaluators at once: ${evaluatorsAtOnce}`);
  console.log(`wall time: ${ms.toFixed(0)} ms (floor ${floor} ms at the bound, ${(ms / floor).toFixed(2)}x)`);
  if (most > WORKERS) {
    console.error('FAIL: more datapoints ran at once than maxWorkers');
    process.exitCode = 1;
  }
}

void main();
