import { createPostgresTestSchema } from '@ohf/persistence/testing';
import { describeQuotas } from './quotas-suite.js';

// The machine's PostgreSQL (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test); an
// unreachable server fails this suite instead of skipping it.
describeQuotas('PostgreSQL', async () => {
  const schema = await createPostgresTestSchema();
  return { storage: { strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 4 } }, cleanup: () => schema.drop() };
});
