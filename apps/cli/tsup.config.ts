import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

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
    external: ['better-sqlite3', 'pg', 'pino', 'yaml', /^@aws-sdk\//, /^@smithy\//, 'vitest', /^@vitest\//],
    banner: { js: '#!/usr/bin/env node\nimport { createRequire as __ohfCreateRequire } from "node:module";\nconst require = __ohfCreateRequire(import.meta.url);' },
    splitting: true,
    minify: false,
  }),
);
