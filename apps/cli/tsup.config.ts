import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

const { version } = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

/**
 * `dist/ohfp.cjs`, the entry the scripts and the `ohfp` command run: the front door alone
 * (Node.js built-ins only), as CommonJS, so that a call ending there (a fast path, the resident
 * helper) never starts Node's ES module loader. `import.meta.url` is this file's own URL, as in
 * the ES module build.
 */
const buildCommonJsEntry = () =>
  build({
    entryPoints: [join(import.meta.dirname, 'src', 'ohfp.ts')],
    outfile: join(import.meta.dirname, 'dist', 'ohfp.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
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
    define: { __PACKAGE_VERSION__: JSON.stringify(version), 'import.meta.url': 'ohfEntryUrl' },
    banner: { js: '#!/usr/bin/env node\nconst ohfEntryUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: 'warning',
  });

/**
 * One bundled file for fast cold starts: Symphony runs `ohfp` every few seconds, and resolving
 * hundreds of small ESM files costs more than parsing one. Native drivers, pino and the cloud
 * SDKs stay external and are loaded only when a command needs them.
 */
export default defineConfig(
  packageBuild(import.meta.dirname, {
    // in-process is where ohfp.cjs goes on for a call the front door does not answer.
    entry: { main: 'src/main.ts', 'in-process': 'src/in-process.ts' },
    dts: false,
    noExternal: [/^@ohf\//, 'zod', 'uuid', 'inversify', /^@inversifyjs\//, 'reflect-metadata'],
    // vitest only backs the conformance kit of the in-memory test double; never loaded by a command.
    external: ['better-sqlite3', 'pg', 'pino', 'yaml', /^@aws-sdk\//, /^@smithy\//, 'vitest', /^@vitest\//],
    banner: { js: '#!/usr/bin/env node\nimport { createRequire as __ohfCreateRequire } from "node:module";\nconst require = __ohfCreateRequire(import.meta.url);' },
    splitting: true,
    minify: false,
    onSuccess: async () => {
      await buildCommonJsEntry();
    },
  }),
);
