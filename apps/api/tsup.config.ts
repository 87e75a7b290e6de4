import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

// Two entries: the library surface (index) and the server executable (main, the `ohf-api` bin).
// Dependencies, @ohf/* included, stay external: native drivers (better-sqlite3, pg) and the AWS
// SDK must, and the workspace packages resolve to their own built dist.
export default defineConfig(packageBuild(import.meta.dirname, {
    entry: { index: 'src/index.ts', main: 'src/main.ts' },
    dts: { entry: { index: 'src/index.ts' }, compilerOptions: { composite: false, emitDeclarationOnly: false, customConditions: [] } },
  }));
