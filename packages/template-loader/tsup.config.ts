import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

// Two entries: the loader, and `./snapshot`, the CLI's start-up fast path, which must stay free
// of zod and the domain package (bundled separately so importing it loads neither).
export default defineConfig(
  packageBuild(import.meta.dirname, {
    entry: { index: 'src/index.ts', 'snapshot/index': 'src/snapshot/index.ts' },
  }),
);
