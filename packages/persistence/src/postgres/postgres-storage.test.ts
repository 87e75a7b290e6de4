import { createStorage } from '../create-storage.js';
import { createPostgresTestSchema } from '../testing/postgres-test-schema.js';
import { runStorageContract } from '../testing/storage-contract.js';

// Each test gets its own schema on the machine's PostgreSQL; an unreachable server fails the suite.
runStorageContract('postgres', async ({ clock }) => {
  const schema = await createPostgresTestSchema();
  const config = { strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, poolSize: 4 } } as const;
  const storage = await createStorage(config, { clock });
  return {
    storage,
    reopen: () => createStorage(config, { clock }),
    dispose: async () => {
      await storage.close();
      await schema.drop();
    },
  };
});
