import { copyMetadata } from './metadata';
import type { AnyFunction } from '../internal/any-function';

const SKIP = new Set<string | symbol>(['length', 'name', 'prototype', 'arguments', 'caller']);

/**
 * Makes `wrapper` look like `original`: same `name` and `length`, the same own properties and
 * the same reflect-metadata (NestJS and friends record route and guard metadata on the method).
 */
export function preserveIdentity(original: AnyFunction, wrapper: AnyFunction): void {
  try {
    Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
    Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
    for (const key of Reflect.ownKeys(original)) {
      if (SKIP.has(key) || Object.prototype.hasOwnProperty.call(wrapper, key)) continue;
      const d = Object.getOwnPropertyDescriptor(original, key);
      if (d) Object.defineProperty(wrapper, key, d);
    }
    copyMetadata(original, wrapper);
  } catch {
    // identity is best effort; the wrapper still works
  }
}
