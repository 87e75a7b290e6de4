import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { priceWithMarkup, type MarkupRule } from '@ohf/domain-core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../create-storage.js';
import type { Storage } from '../storage.js';
import { EXACT_MARKUP_RULE, exactMarkupCases, samplePlan, sampleProviderCatalog } from '../testing/sample-catalog.js';

const FIRST_SYNC = '2025-01-01T00:00:00.000Z';
const SECOND_SYNC = '2025-01-01T01:00:00.000Z';

describe('sqlite catalog', () => {
  let directory: string;
  let path: string;
  let storage: Storage;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-sqlite-catalog-'));
    path = join(directory, 'request_database.db');
    storage = await createStorage({ strategy: 'sqlite', sqlite: { path } });
    await storage.migrate();
  });

  afterEach(async () => {
    await storage.close();
    await rm(directory, { recursive: true, force: true });
  });

  function rawPlans(): Record<string, unknown>[] {
    const database = new Database(path, { readonly: true });
    try {
      return database
        .prepare(
          `SELECT plan_id, provider_type, gpus, regions, base_price_hourly, base_price_monthly, markup_price_hourly,
             markup_price_monthly, currency, active, updated_at, json_extract(document, '$.active') AS document_active,
             json_extract(document, '$.updatedAt') AS document_updated_at
           FROM plans ORDER BY plan_id`,
        )
        .all() as Record<string, unknown>[];
    } finally {
      database.close();
    }
  }

  it('writes the columns beside each plan, with the price the stored markup rules gave at the sync', async () => {
    const rule: MarkupRule = { id: 'aws', providerType: 'aws', percent: 10, fixedHourly: 0.001 };
    await storage.catalog.saveMarkupRule(rule);
    const plan = samplePlan('aws-us-east-1', 't3.micro', FIRST_SYNC, { gpus: 1, regions: ['us-east-1', 'us-east-2'] });
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', { plans: [plan], regions: [], images: [], apps: [] }, FIRST_SYNC);
    // A rule changed after the sync leaves the recorded price as it was.
    await storage.catalog.saveMarkupRule({ ...rule, percent: 50 });

    const price = priceWithMarkup(plan, [rule]);
    expect(price.priceHourly).toBe(0.0138);
    expect(rawPlans()).toEqual([
      {
        plan_id: 't3.micro',
        provider_type: 'aws',
        gpus: 1,
        regions: '["us-east-1","us-east-2"]',
        base_price_hourly: 0.0116,
        base_price_monthly: 8.468,
        markup_price_hourly: price.priceHourly,
        markup_price_monthly: price.priceMonthly,
        currency: 'USD',
        active: 1,
        updated_at: FIRST_SYNC,
        document_active: 1,
        document_updated_at: FIRST_SYNC,
      },
    ]);
  });

  it('stores 1,000 prices at +7.5 % as the exact decimal result to 4 places, read back from REAL unchanged', async () => {
    const cases = exactMarkupCases('aws-us-east-1', FIRST_SYNC);
    await storage.catalog.saveMarkupRule(EXACT_MARKUP_RULE);
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', { plans: cases.map((entry) => entry.plan), regions: [], images: [], apps: [] }, FIRST_SYNC);

    const stored = rawPlans().map((row) => [row['plan_id'], row['markup_price_hourly'], row['markup_price_monthly']]);
    expect(stored).toEqual(cases.map((entry) => [entry.plan.planId, entry.priceHourly, entry.priceMonthly]));
  });

  it('marks a plan the next sync did not see inactive in its column and its document alike', async () => {
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', sampleProviderCatalog('aws-us-east-1', FIRST_SYNC, { plans: ['a', 'b'] }), FIRST_SYNC);
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', sampleProviderCatalog('aws-us-east-1', SECOND_SYNC, { plans: ['b'] }), SECOND_SYNC);
    expect(rawPlans().map((row) => [row['plan_id'], row['active'], row['document_active'], row['updated_at'], row['document_updated_at']])).toEqual([
      ['a', 0, 0, SECOND_SYNC, SECOND_SYNC],
      ['b', 1, 1, SECOND_SYNC, SECOND_SYNC],
    ]);
  });

  it('names a hand-edited plan that no longer parses', async () => {
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', sampleProviderCatalog('aws-us-east-1', FIRST_SYNC, { plans: ['t3.micro'] }), FIRST_SYNC);
    const database = new Database(path);
    try {
      database.prepare(`UPDATE plans SET document = json_set(document, '$.vcpus', -2)`).run();
    } finally {
      database.close();
    }
    await expect(storage.catalog.listPlans()).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('(plans aws-us-east-1/t3.micro) holds a catalog plan that is not valid: vcpus'),
    });
  });

  it('says to migrate when the catalog tables are missing', async () => {
    const unmigrated = await createStorage({ strategy: 'sqlite', sqlite: { path: join(directory, 'unmigrated.db') } });
    try {
      await expect(unmigrated.catalog.listPlans()).rejects.toMatchObject({ message: expect.stringContaining('run migrate() first') });
    } finally {
      await unmigrated.close();
    }
  });
});
