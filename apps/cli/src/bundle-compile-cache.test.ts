import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMPANION_LIST_FOLLOWED_MS, type BundleCompilation, type BundleLoadOptions } from './bundle-compile-cache.js';

// Each load runs in a process of its own, as each ohfp call does: within one process V8 reuses
// the code it compiled for the same source and never reads the cache under test.

interface Bundle {
  readonly compilation: BundleCompilation;
  readonly companions: readonly { readonly file: string; readonly compilation: BundleCompilation }[];
  readonly answer: number;
  readonly filename: string;
  readonly joined: string;
}

let loaderDirectory: string;
let loader: string;
let directory: string;
let cacheDirectory: string;
let bundleCount = 0;

beforeAll(() => {
  loaderDirectory = mkdtempSync(join(tmpdir(), 'ohf-bundle-loader-'));
  loader = join(loaderDirectory, 'loader.cjs');
  buildSync({ entryPoints: [join(import.meta.dirname, 'bundle-compile-cache.ts')], outfile: loader, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
});

afterAll(() => {
  rmSync(loaderDirectory, { recursive: true, force: true });
});

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ohf-bundle-cache-'));
  cacheDirectory = join(directory, 'cache');
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** `loadBundle(file, options)` in a new Node.js process, which then saves, as ohfp does at exit. */
function loadBundle(file: string, options: BundleLoadOptions): Bundle {
  const script = `const { loadBundle } = require(${JSON.stringify(loader)});
const loaded = loadBundle(${JSON.stringify(file)}, ${JSON.stringify(options)});
const { filename, joined } = loaded.exports;
process.stdout.write(JSON.stringify({ compilation: loaded.compilation, companions: loaded.companions, answer: loaded.exports.answer(), filename, joined }));
loaded.save();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Bundle;
}

/** A bundle file answering `answer`. */
function writeBundle(answer: number, file = join(directory, `bundle-${(bundleCount += 1)}.cjs`)): string {
  writeFileSync(file, `exports.answer = function () { return ${answer}; };\nexports.filename = __filename;\nexports.joined = require('node:path').join('a', 'b');\n`);
  return file;
}

/** A bundle answering 42 from `companion.cjs` (its `value` + 22), which it requires. */
function writeBundleWithCompanion(companionSource: string): { file: string; companion: string } {
  const companion = join(directory, 'companion.cjs');
  writeFileSync(companion, companionSource);
  const file = join(directory, 'with-companion.cjs');
  writeFileSync(file, "exports.answer = function () { return require('./companion.cjs').value + 22; };\n");
  return { file, companion };
}

const options = (overrides: Record<string, unknown> = {}) => ({
  environment: { NODE_COMPILE_CACHE: cacheDirectory },
  purpose: 'getRequestStatus',
  nodeCompileCache: false,
  ...overrides,
});

const cacheFiles = () => readdirSync(join(cacheDirectory, 'ohfp')).filter((name) => name.endsWith('.bin'));

describe('loadBundle on a Node.js without a compile cache of its own', () => {
  it('compiles the bundle the first time, keeps its code, and runs it from the cache after', () => {
    const file = writeBundle(42);
    const first = loadBundle(file, options());
    expect(first.compilation).toBe('compiled');
    expect(first.answer).toBe(42);
    expect(first.filename).toBe(file);
    expect(first.joined).toBe(join('a', 'b'));
    expect(cacheFiles()).toEqual([expect.stringMatching(/^getRequestStatus-[0-9a-f]{32}\.bin$/)]);

    const second = loadBundle(file, options());
    expect(second.compilation).toBe('cached');
    expect(second.answer).toBe(42);
  });

  it('never runs the code of an earlier build, even one of the same length', () => {
    const file = writeBundle(42);
    loadBundle(file, options());
    // V8 alone would take this cache: the source has the same length.
    writeBundle(43, file);
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));

    const rebuilt = loadBundle(file, options());
    expect(rebuilt.compilation).toBe('compiled');
    expect(rebuilt.answer).toBe(43);
    // The new build's cache replaces the old one.
    expect(cacheFiles()).toHaveLength(1);
    expect(loadBundle(file, options()).compilation).toBe('cached');
  });

  it('compiles anew past a damaged cache file, and replaces it', () => {
    const file = writeBundle(7);
    loadBundle(file, options());
    const [name] = cacheFiles();
    const cacheFile = join(cacheDirectory, 'ohfp', name!);
    const contents = readFileSync(cacheFile);
    const headerLength = contents.indexOf(0x0a) + 1;
    writeFileSync(cacheFile, Buffer.concat([contents.subarray(0, headerLength), Buffer.alloc(contents.length - headerLength, 0x5a)]));

    const damaged = loadBundle(file, options());
    expect(damaged.compilation).toBe('compiled');
    expect(damaged.answer).toBe(7);
    expect(loadBundle(file, options()).compilation).toBe('cached');
  });

  it('keeps one cache per command', () => {
    const file = writeBundle(1);
    loadBundle(file, options());
    loadBundle(file, options({ purpose: 'requestMachines' }));
    loadBundle(file, options({ purpose: '../../etc/passwd' }));
    expect(cacheFiles().map((name) => name.split('-')[0]).sort()).toEqual(['getRequestStatus', 'other', 'requestMachines']);
  });

  it('loads first, from their own caches, the .cjs bundles the last call of the command required', () => {
    const { file, companion } = writeBundleWithCompanion('exports.value = 20;\n');

    const first = loadBundle(file, options());
    expect(first.answer).toBe(42);
    // Required by the bundle itself: none was listed yet.
    expect(first.companions).toEqual([]);
    const second = loadBundle(file, options());
    expect(second.answer).toBe(42);
    expect(second.companions).toEqual([{ file: companion, compilation: 'compiled' }]);
    const third = loadBundle(file, options());
    expect(third.answer).toBe(42);
    expect(third).toMatchObject({ compilation: 'cached', companions: [{ file: companion, compilation: 'cached' }] });
  });

  it('leaves a companion bundle that may call import() to Node.js, where import() works', () => {
    const { file } = writeBundleWithCompanion("exports.value = 20;\nexports.later = () => import('node:os');\n");
    loadBundle(file, options());
    const second = loadBundle(file, options());
    expect(second.answer).toBe(42);
    expect(second.companions).toEqual([]);
  });

  it('follows a list of companion bundles for a while only, so one no longer required stops being loaded', () => {
    const companion = join(directory, 'companion.cjs');
    writeFileSync(companion, 'exports.value = 1;\n');
    const file = join(directory, 'bundle.cjs');
    writeFileSync(file, "exports.answer = function () { return require('./companion.cjs').value; };\n");
    loadBundle(file, options());
    expect(loadBundle(file, options()).companions).toHaveLength(1);

    // A new build that no longer requires it: the list still names it until it is old enough.
    writeFileSync(file, 'exports.answer = function () { return 2; };\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(loadBundle(file, options()).companions).toHaveLength(1);
    const [list] = readdirSync(join(cacheDirectory, 'ohfp')).filter((name) => name.endsWith('.json'));
    const old = new Date(Date.now() - COMPANION_LIST_FOLLOWED_MS - 60_000);
    utimesSync(join(cacheDirectory, 'ohfp', list!), old, old);

    const unlisted = loadBundle(file, options());
    expect(unlisted.answer).toBe(2);
    expect(unlisted.companions).toEqual([]);
    expect(loadBundle(file, options()).companions).toEqual([]);
  });

  it('leaves a cache directory others may write to alone', () => {
    mkdirSync(join(cacheDirectory, 'ohfp'), { recursive: true });
    chmodSync(join(cacheDirectory, 'ohfp'), 0o777);
    const file = writeBundle(5);
    const loaded = loadBundle(file, options());
    expect(loaded.compilation).toBe('node');
    expect(loaded.answer).toBe(5);
    expect(cacheFiles()).toEqual([]);
  });

  it('requires the bundle as it is with NODE_DISABLE_COMPILE_CACHE, or where Node.js keeps compiled code itself', () => {
    const disabled = loadBundle(writeBundle(3), options({ environment: { NODE_COMPILE_CACHE: cacheDirectory, NODE_DISABLE_COMPILE_CACHE: '1' } }));
    expect(disabled.compilation).toBe('node');
    expect(disabled.answer).toBe(3);
    const byNode = loadBundle(writeBundle(4), options({ nodeCompileCache: true }));
    expect(byNode.compilation).toBe('node');
    expect(byNode.answer).toBe(4);
    expect(() => cacheFiles()).toThrow();
  });
});
