import nodeModule from 'node:module';

/**
 * Symphony starts ohfp every few seconds, and compiling the command and the AWS SDK is a large
 * share of each start. Node.js 22.1+ can keep that compiled code on disk for the next process
 * (in the system temporary directory, or `NODE_COMPILE_CACHE`; `NODE_DISABLE_COMPILE_CACHE=1`
 * turns it off); Node.js 20 has no such cache and compiles every time. A cache that cannot be
 * written is reported by the return value, never thrown, so the call goes on either way.
 */
export function enableCompileCacheWhenAvailable(): void {
  const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
  enableCompileCache?.();
}
