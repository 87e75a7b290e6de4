import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import nodeModule, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { nodeHasCompileCache } from './compile-cache.js';
import { writeWholeFile } from './write-whole-file.js';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * How long the list of a command's companion bundles is followed after it was written: the first
 * call after that loads without it and writes what it needed, so a bundle a command no longer
 * needs (the configuration left AWS, say) stops being loaded within this time.
 */
export const COMPANION_LIST_FOLLOWED_MS = 10 * 60_000;

/** How a file was compiled: from this cache, compiled anew (and kept by `save`), or by Node.js alone. */
export type BundleCompilation = 'cached' | 'compiled' | 'node';

export interface LoadedBundle<Exports> {
  readonly exports: Exports;
  readonly compilation: BundleCompilation;
  /** The CommonJS bundles loaded before it, as the last call of the same command used them. */
  readonly companions: readonly { readonly file: string; readonly compilation: BundleCompilation }[];
  /**
   * Keeps the compiled code for the next process, with every function this one compiled so far,
   * and the list of `.cjs` bundles this call loaded: call it when the call is done (at exit).
   * Writes only what changed; a cache that cannot be written is left alone, never reported.
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
 * The other CommonJS bundles (`.cjs` files) the last call of the same command required, such as
 * the AWS provider's describe-only EC2 client, are loaded first, each from a cache of its own,
 * into Node's module cache, where the command's `require` finds them (see
 * COMPANION_LIST_FOLLOWED_MS for how long such a list is followed).
 *
 * On Node.js 22.1+ the bundle is simply required: `module.enableCompileCache()` (called first
 * thing) keeps it. NODE_DISABLE_COMPILE_CACHE turns either off. A cache directory another user
 * owns, or that others may write to, is not used: a cache holds code this process would run.
 */
export function loadBundle<Exports>(file: string, options: BundleLoadOptions): LoadedBundle<Exports> {
  const { environment } = options;
  const nodeCompileCache = options.nodeCompileCache ?? nodeHasCompileCache();
  const directory = nodeCompileCache || nonEmpty(environment.NODE_DISABLE_COMPILE_CACHE) ? undefined : privateCacheDirectory(environment);
  if (directory === undefined) return { exports: createRequire(file)(file) as Exports, compilation: 'node', companions: [], save: () => {} };

  const command = /^[A-Za-z][\w-]{0,39}$/.test(options.purpose) ? options.purpose : 'other';
  const moduleCache = createRequire(file).cache;
  const loadedBefore = new Set(Object.keys(moduleCache));
  const companionListFile = join(directory, cacheFileName(file, `${command}-companions`, 'json'));
  const listed = companionsOf(companionListFile);
  const companions = (listed.followed ? listed.files : []).flatMap((companion) => {
    const loaded = preload(companion, join(directory, cacheFileName(companion, 'companion', 'bin')));
    return loaded === undefined ? [] : [loaded];
  });
  const bundleModule = { exports: {} as Exports };
  const bundle = compileAndRun(file, readFileSync(file, 'utf8'), join(directory, cacheFileName(file, command, 'bin')), bundleModule);
  return {
    exports: bundleModule.exports,
    compilation: bundle.compilation,
    companions: companions.map((companion) => ({ file: companion.file, compilation: companion.compilation })),
    save: () => {
      // Runs as the process exits: nothing here may fail the call or print over its answer.
      try {
        for (const compiled of [bundle, ...companions]) compiled.save();
        const companionsNow = Object.keys(moduleCache).filter((loaded) => loaded.endsWith('.cjs') && loaded !== file && !loadedBefore.has(loaded));
        if (!listed.followed || JSON.stringify(companionsNow) !== JSON.stringify(listed.files)) writeWholeFile(companionListFile, JSON.stringify(companionsNow), { mode: 0o600 });
      } catch {
        // The next call compiles again, as without a cache.
      }
    },
  };
}

interface Compiled {
  readonly file: string;
  readonly compilation: BundleCompilation;
  save(): void;
}

/**
 * Compiles `file` (its `source`) as Node.js compiles a CommonJS module, from `cacheFile` when it
 * holds this build's code, and runs it with `module`. Its `import()` would fail: code compiled
 * here has no module loader to call (the bundle is built without any, see tsup.config.ts).
 */
function compileAndRun(file: string, source: string, cacheFile: string, module: { exports: unknown }): Compiled {
  const header = Buffer.from(`${fileIdentity(file)}\n`);
  const cachedData = cachedDataOf(cacheFile, header);
  // The wrapper Node.js puts around a CommonJS module, on the first line so line numbers hold.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const compilation: BundleCompilation = cachedData !== undefined && script.cachedDataRejected === false ? 'cached' : 'compiled';
  const wrapper = script.runInThisContext() as (...parameters: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    file,
    compilation,
    save: () => {
      // One that cannot be written (a full disk): the next call compiles again, as without a cache.
      if (compilation === 'compiled') writeWholeFile(cacheFile, Buffer.concat([header, script.createCachedData()]), { mode: 0o600 });
    },
  };
}

/**
 * Loads a companion bundle into Node's module cache, as `require` would have, unless it is there
 * already, is gone, or may call `import()` (the text appears anywhere in it: then it is left to
 * Node.js, where import() works); one that fails to load is left to the command's own `require`.
 */
function preload(file: string, cacheFile: string): Compiled | undefined {
  const requireHere = createRequire(file);
  if (requireHere.cache[file] !== undefined) return undefined;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (/\bimport\s*\(/.test(source)) return undefined;
  const module = new nodeModule(file);
  module.filename = file;
  requireHere.cache[file] = module;
  try {
    const compiled = compileAndRun(file, source, cacheFile, module);
    module.loaded = true;
    return compiled;
  } catch {
    delete requireHere.cache[file];
    return undefined;
  }
}

/**
 * The `.cjs` files the last call of a command loaded besides the bundle, as written beside its
 * cache; none when the list is missing or is not a list of paths. Checked by hand: this runs in
 * every call that does not end at the front door, before anything but Node.js is loaded.
 */
function companionsOf(listFile: string): { readonly files: readonly string[]; readonly followed: boolean } {
  try {
    const followed = Date.now() - statSync(listFile).mtimeMs < COMPANION_LIST_FOLLOWED_MS;
    const list: unknown = JSON.parse(readFileSync(listFile, 'utf8'));
    return Array.isArray(list) && list.every((entry) => typeof entry === 'string' && entry.endsWith('.cjs')) ? { files: list as string[], followed } : { files: [], followed: false };
  } catch {
    return { files: [], followed: false };
  }
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
 * One file per use, file path and Node.js version: a new build replaces its cache rather than
 * adding one more. V8 checks little more than the source's length, so a cache file starts with
 * the compiled file's size and modification time, and a cache of another build is not used.
 */
function cacheFileName(file: string, use: string, extension: string): string {
  return `${use}-${createHash('sha256').update(`${process.version}\0${process.arch}\0${file}`).digest('hex').slice(0, 32)}.${extension}`;
}

function fileIdentity(file: string): string {
  const status = statSync(file);
  return `ohfp-bundle-cache 1 ${status.size} ${status.mtimeMs}`;
}

/** The V8 code cache kept for this build of the file, or undefined. */
function cachedDataOf(cacheFile: string, header: Buffer): Buffer | undefined {
  let contents: Buffer;
  try {
    contents = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return contents.subarray(0, header.length).equals(header) ? contents.subarray(header.length) : undefined;
}
