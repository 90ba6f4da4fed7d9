/**
 * Reads a function's parameter names from its source, once, at decoration time. Handles default
 * values, destructuring (named `arg<i>`), rest parameters, comments, strings, computed method
 * names, arrow functions and minified code; native or unreadable functions yield `[]`.
 */
export interface ParameterList {
  /** Name per position; destructured parameters are `arg<i>`. */
  readonly names: readonly string[];
  /** Index of a rest parameter, if any. */
  readonly restIndex: number | undefined;
}

const EMPTY: ParameterList = Object.freeze({ names: [], restIndex: undefined });

function skipString(src: string, i: number): number {
  const quote = src[i];
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === quote) return j;
  }
  return src.length;
}

function stripComments(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(src, i);
      out += src.slice(i, end + 1);
      i = end;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 1;
      out += ' ';
    } else out += c;
  }
  return out;
}

/** Splits the text after an opening bracket at top-level commas until the matching close. */
function splitTopLevel(src: string, start: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = start; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(src, i);
      cur += src.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        parts.push(cur);
        return parts;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  return parts;
}

function skipBalanced(src: string, i: number): number {
  let depth = 0;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === "'" || c === '`') i = skipString(src, i);
    else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return i;
}

/** Parses the parameter names of `fn`. Never throws. */
export function parameterNames(fn: (...args: never[]) => unknown): ParameterList {
  let src: string;
  try {
    src = stripComments(Function.prototype.toString.call(fn)).trim();
  } catch {
    return EMPTY;
  }
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) return EMPTY;
  let i = 0;
  // a computed method name such as [Symbol.iterator](…) holds brackets of its own
  const head = /^(?:static\s+)?(?:async\s*)?(?:function\s*)?\*?\s*/.exec(src);
  i = head ? head[0].length : 0;
  if (src[i] === '[') i = skipBalanced(src, i) + 1;
  const open = src.indexOf('(', i);
  const arrow = src.indexOf('=>', i);
  if (open < 0 || (arrow >= 0 && arrow < open)) {
    const single = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(src);
    return single ? { names: [single[1]!], restIndex: undefined } : EMPTY;
  }
  const raw = splitTopLevel(src, open + 1).map((p) => p.trim());
  if (raw.length === 1 && raw[0] === '') return EMPTY;
  let restIndex: number | undefined;
  const names = raw.map((p, index) => {
    let text = p;
    if (text.startsWith('...')) {
      restIndex = index;
      text = text.slice(3).trim();
    }
    const m = /^([A-Za-z_$][\w$]*)/.exec(text);
    return m ? m[1]! : `arg${index}`;
  });
  return { names, restIndex };
}

/** The call's arguments by parameter name; extra arguments are `arg<i>`. */
export function argumentsByName(params: ParameterList, args: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { names, restIndex } = params;
  for (let i = 0; i < args.length; i++) {
    if (restIndex !== undefined && i >= restIndex) {
      out[names[restIndex]!] = args.slice(restIndex);
      break;
    }
    out[names[i] ?? `arg${i}`] = args[i];
  }
  return out;
}
