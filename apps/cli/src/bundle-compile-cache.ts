import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { nodeHasCompileCache } from './compile-cache.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** How a bundle was compiled: from this cache, compiled anew (and kept by `save`), or by Node.js alone. */
export type BundleCompilation = 'cached' | 'compiled' | 'node';

export interface LoadedBundle<Exports> {
  readonly exports: Exports;
  readonly compilation: BundleCompilation;
  /**
   * Keeps the compiled code for the next process, with every function this one compiled so far:
   * call it when the call is done (at exit). Does nothing unless the bundle was compiled anew;
   * a cache that cannot be written is left alone, never reported.
   */
  save(): void;
}

export interface BundleLoadOptions {
  /** NODE_COMPILE_CACHE (the directory) and NODE_DISABLE_COMPILE_CACHE are read from it. */
  readonly environment: Environment;
  /**
   * What the process runs (its command): each gets a cache of its own, holding the functions its
   * calls compile, since V8 compiles a function only when it is first called.
   */
  readonly purpose: string;
  /** Whether Node.js keeps compiled code itself (22.1+); decided from the running Node.js unless given. */
  readonly nodeCompileCache?: boolean;
}

/**
 * Loads a CommonJS bundle keeping its compiled code between processes where Node.js does not:
 * the V8 code cache of the bundle, with the functions the last call of the same command
 * compiled, in NODE_COMPILE_CACHE (else Node's default directory, `node-compile-cache` in the
 * system temporary directory), under `ohfp/`. Compiling ohfp's command code is most of the CPU a
 * Symphony call spends on Node.js 20, every few seconds. A cache of another build of the bundle
 * or another Node.js is not used (see cacheFileName), and V8 compiles anew when its version or
 * flags differ.
 *
 * On Node.js 22.1+ the bundle is simply required: `module.enableCompileCache()` (called first
 * thing) keeps it. NODE_DISABLE_COMPILE_CACHE turns either off. A cache directory another user
 * owns, or that others may write to, is not used: a cache holds code this process would run.
 */
export function loadBundle<Exports>(file: string, options: BundleLoadOptions): LoadedBundle<Exports> {
  const { environment } = options;
  const nodeCompileCache = options.nodeCompileCache ?? nodeHasCompileCache();
  const directory = nodeCompileCache || nonEmpty(environment.NODE_DISABLE_COMPILE_CACHE) ? undefined : privateCacheDirectory(environment);
  if (directory === undefined) return { exports: createRequire(file)(file) as Exports, compilation: 'node', save: () => {} };

  const source = readFileSync(file, 'utf8');
  const cacheFile = join(directory, cacheFileName(file, options.purpose));
  const header = Buffer.from(`${bundleIdentity(file)}\n`);
  const cachedData = cachedDataOf(cacheFile, header);
  // The wrapper Node.js puts around a CommonJS module, on the first line so line numbers hold.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const compilation: BundleCompilation = cachedData !== undefined && script.cachedDataRejected === false ? 'cached' : 'compiled';
  const bundleModule = { exports: {} as Exports };
  const wrapper = script.runInThisContext() as (...parameters: unknown[]) => void;
  wrapper.call(bundleModule.exports, bundleModule.exports, createRequire(file), bundleModule, file, dirname(file));
  return {
    exports: bundleModule.exports,
    compilation,
    save: () => {
      if (compilation === 'cached') return;
      try {
        // Written whole and then renamed: a process starting meanwhile reads the old file or the new one.
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, Buffer.concat([header, script.createCachedData()]), { mode: 0o600 });
        renameSync(temporary, cacheFile);
      } catch {
        // A full disk or a read-only directory: the next call compiles again, as without a cache.
      }
    },
  };
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}

/** The cache directory, created for this user alone; undefined when it cannot be trusted or made. */
function privateCacheDirectory(environment: Environment): string | undefined {
  const base = nonEmpty(environment.NODE_COMPILE_CACHE) ? environment.NODE_COMPILE_CACHE! : join(tmpdir(), 'node-compile-cache');
  const directory = join(base, 'ohfp');
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const status = statSync(directory);
    const ownUserId = process.getuid?.();
    if (ownUserId !== undefined && status.uid !== ownUserId) return undefined;
    if ((status.mode & 0o022) !== 0) return undefined;
    return directory;
  } catch {
    return undefined;
  }
}

/**
 * One file per command, bundle path and Node.js version: a new build of the bundle replaces its
 * cache rather than adding one more. V8 checks little more than the source's length, so the
 * file starts with the bundle's size and modification time, and a cache of another build is not used.
 */
function cacheFileName(file: string, purpose: string): string {
  const command = /^[A-Za-z][\w-]{0,39}$/.test(purpose) ? purpose : 'other';
  return `${command}-${createHash('sha256').update(`${process.version}\0${process.arch}\0${file}`).digest('hex').slice(0, 32)}.bin`;
}

function bundleIdentity(file: string): string {
  const status = statSync(file);
  return `ohfp-bundle-cache 1 ${status.size} ${status.mtimeMs}`;
}

/** The V8 code cache kept for this build of the bundle, or undefined. */
function cachedDataOf(cacheFile: string, header: Buffer): Buffer | undefined {
  let contents: Buffer;
  try {
    contents = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return contents.subarray(0, header.length).equals(header) ? contents.subarray(header.length) : undefined;
}
