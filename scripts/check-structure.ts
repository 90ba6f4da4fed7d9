/**
 * `npm run check:structure`: the floor plan's rules, read from the sources with the TypeScript
 * compiler's parser.
 * - No import circle in lib/, type-only imports included (`import type` ties modules as much as a
 *   value import does: the two cannot be understood apart).
 * - No function longer than 60 lines in lib/ (statements, not the tables that are data).
 * - The collector's wings import one way: store ← ingest ← http ← viewer ← the entry; a wing
 *   never imports one above it.
 * Prints what breaks a rule and exits 1; spec/hygiene/structure.spec.ts runs the same checks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
/** The longest function allowed, in lines. */
export const MAX_FUNCTION_LINES = 60;

/** Every .ts file below `dir` (relative to the repository root), declaration files excluded. */
export function sourceFiles(dir = 'lib'): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

/** The module a relative specifier names from `from`, or undefined when it leaves lib/ or is a package. */
function resolve(from: string, spec: string, files: ReadonlySet<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.join(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (files.has(candidate)) return candidate;
  return undefined;
}

/** Each file's imports and re-exports of other files in `files` (type-only ones too). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const set = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    const deps = info.importedFiles.map((f) => resolve(file, f.fileName, set)).filter((f) => f !== undefined);
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

/** The import circles of `graph`, each as the files around it (Tarjan's strongly connected components). */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

/** A function (declaration, method, arrow or expression) and how many lines it spans. */
export interface LongFunction {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly lines: number;
}

/** Functions in `files` longer than `max` lines. */
export function longFunctions(files: readonly string[], max = MAX_FUNCTION_LINES): LongFunction[] {
  const found: LongFunction[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = end - start + 1;
        if (lines > max) {
          const name = node.name && ts.isIdentifier(node.name) ? node.name.text : describeAnonymous(node);
          found.push({ file, line: start + 1, name, lines });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function describeAnonymous(node: ts.Node): string {
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

/** The collector's wings, lowest first: a file may import its own wing and those before it. */
export const COLLECTOR_WINGS = ['store', 'ingest', 'http', 'viewer'] as const;

/** The wing a file of lib/collector/ belongs to (its index; the entry files rank above all). */
function wingOf(file: string): number | undefined {
  const m = /^lib\/collector\/(?:([^/]+)\/)?/.exec(file.split(path.sep).join('/'));
  if (!m) return undefined;
  const i = COLLECTOR_WINGS.indexOf(m[1] as (typeof COLLECTOR_WINGS)[number]);
  return i >= 0 ? i : COLLECTOR_WINGS.length;
}

/** Imports inside lib/collector/ that point from a wing to one above it. */
export function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [file, deps] of graph) {
    const from = wingOf(file);
    if (from === undefined) continue;
    for (const dep of deps) {
      const to = wingOf(dep);
      if (to !== undefined && to > from) out.push(`${file} → ${dep}`);
    }
  }
  return out.sort();
}

function main(): void {
  const files = sourceFiles('lib');
  const graph = importGraph(files);
  const circles = importCircles(graph);
  const upward = upwardImports(graph);
  const long = longFunctions(files);
  for (const c of circles) console.log(`import circle: ${c.join(' → ')}`);
  for (const u of upward) console.log(`upward import in the collector: ${u}`);
  for (const f of long) console.log(`${f.file}:${f.line} ${f.name} is ${f.lines} lines (at most ${MAX_FUNCTION_LINES})`);
  if (circles.length === 0 && long.length === 0 && upward.length === 0)
    console.log(
      `structure OK: ${files.length} files in lib/, no import circle, the collector's wings one way, no function over ${MAX_FUNCTION_LINES} lines`,
    );
  else process.exitCode = 1;
}

if (require.main === module) main();
