import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '../create-storage.js';
import { runStorageContract } from '../testing/storage-contract.js';

runStorageContract('json', async ({ clock }) => {
  const directory = await mkdtemp(join(tmpdir(), 'ohf-json-'));
  const config = { strategy: 'json', json: { path: join(directory, 'work', 'request_database.json') } } as const;
  const storage = await createStorage(config, { clock });
  return {
    storage,
    reopen: () => createStorage(config, { clock }),
    dispose: async () => {
      await storage.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});
