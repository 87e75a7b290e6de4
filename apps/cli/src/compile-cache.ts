import nodeModule from 'node:module';

/**
 * Symphony starts ohfp every few seconds, and compiling the command and the AWS SDK is a large
 * share of each start. Node.js 22.1+ can keep that compiled code on disk for the next process
 * (in the system temporary directory, or `NODE_COMPILE_CACHE`; `NODE_DISABLE_COMPILE_CACHE=1`
 * turns it off); on Node.js 20, ohfp keeps its command bundle compiled itself (loadBundle). A
 * cache that cannot be written is reported by the return value, never thrown, so the call goes
 * on either way.
 */
export function enableCompileCacheWhenAvailable(): void {
  const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
  enableCompileCache?.();
}

/** Whether this Node.js keeps compiled code between processes itself (22.1+). */
export function nodeHasCompileCache(): boolean {
  return typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
}
