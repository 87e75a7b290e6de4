import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogPlanSchema } from '@ohf/domain-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LazyStorage } from './lazy-storage.js';

describe('LazyStorage', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-lazy-storage-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('hands out the catalog before opening, and opens and migrates the storage on its first call', async () => {
    const storage = new LazyStorage({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } });
    const catalog = storage.catalog;
    expect(storage.isOpen).toBe(false);

    const plan = CatalogPlanSchema.parse({
      providerInstance: 'linode-main',
      providerType: 'linode',
      planId: 'g6-nanode-1',
      name: 'Nanode 1 GB',
      vcpus: 1,
      memoryGb: 1,
      diskGb: 25,
      basePriceHourly: 0.0075,
      basePriceMonthly: 5,
      updatedAt: '2026-12-05T00:00:00.000Z',
    });
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan], regions: [], images: [], apps: [] }, plan.updatedAt);
    expect(storage.isOpen).toBe(true);
    expect(await catalog.listPlans()).toEqual([plan]);
    await storage.close();
  });
});
