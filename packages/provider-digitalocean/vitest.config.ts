import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      // The contract tests run against a Prism mock of the official spec, started once per run.
      globalSetup: ['./src/test-support/prism-global-setup.ts'],
      hookTimeout: 120_000,
    },
  }),
);
