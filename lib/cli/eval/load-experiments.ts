import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExperimentDefinition } from '../../evaluation/define-experiment';
import { getEvaluateOptions } from '../../evaluation/Evaluate';
import type { EvaluateOptions } from '../../evaluation/EvaluateOptions';
import type { ExperimentResult } from '../../evaluation/ExperimentResult';
import { evaluate } from '../../evaluation/run-experiment';

/** An experiment found in a file, ready to run with the command line's overrides. */
export interface LoadedExperiment {
  readonly name: string;
  readonly file: string;
  run(overrides: EvaluateOptions): Promise<ExperimentResult>;
}

const TS = /\.[cm]?tsx?$/;

/** TypeScript files load through the project's ts-node (registered once), as the spec suite runs them. */
function ensureTypeScript(file: string): void {
  if (!TS.test(file) || require.extensions['.ts']) return;
  let tsNode: { register(options: object): unknown };
  try {
    const where = require.resolve('ts-node', { paths: [process.cwd(), path.dirname(file)] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own ts-node, found at run time
    tsNode = require(where) as typeof tsNode;
  } catch {
    throw new Error(
      `${file} is TypeScript: install ts-node in the project (npm i -D ts-node typescript), or point hivetrace eval at compiled JavaScript`,
    );
  }
  tsNode.register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
}

/** A module's exports: `require` for CommonJS and TypeScript, a real `import()` for `.mjs`. */
async function load(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.mjs')) {
    const dynamicImport = new Function('u', 'return import(u)') as (
      u: string,
    ) => Promise<Record<string, unknown>>;
    return dynamicImport(pathToFileURL(file).href);
  }
  ensureTypeScript(file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the user's experiment file
  return require(file) as Record<string, unknown>;
}

/** The experiments one export holds: a `defineExperiment` object, or a class with `@Evaluate` methods. */
function experimentsOf(value: unknown, file: string): LoadedExperiment[] {
  if (isExperimentDefinition(value)) {
    const { run, ...options } = value;
    return [{ name: value.name, file, run: (o) => evaluate(run, { ...options, ...o }) }];
  }
  if (typeof value !== 'function' || !value.prototype) return [];
  const Class = value as new () => object;
  return Object.getOwnPropertyNames(Class.prototype).flatMap((method) => {
    const fn = (Class.prototype as Record<string, unknown>)[method];
    const declared = method === 'constructor' ? undefined : getEvaluateOptions(fn);
    if (!declared) return [];
    const name = declared.name ?? method;
    return [
      { name, file, run: (o: EvaluateOptions) => evaluate(new Class(), method as never, { name, ...o }) },
    ];
  });
}

/**
 * Loads every experiment the files export (default or named exports, each once), those whose
 * name contains `filter` when one is given. Throws naming a file that cannot be loaded or that
 * holds no experiment.
 */
export async function loadExperiments(
  files: readonly string[],
  filter?: string,
): Promise<LoadedExperiment[]> {
  const out: LoadedExperiment[] = [];
  for (const file of files) {
    let exported: Record<string, unknown>;
    try {
      exported = await load(file);
    } catch (err) {
      throw new Error(`cannot load ${file}: ${(err as Error).message}`);
    }
    const found = [...new Set(Object.values(exported))].flatMap((v) => experimentsOf(v, file));
    if (found.length === 0)
      throw new Error(
        `${file} exports no experiment (defineExperiment(…), or a class with @Evaluate methods)`,
      );
    out.push(...found);
  }
  return filter ? out.filter((e) => e.name.includes(filter)) : out;
}
