import nodeModule from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableCompileCacheWhenAvailable } from './compile-cache.js';

const moduleApi = nodeModule as { enableCompileCache?: () => unknown };
const nativeEnableCompileCache = moduleApi.enableCompileCache;

afterEach(() => {
  if (nativeEnableCompileCache === undefined) delete moduleApi.enableCompileCache;
  else moduleApi.enableCompileCache = nativeEnableCompileCache;
});

describe('enableCompileCacheWhenAvailable', () => {
  it("turns on Node's compile cache when this Node.js has one", () => {
    const enableCompileCache = vi.fn(() => ({ status: 0 }));
    moduleApi.enableCompileCache = enableCompileCache;
    enableCompileCacheWhenAvailable();
    expect(enableCompileCache).toHaveBeenCalledOnce();
  });

  it('goes on without one, as on Node.js 20', () => {
    delete moduleApi.enableCompileCache;
    expect(() => enableCompileCacheWhenAvailable()).not.toThrow();
  });
});
