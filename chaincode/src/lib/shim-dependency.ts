import { createRequire } from 'node:module';

/** A package as fabric-shim itself loads it (its own copy, where npm nested one), for patching. */
export function loadedByShim<T>(name: string): T {
  return createRequire(require.resolve('fabric-shim'))(name) as T;
}
