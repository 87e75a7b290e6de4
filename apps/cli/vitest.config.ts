import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

/**
 * The shared conditions include Vite's "module", which sends the AWS SDK's packages to their
 * dist-es builds (extension-less imports Node cannot load when vitest externalizes them); the
 * in-process AWS tests load the SDK, so resolve like Node does, plus the in-repo source condition.
 */
const conditions = ['@ohf/source', 'node', 'import', 'default'];

/**
 * Most tests drive the built binary as child processes and wait for them (or for a provider's
 * time budget), so a test worker is idle much of the time. Vitest's default of one worker less
 * than the cores leaves a 2-core machine running one file at a time with a core unused; one
 * worker per core keeps them busy without starving the time-budget tests of CPU.
 */
const maxWorkers = availableParallelism();

// Each test gets room for its child processes on a busy machine.
export default defineConfig({
  ...sharedTestConfig,
  resolve: { ...sharedTestConfig.resolve, conditions },
  ssr: { ...sharedTestConfig.ssr, resolve: { conditions, externalConditions: conditions } },
  // Isolated, unlike the packages: its in-process AWS tests set process.env for the SDK, and most
  // files only spawn the built binary, so a shared module graph would save little.
  test: { ...sharedTestConfig.test, testTimeout: 60_000, maxWorkers, isolate: true },
});
