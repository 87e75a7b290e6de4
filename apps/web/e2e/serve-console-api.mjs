// The API the browser tests drive: the built server (`@ohf/api`, serving the built console at /)
// on loopback, on SQLite in a throwaway directory, with in-memory provider instances, three keys
// (viewer, operator, admin) and the catalog synced once, so every screen has something to show.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApi, hashApiKey } from '@ohf/api';
import { pino } from 'pino';
import { E2E_KEYS, E2E_PORT } from './e2e-settings.mjs';

const directory = mkdtempSync(join(tmpdir(), 'ohf-web-e2e-'));
const keys = await Promise.all(
  Object.entries(E2E_KEYS).map(async ([scope, key]) => ({ name: `${scope}-person`, hash: await hashApiKey(key), scopes: [scope] })),
);
writeFileSync(
  join(directory, 'config.json'),
  JSON.stringify({
    providers: {
      selection_policy: 'FIRST_AVAILABLE',
      providers: [
        // First in line (FIRST_AVAILABLE takes the list's order) and always out of capacity: a
        // request naming no instance fails over to memory-fast, and its attempts show why.
        { name: 'memory-full', type: 'memory', config: { faults: { failCreateTimes: 1_000_000, failCreateWith: 'capacity' } } },
        // Machines run a moment after they are created.
        { name: 'memory-fast', type: 'memory', config: { autoRunAfterMs: 300 } },
        // Machines stay pending for the whole run: requests there can be cancelled.
        { name: 'memory-slow', type: 'memory', config: { autoRunAfterMs: 3_600_000 } },
      ],
    },
    storage: { strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } },
    reconcile: { interval_seconds: 0 },
    api: {
      port: E2E_PORT,
      auth: { keys },
      workers: { poll_interval_ms: 100, retry_interval_ms: 200, lease_ms: 5_000 },
      log: { requests: false },
    },
  }),
);
writeFileSync(
  join(directory, 'templates.json'),
  JSON.stringify({
    templates: [
      {
        templateId: 'web-server',
        maxNumber: 20,
        attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
        imageId: 'memory/debian-12',
        vmType: 'medium',
        providerType: 'memory',
      },
    ],
  }),
);

const api = await composeApi({
  // A key of this run only: provider instances registered from the console keep their credentials sealed with it.
  environment: { HF_PROVIDER_WORKDIR: directory, OHF_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
  configDirectory: directory,
  currentDirectory: directory,
  logger: pino({ level: process.env.OHF_E2E_LOG ?? 'error' }),
  defaultMetrics: false,
});
const address = await api.start();
const base = `http://${address.address}:${address.port}`;
const synced = await fetch(`${base}/api/v1/catalog/sync`, {
  method: 'POST',
  headers: { authorization: `Bearer ${E2E_KEYS.admin}`, 'content-type': 'application/json' },
  body: '{}',
});
if (!synced.ok) throw new Error(`catalog sync failed: ${synced.status} ${await synced.text()}`);
console.log(`console on ${base}/`);

const stop = () => {
  api.shutdown().finally(() => {
    rmSync(directory, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
