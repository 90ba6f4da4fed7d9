import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';

/** The two decorator modes the suite runs in. */
export type DecoratorMode = 'stage3' | 'legacy';
export const DECORATOR_MODES: readonly DecoratorMode[] = ['stage3', 'legacy'];

const cache = new Map<string, unknown>();

/**
 * Compiles a fixture with the TypeScript compiler in one decorator mode and loads it as a real
 * CommonJS module next to the source (so its relative imports of lib/ resolve to the same,
 * already loaded modules).
 */
export function loadFixture<T>(file: string, mode: DecoratorMode): T {
  const key = `${file}:${mode}`;
  if (cache.has(key)) return cache.get(key) as T;
  const source = fs.readFileSync(file, 'utf8');
  const legacy = mode === 'legacy';
  const out = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: false,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: legacy,
      emitDecoratorMetadata: legacy,
      esModuleInterop: true,
    },
  });
  const filename = file.replace(/\.ts$/, `.${mode}.js`);
  const m = new Module(filename, module);
  m.filename = filename;
  (m as unknown as { paths: string[] }).paths = (
    Module as unknown as { _nodeModulePaths(d: string): string[] }
  )._nodeModulePaths(path.dirname(file));
  (m as unknown as { _compile(code: string, f: string): void })._compile(out.outputText, filename);
  cache.set(key, m.exports);
  return m.exports as T;
}
