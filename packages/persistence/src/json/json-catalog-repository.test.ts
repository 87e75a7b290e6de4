import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../create-storage.js';
import type { Storage } from '../storage.js';
import { sampleProviderCatalog } from '../testing/sample-catalog.js';

const SYNC = '2025-01-01T00:00:00.000Z';

describe('json catalog', () => {
  let directory: string;
  let path: string;
  let storage: Storage;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ohf-json-catalog-'));
    path = join(directory, 'request_database.json');
    storage = await createStorage({ strategy: 'json', json: { path } });
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function document(): Promise<Record<string, unknown>> {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  }

  it('keeps each instance under catalog.providers and the rules under catalog.markupRules, after Host Factory’s sections', async () => {
    await storage.migrate();
    expect(Object.keys(await document())).not.toContain('catalog');
    expect(await storage.catalog.listPlans()).toEqual([]);
    expect(await storage.catalog.listMarkupRules()).toEqual([]);

    const catalog = sampleProviderCatalog('linode-main', SYNC, { plans: ['g6-nanode-1'], regions: ['us-east'] });
    await storage.catalog.replaceProviderCatalog('linode-main', catalog, SYNC);
    await storage.catalog.saveMarkupRule({ id: 'linode', providerType: 'linode', percent: 20, fixedHourly: 0 });

    const written = await document();
    expect(Object.keys(written)).toEqual(['templates', 'requests', 'machines', 'catalog', 'tenancy', 'state', 'leases', 'schemaVersion']);
    expect(written['catalog']).toEqual({
      providers: {
        'linode-main': { syncedAt: SYNC, plans: { 'g6-nanode-1': catalog.plans[0] }, regions: { 'us-east': catalog.regions[0] }, images: {}, apps: {} },
      },
      markupRules: { linode: { id: 'linode', providerType: 'linode', percent: 20, fixedHourly: 0 } },
    });
  });

  it('names a hand-edited plan that no longer parses', async () => {
    await storage.catalog.replaceProviderCatalog('linode-main', sampleProviderCatalog('linode-main', SYNC, { plans: ['g6-nanode-1'] }), SYNC);
    const edited = (await document()) as { catalog: { providers: Record<string, { plans: Record<string, Record<string, unknown>> }> } };
    edited.catalog.providers['linode-main']!.plans['g6-nanode-1']!['vcpus'] = -2;
    await writeFile(path, JSON.stringify(edited));
    await expect(storage.catalog.listPlans()).rejects.toMatchObject({
      message: expect.stringContaining('(catalog.providers.linode-main.plans.g6-nanode-1) holds a catalog plan that is not valid: vcpus'),
    });
  });

  it('leaves the file unwritten when deleting a rule that does not exist', async () => {
    await storage.migrate();
    // Every write replaces the file (a new inode), so an unchanged inode means no write.
    const before = await stat(path);
    expect(await storage.catalog.deleteMarkupRule('missing')).toBe(false);
    expect((await stat(path)).ino).toBe(before.ino);
    await storage.catalog.saveMarkupRule({ id: 'kept', percent: 1, fixedHourly: 0 });
    expect((await stat(path)).ino).not.toBe(before.ino);
  });

  it('keeps an organization’s rules under catalog.organizationMarkupRules, by organization and id, and drops an organization left without any', async () => {
    await storage.migrate();
    const platform = { id: 'x', percent: 1, fixedHourly: 0 };
    const acme = { id: 'x', organizationId: 'acme', percent: 2, fixedHourly: 0 };
    await storage.catalog.saveMarkupRule(platform);
    await storage.catalog.saveMarkupRule(acme);
    expect((await document())['catalog']).toEqual({ providers: {}, markupRules: { x: platform }, organizationMarkupRules: { acme: { x: acme } } });
    expect(await storage.catalog.deleteMarkupRule('x', 'acme')).toBe(true);
    expect((await document())['catalog']).toEqual({ providers: {}, markupRules: { x: platform }, organizationMarkupRules: {} });
  });

  it('moves the organizations’ rules of a schema version 3 file out of catalog.markupRules on migrate', async () => {
    const platform = { id: 'linode', providerType: 'linode', percent: 20, fixedHourly: 0 };
    const acme = { id: 'acme-only', organizationId: 'acme', percent: 5, fixedHourly: 0 };
    const catalog = { providers: {}, markupRules: { linode: platform, 'acme-only': acme } };
    await writeFile(path, JSON.stringify({ templates: {}, requests: {}, machines: {}, catalog, state: {}, leases: {}, schemaVersion: 3 }));
    expect(await storage.migrate()).toEqual({ applied: [4], current: 4 });
    const written = await document();
    expect(written['catalog']).toEqual({ providers: {}, markupRules: { linode: platform }, organizationMarkupRules: { acme: { 'acme-only': acme } } });
    expect(written['schemaVersion']).toBe(4);
    expect(await storage.catalog.listMarkupRules()).toEqual([acme, platform]);
  });
});
