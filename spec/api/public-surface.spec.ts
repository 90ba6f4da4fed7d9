import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as hivetrace from '../../lib';
import { HoneyHiveTracer } from '../../lib/tracer/HoneyHiveTracer';

const ROOT = path.resolve(__dirname, '../..');
const report = JSON.parse(fs.readFileSync(path.join(__dirname, 'public-surface.json'), 'utf8')) as {
  exports: string[];
  types: string[];
  tracer: string[];
  tracerStatics: string[];
};
const BUILT_IN_STATICS = ['length', 'name', 'prototype'];

describe('the public surface', () => {
  it('exports exactly the names the surface report lists', () => {
    expect(Object.keys(hivetrace).sort()).to.deep.equal([...report.exports].sort());
  });

  it('exports exactly the types the surface report lists (nothing internal leaks through a type)', function () {
    this.timeout(60_000);
    const entry = path.join(ROOT, 'lib', 'index.ts');
    const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true, types: [] });
    const checker = program.getTypeChecker();
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const all = checker.getExportsOfModule(module).map((s) => s.name);
    const values = new Set(Object.keys(hivetrace));
    expect(all.filter((n) => !values.has(n)).sort()).to.deep.equal([...report.types].sort());
  });

  it('shows exactly the HoneyHiveTracer members the report lists, and nothing on an instance', () => {
    const members = Object.getOwnPropertyNames(HoneyHiveTracer.prototype).filter((n) => n !== 'constructor');
    expect(members.sort()).to.deep.equal([...report.tracer].sort());
    expect(Object.getOwnPropertySymbols(HoneyHiveTracer.prototype)).to.deep.equal([Symbol.asyncDispose]);
    const statics = Object.getOwnPropertyNames(HoneyHiveTracer).filter((n) => !BUILT_IN_STATICS.includes(n));
    expect(statics.sort()).to.deep.equal([...report.tracerStatics].sort());
    const tracer = HoneyHiveTracer.init({ project: 'surface', testMode: true });
    expect(Reflect.ownKeys(tracer)).to.deep.equal([]); // settings, capturer, client… are not reachable
    void tracer.close();
  });

  it('lists no HoneyHiveTracer member that docs/tracer.md does not name', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'tracer.md'), 'utf8');
    const named = new Set([...text.matchAll(/tracer\.(\w+)/g)].map((m) => m[1]));
    for (const m of report.tracer) expect(named.has(m), `tracer.${m} in docs/tracer.md`).to.equal(true);
    for (const s of report.tracerStatics) expect(text).to.contain(`HoneyHiveTracer.${s}`);
  });
});
