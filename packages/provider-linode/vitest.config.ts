import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Projects are spelled out from the shared settings rather than `extends: true`, which would
// concatenate the shared `include` with each project's and run every test in both.
const { test: sharedTest, ...sharedRest } = sharedTestConfig;

/**
 * Two projects: unit tests (msw) and contract tests against a Prism mock of Linode's
 * official OpenAPI document. Prism starts only when the contract project runs (a plain
 * `vitest run`, as CI does, runs both).
 */
export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      projects: [
        {
          ...sharedRest,
          test: { ...sharedTest, name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/test-support/contract/**'] },
        },
        {
          ...sharedRest,
          test: {
            ...sharedTest,
            name: 'contract',
            include: ['src/test-support/contract/**/*.test.ts'],
            globalSetup: ['src/test-support/contract/prism-global-setup.ts'],
            // Prism parses the 2.5 MB specification before it listens (seconds on a busy machine).
            hookTimeout: 180_000,
            // An empty contract project would mean the contract went unchecked.
            passWithNoTests: false,
          },
        },
      ],
    },
  }),
);
