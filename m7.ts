import * as path from 'node:path';
import { loadFixture } from './spec/helpers/compile-fixture';
import { hivetracePipeline, startReceiver } from './bench/pipelines';
const fx = loadFixture<any>(path.join(__dirname, 'bench/fixtures/services.ts'), 'stage3');
const s3 = new fx.Calc();
async function main() {
  const rec = await startReceiver();
  const p = hivetracePipeline({ receiver: rec });
  for (let r = 0; r < 15; r++) {
    const t0 = process.hrtime.bigint();
    await p.run(async () => { for (let i = 0; i < 20000; i++) { s3.add(1, 2); if ((i & 1023) === 1023) await new Promise(r => setImmediate(r)); } });
    if (r > 10) console.log((Number(process.hrtime.bigint() - t0) / 20000 / 1000).toFixed(2), 'us/call');
  }
  await p.tracer.close(); rec.stop();
}
void main();
