import { defineConfig } from 'vitest/config';

// Unit tests of the console's pure logic; the screens are tested in a real browser (e2e/).
export default defineConfig({
  test: { environment: 'node', include: ['src/**/*.test.ts', 'scripts/**/*.test.mjs'] },
});
