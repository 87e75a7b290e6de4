import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPriceFile } from '@ohf/application-cqrs';
import { CatalogPlanSchema } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from './load-configuration.js';
import { priceFilePath, readPriceFile } from './price-file.js';
import { toPricingConfig } from './pricing-configuration.js';

function configDirectory(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'ohf-pricing-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

describe('pricing and catalog configuration', () => {
  it('reads snake_case markup rules into the application’s rules and defaults the catalog section', async () => {
    const directory = configDirectory({
      'config.yaml': 'pricing:\n  currency: USD\n  markups:\n    - {id: linode, provider_type: linode, percent: 20}\n    - {id: big, provider: aws-1, plan_id: p4d.24xlarge, fixed_hourly: 0.5}\n',
    });
    const { configuration, unknownKeys } = await loadConfiguration({ configDirectory: directory, environment: {} });

    expect(unknownKeys).toEqual([]);
    expect(configuration.catalog).toEqual({ sync_interval_minutes: 360 });
    expect(toPricingConfig(configuration.pricing).markups).toEqual([
      { id: 'linode', providerType: 'linode', percent: 20, fixedHourly: 0 },
      { id: 'big', providerInstance: 'aws-1', planId: 'p4d.24xlarge', percent: 0, fixedHourly: 0.5 },
    ]);
  });

  it('names a misspelled key and refuses a negative markup with its path', async () => {
    const typo = configDirectory({ 'config.yaml': 'catalog:\n  sync_interval_minute: 60\n' });
    expect((await loadConfiguration({ configDirectory: typo, environment: {} })).unknownKeys).toEqual([
      { path: 'catalog.sync_interval_minute', suggestion: 'sync_interval_minutes' },
    ]);
    const negative = configDirectory({ 'config.yaml': 'pricing:\n  markups:\n    - {id: a, percent: -5}\n' });
    await expect(loadConfiguration({ configDirectory: negative, environment: {} })).rejects.toThrow(/pricing\.markups\.0\.percent/);
  });
});

describe('price file', () => {
  const plan = CatalogPlanSchema.parse({
    providerInstance: 'aws-1',
    providerType: 'aws',
    planId: 'm7i.large',
    name: 'm7i.large',
    vcpus: 2,
    memoryGb: 8,
    diskGb: 0,
    regions: ['eu-central-1'],
    basePriceHourly: null,
    basePriceMonthly: null,
    updatedAt: '2026-12-05T00:00:00.000Z',
  });

  it('fills in prices from prices.json in the config directory, the regional entry winning', async () => {
    const directory = configDirectory({
      'prices.json': JSON.stringify({
        prices: [
          { provider_type: 'aws', plan_id: 'm7i.large', price_hourly: 0.1 },
          { provider_type: 'aws', plan_id: 'm7i.large', region: 'eu-central-1', price_hourly: 0.1176, spot_price_hourly: 0.04 },
          { provider_type: 'aws', plan_id: 'm7i.large', region: 'us-east-1', price_hourly: 0.1008 },
        ],
      }),
    });
    const entries = await readPriceFile(priceFilePath({ configDirectory: directory, workDirectory: directory, logDirectory: directory }, undefined));

    expect(applyPriceFile([plan], entries)[0]).toMatchObject({ basePriceHourly: 0.1176, basePriceMonthly: 85.848, spotPriceHourly: 0.04 });
  });

  it('has no entries without the default file, and names file and field of a bad one', async () => {
    const paths = (directory: string) => ({ configDirectory: directory, workDirectory: directory, logDirectory: directory });
    expect(await readPriceFile(priceFilePath(paths(configDirectory({})), undefined))).toEqual([]);
    await expect(readPriceFile(priceFilePath(paths(configDirectory({})), 'aws-prices.json'))).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/aws-prices\.json: the price file given as catalog\.price_file does not exist/),
    });
    const bad = configDirectory({ 'prices.json': JSON.stringify({ prices: [{ provider_type: 'aws', plan_id: 'm7i.large', price_hourly: '0.1' }] }) });
    await expect(readPriceFile(priceFilePath(paths(bad), undefined))).rejects.toMatchObject({
      message: expect.stringMatching(/prices\.json: prices\.0\.price_hourly: /),
      details: { file: join(bad, 'prices.json') },
    });
    const neither = configDirectory({ 'prices.json': JSON.stringify({ prices: [{ plan_id: 'm7i.large', price_hourly: 0.1 }] }) });
    await expect(readPriceFile(priceFilePath(paths(neither), undefined))).rejects.toThrow(/prices\.0\.provider: give provider/);
  });
});
