import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';

/** The viewer's files: its page, its stylesheet and its modules (`/viewer/<name>.js`). */
const STATIC: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8' };
const JS = 'text/javascript; charset=utf-8';

/** An asset's body and content type, or `undefined` when there is no such asset. */
export interface ViewerAsset {
  body: Buffer;
  type: string;
}

/**
 * Compiles one of the viewer's TypeScript modules to a browser ES module. The build does this
 * once (scripts/build-finish.js); from the sources (ts-node, the specs, the demo) the collector
 * does it on first request, with the TypeScript compiler the repository develops with.
 */
export function compileViewerModule(source: string, fileName: string): string {
  // a dev dependency: only reached when running from the sources
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TypeScript;
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, sourceMap: false },
  }).outputText;
}

/** Reads the viewer's assets from a folder: built `.js` modules, else their `.ts` sources compiled once. */
export class ViewerAssets {
  private readonly compiled = new Map<string, { mtimeMs: number; body: Buffer }>();

  constructor(private readonly dir: string) {}

  /** `index.html`, `style.css` or `<module>.js`; names are checked, so no path leaves the folder. */
  get(file: string): ViewerAsset | undefined {
    const m = /^([a-z][a-z0-9-]*)\.(html|css|js)$/.exec(file);
    if (!m) return undefined;
    const [, name, ext] = m;
    if (ext !== 'js') {
      const full = path.join(this.dir, file);
      return fs.existsSync(full) ? { body: fs.readFileSync(full), type: STATIC[ext!]! } : undefined;
    }
    const built = path.join(this.dir, `${name}.js`);
    if (fs.existsSync(built)) return { body: fs.readFileSync(built), type: JS };
    const source = path.join(this.dir, `${name}.ts`);
    if (!fs.existsSync(source)) return undefined;
    const { mtimeMs } = fs.statSync(source);
    let hit = this.compiled.get(name!);
    if (!hit || hit.mtimeMs !== mtimeMs) {
      hit = { mtimeMs, body: Buffer.from(compileViewerModule(fs.readFileSync(source, 'utf8'), source)) };
      this.compiled.set(name!, hit);
    }
    return { body: hit.body, type: JS };
  }
}
