import { defineConfig } from '@playwright/test';
import { E2E_PORT } from './e2e/e2e-settings.mjs';

/**
 * Browser tests of the built console, served by the built API on loopback (e2e/serve-console-api.mjs),
 * in Debian's Chromium (`apt-get install chromium`): Playwright's own browser download is not used.
 * `OHF_CHROMIUM` points elsewhere. One worker: the tests share one API and its machines.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.OHF_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    },
    trace: 'off',
  },
  webServer: {
    command: 'node e2e/serve-console-api.mjs',
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
