import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Tests run against the sources of sibling packages (the `@ohf/source` export condition),
 * so a change in domain-core is seen by every dependent test without a rebuild.
 */
const conditions = ['@ohf/source', ...defaultServerConditions];

export const sharedTestConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    /**
     * A worker evaluates the module graph (zod schemas, the cloud SDKs, fastify) once for all
     * its files instead of once per file: most of a suite's time went there (application-cqrs:
     * 35 s of CPU without, 6 s with). Safe because every test builds what it uses (storage,
     * servers, clouds, registries) and no test leaves a global changed: a file that mocks a
     * module, fakes timers or spies on a prototype restores it in its own after-hook.
     */
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
