import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

const mainEntry = resolve(import.meta.dirname, 'src/index.ts');

/**
 * The testing entry imports the SDK through `src/index.ts`; emit that as an import of the
 * built main entry instead of a second copy, so both entries share one set of classes.
 */
const shareMainEntry: Plugin = {
  name: 'share-main-entry',
  setup(build) {
    build.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
      if (args.kind === 'entry-point' || !args.importer) return undefined;
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (target !== mainEntry || args.importer === mainEntry) return undefined;
      return { path: '../index.js', external: true };
    });
  },
};

export default defineConfig(
  packageBuild(import.meta.dirname, {
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    // The conformance kit runs inside the provider author's own vitest.
    external: ['vitest'],
    esbuildPlugins: [shareMainEntry],
  }),
);
