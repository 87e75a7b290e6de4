import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage } from './create-storage.js';
import { defaultStoragePath, StorageConfigSchema } from './storage-config.js';

describe('createStorage', () => {
  it('says which section a strategy is missing', async () => {
    await expect(createStorage({ strategy: 'postgres' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('storage.postgres: storage strategy "postgres" needs a "postgres" section (url)'),
    });
    await expect(createStorage({ strategy: 'json', sqlite: { path: 'x.db' } })).rejects.toMatchObject({
      details: { field: 'storage.json' },
    });
  });

  it('rejects unknown strategies and bad values with their field', async () => {
    await expect(createStorage({ strategy: 'redis' } as never)).rejects.toMatchObject({ details: { field: 'storage.strategy' } });
    await expect(
      createStorage({ strategy: 'postgres', postgres: { url: 'postgres://localhost/x', schema: 'Drop Table' } }),
    ).rejects.toMatchObject({ details: { field: 'storage.postgres.schema' } });
    await expect(createStorage({ strategy: 'sqlite', sqlite: { path: '' } })).rejects.toMatchObject({
      details: { field: 'storage.sqlite.path' },
    });
  });

  it('defaults to SQLite and fills in the defaults of the chosen section', () => {
    const config = StorageConfigSchema.parse({
      sqlite: { path: '/work/request_database.db' },
      json: { path: '/work/request_database.json' },
      postgres: { url: 'postgres://localhost/ohf' },
    });
    expect(config).toEqual({
      strategy: 'sqlite',
      sqlite: { path: '/work/request_database.db', busyTimeoutMs: 10_000 },
      json: { path: '/work/request_database.json', lockTimeoutMs: 30_000, lockStaleMs: 10_000 },
      postgres: { url: 'postgres://localhost/ohf', schema: 'public', poolSize: 10, connectTimeoutMs: 10_000, preparedStatements: true },
    });
  });

  it('opens the strategy asked for', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ohf-create-'));
    try {
      const storage = await createStorage({ strategy: 'json', json: { path: defaultStoragePath('json', directory) } });
      expect(storage.strategy).toBe('json');
      await storage.migrate();
      await storage.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('names the files Host Factory expects inside the work directory', () => {
    expect(defaultStoragePath('json', '/var/hf/work')).toBe('/var/hf/work/request_database.json');
    expect(defaultStoragePath('sqlite', '/var/hf/work')).toBe('/var/hf/work/request_database.db');
  });
});
