import { priceWithMarkup, type MarkupRule } from '@ohf/domain-core';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStorage } from '../create-storage.js';
import type { Storage } from '../storage.js';
import { createPostgresTestSchema, type PostgresTestSchema } from '../testing/postgres-test-schema.js';
import { EXACT_MARKUP_RULE, exactMarkupCases, samplePlan, sampleProviderCatalog } from '../testing/sample-catalog.js';

const SYNC = '2025-01-01T00:00:00.000Z';

describe('postgres catalog', () => {
  let schema: PostgresTestSchema;
  let storage: Storage;

  beforeEach(async () => {
    schema = await createPostgresTestSchema();
    storage = await createStorage({ strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, poolSize: 2 } });
    await storage.migrate();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await storage.close();
    await schema.drop();
  });

  async function sql<Row extends pg.QueryResultRow>(text: string): Promise<Row[]> {
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    try {
      return (await client.query<Row>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('stores prices as the exact decimals given, with the price the stored markup rules gave at the sync', async () => {
    const rule: MarkupRule = { id: 'aws', providerType: 'aws', percent: 10, fixedHourly: 0.001 };
    await storage.catalog.saveMarkupRule(rule);
    const plan = samplePlan('aws-us-east-1', 't3.micro', SYNC, { regions: ['us-east-1'], spotPriceHourly: 0.0035 });
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', { plans: [plan], regions: [], images: [], apps: [] }, SYNC);

    const price = priceWithMarkup(plan, [rule]);
    const rows = await sql(
      `SELECT base_price_hourly::text, base_price_monthly::text, spot_price_hourly::text, markup_price_hourly::text,
         markup_price_monthly::text, regions, active, pg_typeof(document)::text AS document_type
       FROM "${schema.schema}".plans`,
    );
    expect(rows).toEqual([
      {
        base_price_hourly: '0.0116',
        base_price_monthly: '8.468',
        spot_price_hourly: '0.0035',
        markup_price_hourly: String(price.priceHourly),
        markup_price_monthly: String(price.priceMonthly),
        regions: ['us-east-1'],
        active: true,
        document_type: 'jsonb',
      },
    ]);
    const [sum] = await sql<{ total: string }>(`SELECT sum(base_price_hourly)::text AS total FROM "${schema.schema}".plans`);
    expect(sum?.total).toBe('0.0116');
  });

  it('stores 1,000 prices at +7.5 % as the exact decimal result to 4 places in numeric columns', async () => {
    const cases = exactMarkupCases('aws-us-east-1', SYNC);
    await storage.catalog.saveMarkupRule(EXACT_MARKUP_RULE);
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', { plans: cases.map((entry) => entry.plan), regions: [], images: [], apps: [] }, SYNC);

    const rows = await sql<{ plan_id: string; hourly: string; monthly: string }>(
      `SELECT plan_id, markup_price_hourly::text AS hourly, markup_price_monthly::text AS monthly FROM "${schema.schema}".plans ORDER BY plan_id`,
    );
    expect(rows.map((row) => [row.plan_id, row.hourly, row.monthly])).toEqual(
      cases.map((entry) => [entry.plan.planId, String(entry.priceHourly), String(entry.priceMonthly)]),
    );
  });

  it('writes a thousand plans in a handful of statements, not one round trip each', async () => {
    const planIds = Array.from({ length: 1_000 }, (_, index) => `m7i.size-${String(index).padStart(4, '0')}`);
    const catalog = sampleProviderCatalog('aws-us-east-1', SYNC, { plans: planIds, regions: ['us-east-1'], images: ['ami-1'] });
    const queries = vi.spyOn(pg.Client.prototype, 'query');
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', catalog, SYNC);
    // BEGIN, lock, rules, deactivate, 3 deletes, plans, regions, images, sync, COMMIT (no apps to insert).
    expect(queries).toHaveBeenCalled();
    expect(queries.mock.calls.length).toBeLessThanOrEqual(12);
    expect((await storage.catalog.listPlans()).map((plan) => plan.planId)).toEqual(planIds);
  });

  it('names a hand-edited plan that no longer parses', async () => {
    await storage.catalog.replaceProviderCatalog('aws-us-east-1', sampleProviderCatalog('aws-us-east-1', SYNC, { plans: ['t3.micro'] }), SYNC);
    await sql(`UPDATE "${schema.schema}".plans SET document = jsonb_set(document, '{vcpus}', '-2')`);
    await expect(storage.catalog.listPlans()).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('plans aws-us-east-1/t3.micro holds a catalog plan that is not valid: vcpus'),
    });
  });
});
