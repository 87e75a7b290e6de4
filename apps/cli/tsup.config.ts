import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, transformSync, type BuildOptions, type Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

const { version } = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

/**
 * One CommonJS file built by esbuild from `src/<entry>.ts` into `dist/<output>`, bundled for
 * Node.js, where `import.meta.url` is the built file's own URL, as in the ES module build.
 */
const commonJsBundle = (entry: string, output: string, options: BuildOptions & { shebang?: boolean }) => {
  const { shebang = false, define, ...rest } = options;
  return build({
    entryPoints: [join(import.meta.dirname, 'src', `${entry}.ts`)],
    outfile: join(import.meta.dirname, 'dist', output),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    define: { ...define, 'import.meta.url': 'ohfEntryUrl' },
    banner: { js: `${shebang ? '#!/usr/bin/env node\n' : ''}const ohfEntryUrl = require("node:url").pathToFileURL(__filename).href;` },
    logLevel: 'warning',
    ...rest,
  });
};

/**
 * `dist/ohfp.cjs`, the entry the scripts and the `ohfp` command run: the front door alone
 * (Node.js built-ins only), as CommonJS, so that a call ending there (a fast path, the resident
 * helper) never starts Node's ES module loader.
 */
const buildCommonJsEntry = () =>
  commonJsBundle('ohfp', 'ohfp.cjs', {
    shebang: true,
    // Our own packages are bundled, as in the ES module build; any other package is left to be
    // loaded where it is used, which the front door, Node.js built-ins only, never is.
    plugins: [
      {
        name: 'bundle-only-our-packages',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@ohf/') || path.startsWith('node:') ? undefined : { external: true }));
        },
      },
    ],
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  });

/**
 * Packages loaded where they are used, never bundled (native drivers, pino, yaml, the cloud SDKs;
 * vitest only backs the conformance kit), in esbuild's notation: `scope/*` is every package of
 * the scope. Both builds leave them out.
 */
const LOADED_WHERE_USED = ['better-sqlite3', 'pg', 'pino', 'yaml', '@aws-sdk/*', '@smithy/*', 'vitest', '@vitest/*'];

/** Each package's `src/version.ts` gets that package's own version, as its own build gives it. */
const versionOfEachPackage: Plugin = {
  name: 'version-of-each-package',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, ({ path }) => {
      const manifest = JSON.parse(readFileSync(join(dirname(dirname(path)), 'package.json'), 'utf8')) as { version: string };
      return { contents: readFileSync(path, 'utf8').replace(/(?<!declare const )__PACKAGE_VERSION__/g, JSON.stringify(manifest.version)), loader: 'ts' };
    });
  },
};

/**
 * `dist/in-process.cjs`, where `ohfp.cjs` goes on for a call the front door does not answer: the
 * command, the runtime and the providers as one CommonJS file, which Node.js 20 can keep
 * compiled between calls (see bundle-compile-cache.ts); its ES module loader has no such cache. Built
 * from our packages' sources, one copy of each. `import()` becomes `require()`, as code compiled
 * through that cache cannot import. The in-memory provider is taken alone from the provider SDK's
 * `testing` entry, whose conformance kit waits for vitest at its top level, which CommonJS cannot.
 */
const buildInProcessBundle = async () => {
  await commonJsBundle('in-process', 'in-process.cjs', {
    conditions: ['@ohf/source'],
    supported: { 'dynamic-import': false },
    alias: { '@ohf/provider-sdk/testing': join(import.meta.dirname, '..', '..', 'packages', 'provider-sdk', 'src', 'testing', 'in-memory', 'in-memory-provider-definition.ts') },
    external: LOADED_WHERE_USED,
    plugins: [versionOfEachPackage],
    define: { 'import.meta.dirname': '__dirname' },
  });
  finishInProcessBundle(join(import.meta.dirname, 'dist', 'in-process.cjs'));
};

/**
 * Checks the built bundle and makes it ASCII throughout. It must not call `import()`: it is
 * compiled through the code cache, where import() has no module loader to call (it would fail
 * only when reached, in a user's call). esbuild writes code as ASCII but keeps comments as they
 * are, and one character beyond ASCII (a dash in a comment) makes Node.js hold the whole
 * bundle's source in memory at two bytes a character: 2.4 MB more in every call (a status poll's
 * resident size: 90 instead of 95 MB). The comments' other characters become `\uXXXX`, only
 * when the code without its comments is unchanged by it (a character in a raw template literal
 * would be code); else the bundle stays as it is, with a warning.
 */
function finishInProcessBundle(file: string): void {
  const source = readFileSync(file, 'utf8');
  const code = (text: string) => transformSync(text, { minifyWhitespace: true, format: 'cjs', platform: 'node', target: 'es2022' }).code;
  const withoutComments = code(source);
  if (/\bimport\s*\(/.test(withoutComments)) throw new Error(`${file} calls import(), which fails in code compiled through the code cache: load that module with require()`);
  const ascii = source.replace(/[^\x00-\x7f]/gu, (character) => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  if (ascii === source) return;
  if (code(ascii) !== withoutComments) {
    console.warn(`${file}: characters beyond ASCII outside comments; left as they are`);
    return;
  }
  writeFileSync(file, ascii);
}

/**
 * One bundled file for fast cold starts: Symphony runs `ohfp` every few seconds, and resolving
 * hundreds of small ESM files costs more than parsing one. Native drivers, pino and the cloud
 * SDKs stay external and are loaded only when a command needs them.
 */
export default defineConfig(
  packageBuild(import.meta.dirname, {
    entry: { main: 'src/main.ts' },
    dts: false,
    noExternal: [/^@ohf\//, 'zod', 'uuid', 'inversify', /^@inversifyjs\//, 'reflect-metadata'],
    // vitest only backs the conformance kit of the in-memory test double; never loaded by a command.
    external: LOADED_WHERE_USED.map((name) => (name.endsWith('/*') ? new RegExp(`^${name.slice(0, -1)}`) : name)),
    banner: { js: '#!/usr/bin/env node\nimport { createRequire as __ohfCreateRequire } from "node:module";\nconst require = __ohfCreateRequire(import.meta.url);' },
    splitting: true,
    minify: false,
    onSuccess: async () => {
      await Promise.all([buildCommonJsEntry(), buildInProcessBundle()]);
    },
  }),
);
