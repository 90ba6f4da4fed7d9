import { nodeBuiltin } from './node-builtin';

/** The checks hivetrace takes from `node:util`'s `types`. */
interface UtilTypes {
  isPromise(v: unknown): v is Promise<unknown>;
  isProxy(v: unknown): boolean;
  isWeakMap(v: unknown): boolean;
  isWeakSet(v: unknown): boolean;
  isAnyArrayBuffer(v: unknown): v is ArrayBuffer | SharedArrayBuffer;
}

/**
 * Where the runtime has no `node:util` (Vercel's Edge runtime, Workers without `nodejs_compat`):
 * the same answers by prototype, except that a Proxy cannot be told from its target.
 */
const PORTABLE: UtilTypes = {
  isPromise: (v): v is Promise<unknown> => v instanceof Promise,
  isProxy: () => false,
  isWeakMap: (v) => v instanceof WeakMap,
  isWeakSet: (v) => v instanceof WeakSet,
  isAnyArrayBuffer: (v): v is ArrayBuffer | SharedArrayBuffer =>
    v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer),
};

/** `node:util`'s `types` where the runtime has them, else portable checks. */
export const utilTypes: UtilTypes = nodeBuiltin<{ types: UtilTypes }>('node:util')?.types ?? PORTABLE;

const nodeRandomUUID = nodeBuiltin<{ randomUUID?: () => string }>('node:crypto')?.randomUUID;

/**
 * A random UUID (v4): the runtime's Web Crypto (Node 20+, Bun, Deno, Workers, Edge), else
 * `node:crypto` (a Node started without the Web Crypto global).
 */
export function randomUUID(): string {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID();
  if (nodeRandomUUID) return nodeRandomUUID();
  throw new Error('this runtime has no crypto.randomUUID');
}
