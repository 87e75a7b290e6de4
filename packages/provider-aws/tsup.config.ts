import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

export default defineConfig(
  packageBuild(import.meta.dirname, {
    entry: { index: 'src/index.ts', 'testing/index': 'src/test-support/index.ts' },
    // The fake cloud mocks the provider user's own AWS SDK clients through their aws-sdk-client-mock.
    external: ['aws-sdk-client-mock'],
  }),
);
