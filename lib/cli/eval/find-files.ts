import * as fs from 'node:fs';
import * as path from 'node:path';

/** A glob (`*`, `**`, `?`) as a regular expression over `/`-separated relative paths. */
function globRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function walk(dir: string, base: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
}

/**
 * The files the arguments name: a path as given (it must exist), a glob matched under the
 * current directory (`evals/**\/*.eval.ts`; node_modules and dot folders skipped). Throws naming
 * an argument that matches nothing.
 */
export function findFiles(args: readonly string[], cwd = process.cwd()): string[] {
  const found: string[] = [];
  let all: string[] | undefined;
  for (const arg of args) {
    if (!/[*?]/.test(arg)) {
      const file = path.resolve(cwd, arg);
      if (!fs.existsSync(file)) throw new Error(`no such file: ${arg}`);
      found.push(file);
      continue;
    }
    all ??= (() => {
      const list: string[] = [];
      walk(cwd, cwd, list);
      return list;
    })();
    const re = globRegExp(arg.replace(/^\.\//, ''));
    const matched = all.filter((f) => re.test(f)).map((f) => path.join(cwd, f));
    if (matched.length === 0) throw new Error(`no file matches ${arg}`);
    found.push(...matched.sort());
  }
  return [...new Set(found)];
}
