import { createPostgresTestSchema } from '@ohf/persistence/testing';
import { describeTenancyIsolation } from './tenancy-isolation-suite.js';

// The machine's PostgreSQL (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test); an
// unreachable server fails this suite instead of skipping it.
describeTenancyIsolation('PostgreSQL', async () => {
  const schema = await createPostgresTestSchema();
  return { storage: { strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 4 } }, drop: () => schema.drop() };
});
