/**
 * Opens one strategy in a fresh process and reports which storage drivers got loaded
 * (run by processes.test.ts after bundling, with the drivers left external).
 */
import { createRequire } from 'node:module';
import { createStorage } from '../create-storage.js';
import type { StorageConfigInput } from '../storage-config.js';

const config = JSON.parse(process.argv[2] ?? '{}') as StorageConfigInput;
const loadedBefore = Object.keys(createRequire(import.meta.url).cache);
const storage = await createStorage(config);
if (config.strategy !== 'postgres') await storage.migrate();
await storage.close();
const loaded = Object.keys(createRequire(import.meta.url).cache);
const has = (files: string[], name: string) => files.some((file) => file.includes(`/node_modules/${name}/`));
process.stdout.write(
  JSON.stringify({
    atImport: { pg: has(loadedBefore, 'pg'), betterSqlite3: has(loadedBefore, 'better-sqlite3') },
    afterOpen: { pg: has(loaded, 'pg'), betterSqlite3: has(loaded, 'better-sqlite3') },
  }),
);
