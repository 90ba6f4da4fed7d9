import { expect } from 'chai';
import {
  importCircles,
  importGraph,
  longFunctions,
  MAX_FUNCTION_LINES,
  sourceFiles,
  upwardImports,
} from '../../scripts/check-structure';

describe('the floor plan (scripts/check-structure.ts)', () => {
  const files = sourceFiles('lib');

  it('has no import circle in lib/, type-only imports included', () => {
    expect(files.length).to.be.above(100);
    expect(importCircles(importGraph(files)).map((c) => c.join(' → '))).to.deep.equal([]);
  });

  it('finds a circle when there is one, type-only or not', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCircles(graph)).to.deep.equal([['a.ts', 'b.ts', 'c.ts']]);
  });

  it("keeps the collector's wings one way: store ← ingest ← http ← viewer", () => {
    const graph = importGraph(files);
    expect(files.filter((f) => f.startsWith('lib/collector/store/')).length).to.be.above(5);
    expect(upwardImports(graph)).to.deep.equal([]);
    // and it sees one when there is one
    const upward = new Map([['lib/collector/store/a.ts', ['lib/collector/http/b.ts']]]);
    expect(upwardImports(upward)).to.deep.equal(['lib/collector/store/a.ts → lib/collector/http/b.ts']);
  });

  it(`has no function longer than ${MAX_FUNCTION_LINES} lines in lib/`, () => {
    expect(longFunctions(files).map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).to.deep.equal(
      [],
    );
  });
});
