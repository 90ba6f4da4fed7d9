import * as path from 'node:path';
import { loadFixture } from './spec/helpers/compile-fixture';
import { barePipeline, hivetracePipeline } from './bench/pipelines';
import { interleavedDelivered, yieldingLoop } from './bench/harness';
function makeDoc(bytes: number) {
  const sections: any[] = []; let size = 0;
  for (let i = 0; size < bytes; i++) { const s = { heading: `Section ${i}`, body: 'lorem ipsum dolor sit amet '.repeat(6), tags: ['a','b','c'], score: i / 7 }; sections.push(s); size += JSON.stringify(s).length; }
  return { id: 'doc-1', title: 'A document', sections };
}
const fx = loadFixture<any>(path.join(__dirname, 'bench/fixtures/services.ts'), 'stage3');
const s3 = new fx.Calc();
const d = makeDoc(10000);
const summarize = (x: any) => ({ id: x.id, sections: x.sections.length });
async function main() {
  const b = barePipeline(); const h = hivetracePipeline();
  const r = await interleavedDelivered({
    bareTwoJson: { run: async (n) => { await yieldingLoop(n, () => b.tracer.startActiveSpan('s', (span) => { span.setAttribute('input', JSON.stringify([d])); const r = summarize(d); span.setAttribute('output', JSON.stringify(r)); span.end(); return r; })); await b.provider.forceFlush(); }, delivered: b.delivered },
    ht: { run: (n) => h.run(() => yieldingLoop(n, () => s3.summarize(d))), delivered: h.delivered },
  }, 2000, 7);
  console.log(r, r.ht!.ns / r.bareTwoJson!.ns);
  await h.tracer.close();
}
void main();
