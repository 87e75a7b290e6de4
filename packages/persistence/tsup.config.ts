import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

export default defineConfig(
  packageBuild(import.meta.dirname, {
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    // The contract suite runs inside the caller's own vitest; the drivers stay external so
    // they load only when a strategy that needs them is opened.
    external: ['vitest', 'better-sqlite3', 'pg'],
  }),
);
