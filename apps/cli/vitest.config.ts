import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

/**
 * The shared conditions include Vite's "module", which sends the AWS SDK's packages to their
 * dist-es builds (extension-less imports Node cannot load when vitest externalizes them); the
 * in-process AWS tests load the SDK, so resolve like Node does, plus the in-repo source condition.
 */
const conditions = ['@ohf/source', 'node', 'import', 'default'];

// Most tests drive the built binary as child processes; give each one room.
export default defineConfig({
  ...sharedTestConfig,
  resolve: { ...sharedTestConfig.resolve, conditions },
  ssr: { ...sharedTestConfig.ssr, resolve: { conditions, externalConditions: conditions } },
  test: { ...sharedTestConfig.test, testTimeout: 60_000 },
});
