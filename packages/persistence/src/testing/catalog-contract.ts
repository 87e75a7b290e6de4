import type { CatalogPlan, MarkupRule } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../storage.js';
import { SCHEMA_THREE_MARKUP_RULES } from './previous-release.js';
import { samplePlan, sampleProviderCatalog } from './sample-catalog.js';

export interface CatalogContractHooks {
  /** The migrated storage of the running test. */
  storage(): Storage;
  /** A second storage on the same data, as another process would open it. */
  another(): Promise<Storage>;
  /** A storage on separate data as the previous release left it, holding the state `kept` = PREVIOUS_RELEASE_STATE. */
  previousSchema(): Promise<Storage>;
  /** A storage on separate data as schema version 3 left it, holding `SCHEMA_THREE_MARKUP_RULES`. */
  schemaVersionThree(): Promise<Storage>;
}

/** The state entry `kept` a database of the previous release holds (see `previousSchema`). */
export const PREVIOUS_RELEASE_STATE = { from: 'the previous release' } as const;

const FIRST_SYNC = '2025-01-01T00:00:00.000Z';
const SECOND_SYNC = '2025-01-01T01:00:00.000Z';

function ids(plans: readonly CatalogPlan[]): string[] {
  return plans.map((plan) => `${plan.providerInstance}/${plan.planId}${plan.active ? '' : ' (inactive)'}`);
}

/** The catalog part of the storage contract (`runStorageContract` runs it). */
export function describeCatalogContract(hooks: CatalogContractHooks): void {
  describe('catalog', () => {
    it('stores a sync and reads every entry back as it was written', async () => {
      const catalog = sampleProviderCatalog('aws-us-east-1', FIRST_SYNC, {
        plans: ['t3.micro', 'g5.xlarge'],
        regions: ['us-east-1'],
        images: ['ami-0abc'],
        apps: ['wordpress'],
      });
      const gpu = samplePlan('aws-us-east-1', 'g5.xlarge', FIRST_SYNC, {
        vcpus: 4,
        memoryGb: 16,
        gpus: 1,
        architecture: null,
        regions: [],
        transferGb: null,
        basePriceHourly: 1.006,
        basePriceMonthly: null,
        spotPriceHourly: 0.3018,
      });
      const { catalog: repository } = hooks.storage();
      await repository.replaceProviderCatalog('aws-us-east-1', { ...catalog, plans: [catalog.plans[0]!, gpu] }, FIRST_SYNC);

      expect(await repository.listPlans()).toEqual([gpu, catalog.plans[0]]);
      expect(await repository.listRegions()).toEqual(catalog.regions);
      expect(await repository.listImages()).toEqual(catalog.images);
      expect(await repository.listApps()).toEqual(catalog.apps);
      expect(await repository.lastSyncedAt()).toEqual({ 'aws-us-east-1': FIRST_SYNC });
      expect(await (await hooks.another()).catalog.listPlans()).toEqual([gpu, catalog.plans[0]]);
    });

    it('keeps plans a later sync no longer saw as inactive, at the time of that sync, and deletes regions, images and apps it no longer saw', async () => {
      const { catalog: repository } = hooks.storage();
      await repository.replaceProviderCatalog(
        'linode-main',
        sampleProviderCatalog('linode-main', FIRST_SYNC, {
          plans: ['g6-nanode-1', 'g6-standard-2'],
          regions: ['us-east', 'eu-west'],
          images: ['linode/ubuntu24.04', 'linode/debian12'],
          apps: ['401697', '401698'],
        }),
        FIRST_SYNC,
      );
      const second = sampleProviderCatalog(
        'linode-main',
        SECOND_SYNC,
        { plans: ['g6-standard-2', 'g6-standard-4'], regions: ['us-east'], images: ['linode/ubuntu24.04'], apps: ['401698'] },
        { plan: { basePriceHourly: 0.036 }, app: { kind: 'stackscript' } },
      );
      await repository.replaceProviderCatalog('linode-main', second, SECOND_SYNC);

      const plans = await repository.listPlans();
      expect(ids(plans)).toEqual(['linode-main/g6-nanode-1 (inactive)', 'linode-main/g6-standard-2', 'linode-main/g6-standard-4']);
      expect(plans[0]).toEqual({ ...samplePlan('linode-main', 'g6-nanode-1', FIRST_SYNC), active: false, updatedAt: SECOND_SYNC });
      expect(plans[1]).toEqual(second.plans[0]);
      expect(await repository.listRegions()).toEqual(second.regions);
      expect(await repository.listImages()).toEqual(second.images);
      expect(await repository.listApps()).toEqual(second.apps);
      expect(await repository.lastSyncedAt()).toEqual({ 'linode-main': SECOND_SYNC });

      // A plan seen again is active again.
      await repository.replaceProviderCatalog(
        'linode-main',
        sampleProviderCatalog('linode-main', SECOND_SYNC, { plans: ['g6-nanode-1'] }),
        SECOND_SYNC,
      );
      expect(ids(await repository.listPlans())).toEqual([
        'linode-main/g6-nanode-1',
        'linode-main/g6-standard-2 (inactive)',
        'linode-main/g6-standard-4 (inactive)',
      ]);
      expect(await repository.listRegions()).toEqual([]);
    });

    it('lists by provider instance and provider type, and a sync of one instance leaves the others as they were', async () => {
      const { catalog: repository } = hooks.storage();
      const catalogs = {
        'aws-us-east-1': sampleProviderCatalog('aws-us-east-1', FIRST_SYNC, { plans: ['t3.micro'], regions: ['us-east-1'], images: ['ami-1'] }),
        'linode-main': sampleProviderCatalog('linode-main', FIRST_SYNC, { plans: ['g6-nanode-1'], regions: ['us-east'], apps: ['401697'] }),
        'linode-eu': sampleProviderCatalog('linode-eu', FIRST_SYNC, { plans: ['g6-nanode-1'], regions: ['eu-west'], images: ['linode/debian12'] }),
      };
      for (const [instance, catalog] of Object.entries(catalogs)) await repository.replaceProviderCatalog(instance, catalog, FIRST_SYNC);

      expect(ids(await repository.listPlans())).toEqual(['aws-us-east-1/t3.micro', 'linode-eu/g6-nanode-1', 'linode-main/g6-nanode-1']);
      expect(ids(await repository.listPlans({ providerType: 'linode' }))).toEqual(['linode-eu/g6-nanode-1', 'linode-main/g6-nanode-1']);
      expect(ids(await repository.listPlans({ providerInstances: ['linode-main', 'aws-us-east-1'] }))).toEqual([
        'aws-us-east-1/t3.micro',
        'linode-main/g6-nanode-1',
      ]);
      expect(await repository.listPlans({ providerInstances: ['linode-main'], providerType: 'aws' })).toEqual([]);
      expect(await repository.listPlans({ providerInstances: [] })).toEqual([]);
      expect((await repository.listRegions({ providerType: 'linode' })).map((region) => region.regionId)).toEqual(['eu-west', 'us-east']);
      expect((await repository.listImages({ providerInstances: ['linode-eu'] })).map((image) => image.imageId)).toEqual(['linode/debian12']);
      expect((await repository.listApps({ providerType: 'aws' })).map((app) => app.appId)).toEqual([]);

      await repository.replaceProviderCatalog('linode-main', sampleProviderCatalog('linode-main', SECOND_SYNC, {}), SECOND_SYNC);
      expect(ids(await repository.listPlans())).toEqual([
        'aws-us-east-1/t3.micro',
        'linode-eu/g6-nanode-1',
        'linode-main/g6-nanode-1 (inactive)',
      ]);
      expect(await repository.listRegions({ providerInstances: ['aws-us-east-1', 'linode-eu'] })).toEqual([
        ...catalogs['aws-us-east-1'].regions,
        ...catalogs['linode-eu'].regions,
      ]);
      expect(await repository.listRegions({ providerInstances: ['linode-main'] })).toEqual([]);
      expect(await repository.listApps()).toEqual([]);
      expect(await repository.lastSyncedAt()).toEqual({ 'aws-us-east-1': FIRST_SYNC, 'linode-eu': FIRST_SYNC, 'linode-main': SECOND_SYNC });
    });

    it('refuses a catalog holding entries of another instance or invalid entries, and keeps the stored one', async () => {
      const { catalog: repository } = hooks.storage();
      const stored = sampleProviderCatalog('aws-us-east-1', FIRST_SYNC, { plans: ['t3.micro'] });
      await repository.replaceProviderCatalog('aws-us-east-1', stored, FIRST_SYNC);
      const foreign = sampleProviderCatalog('aws-us-west-2', SECOND_SYNC, { plans: ['t3.large'] });
      await expect(repository.replaceProviderCatalog('aws-us-east-1', foreign, SECOND_SYNC)).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
        details: { field: 'plans[0].providerInstance' },
      });
      const negative = { ...stored, plans: [{ ...stored.plans[0]!, vcpus: -1 }] };
      await expect(repository.replaceProviderCatalog('aws-us-east-1', negative, SECOND_SYNC)).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      await expect(
        repository.replaceProviderCatalog('aws-us-east-1', { ...stored, regions: [{ ...stored.plans[0]!, regionId: 'bad\u0000id' } as never] }, SECOND_SYNC),
      ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      expect(await repository.listPlans()).toEqual(stored.plans);
      expect(await repository.lastSyncedAt()).toEqual({ 'aws-us-east-1': FIRST_SYNC });
    });

    it('writes a plan named twice in one sync once, the last entry winning', async () => {
      const { catalog: repository } = hooks.storage();
      const first = samplePlan('aws-us-east-1', 't3.micro', FIRST_SYNC, { basePriceHourly: 0.01 });
      const last = samplePlan('aws-us-east-1', 't3.micro', FIRST_SYNC, { basePriceHourly: 0.0104 });
      await repository.replaceProviderCatalog('aws-us-east-1', { plans: [first, last], regions: [], images: [], apps: [] }, FIRST_SYNC);
      expect(await repository.listPlans()).toEqual([last]);
    });

    it('never duplicates rows when two processes replace one instance at the same time', async () => {
      const [storage, other, third] = [hooks.storage(), await hooks.another(), await hooks.another()];
      const morning = sampleProviderCatalog('aws-us-east-1', FIRST_SYNC, { plans: ['a', 'b'], regions: ['r1', 'r2'], images: ['i1'] });
      const noon = sampleProviderCatalog('aws-us-east-1', SECOND_SYNC, { plans: ['b', 'c'], regions: ['r2', 'r3'], images: ['i1'] });
      await Promise.all([
        storage.catalog.replaceProviderCatalog('aws-us-east-1', morning, FIRST_SYNC),
        other.catalog.replaceProviderCatalog('aws-us-east-1', noon, SECOND_SYNC),
        third.catalog.replaceProviderCatalog('aws-us-east-1', noon, SECOND_SYNC),
      ]);
      const plans = await storage.catalog.listPlans();
      expect(plans.map((plan) => plan.planId)).toEqual(['a', 'b', 'c']);
      const regions = (await storage.catalog.listRegions()).map((region) => region.regionId);
      // Whichever finished last wrote the whole of its catalog: its regions, its plans active.
      const winner = regions.includes('r1') ? morning : noon;
      expect(regions).toEqual(winner.regions.map((region) => region.regionId));
      expect(plans.filter((plan) => plan.active).map((plan) => plan.planId)).toEqual(winner.plans.map((plan) => plan.planId));
      expect(await storage.catalog.listImages()).toHaveLength(1);
    });

    it('adds, replaces, lists (by id) and deletes markup rules, for every process', async () => {
      const { catalog: repository } = hooks.storage();
      const linode: MarkupRule = { id: 'linode', providerType: 'linode', percent: 20, fixedHourly: 0 };
      const gpu: MarkupRule = { id: 'aws-gpu', providerInstance: 'aws-us-east-1', planId: 'g5.xlarge', percent: 0, fixedHourly: 0.05 };
      await repository.saveMarkupRule(linode);
      await repository.saveMarkupRule(gpu);
      expect(await repository.listMarkupRules()).toEqual([gpu, linode]);

      const changed: MarkupRule = { id: 'linode', providerType: 'linode', percent: 12.5, fixedHourly: 0.001 };
      await repository.saveMarkupRule(changed);
      const other = await hooks.another();
      expect(await other.catalog.listMarkupRules()).toEqual([gpu, changed]);
      expect(await other.catalog.deleteMarkupRule('aws-gpu')).toBe(true);
      expect(await repository.deleteMarkupRule('aws-gpu')).toBe(false);
      expect(await repository.listMarkupRules()).toEqual([changed]);

      await expect(repository.saveMarkupRule({ id: 'bad', percent: -5, fixedHourly: 0 })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
      await expect(repository.saveMarkupRule({ id: 'bad\u0000', percent: 5, fixedHourly: 0 })).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
      expect(await repository.deleteMarkupRule('bad\u0000')).toBe(false);
      expect(await repository.listMarkupRules()).toEqual([changed]);
    });

    it('keys markup rules by owner and id: two organizations keep the same id apart, and a delete touches one owner only', async () => {
      const { catalog: repository } = hooks.storage();
      const acme: MarkupRule = { id: 'gpu', organizationId: 'acme', providerType: 'aws', percent: 10, fixedHourly: 0 };
      const globex: MarkupRule = { id: 'gpu', organizationId: 'globex', planId: 'g5.xlarge', percent: 30, fixedHourly: 0.5 };
      const platform: MarkupRule = { id: 'gpu', percent: 1, fixedHourly: 0 };
      const other: MarkupRule = { id: 'another', organizationId: 'globex', percent: 2, fixedHourly: 0 };
      await repository.saveMarkupRule(globex);
      await repository.saveMarkupRule(acme);
      await repository.saveMarkupRule(platform);
      await repository.saveMarkupRule(other);
      // By id, then owner, the platform's first.
      expect(await repository.listMarkupRules()).toEqual([other, platform, acme, globex]);

      // A replace touches its owner's rule only.
      const changed: MarkupRule = { ...acme, percent: 15 };
      await repository.saveMarkupRule(changed);
      const process = await hooks.another();
      expect(await process.catalog.listMarkupRules()).toEqual([other, platform, changed, globex]);

      expect(await process.catalog.deleteMarkupRule('gpu', 'acme')).toBe(true);
      expect(await repository.deleteMarkupRule('gpu', 'acme')).toBe(false);
      expect(await repository.deleteMarkupRule('gpu', 'initech')).toBe(false);
      expect(await repository.deleteMarkupRule('another')).toBe(false);
      expect(await repository.listMarkupRules()).toEqual([other, platform, globex]);
      expect(await repository.deleteMarkupRule('gpu')).toBe(true);
      expect(await repository.listMarkupRules()).toEqual([other, globex]);
      expect(await repository.deleteMarkupRule('gpu', 'bad\u0000')).toBe(false);
    });

    it('upgrades a database of schema version 3, keeping its markup rules, which are then keyed by owner', async () => {
      const older = await hooks.schemaVersionThree();
      const migration = await older.migrate();
      expect(migration.applied).toContain(4);
      expect(migration.current).toBe((await hooks.storage().migrate()).current);
      const [acme, linode] = SCHEMA_THREE_MARKUP_RULES;
      expect(await older.catalog.listMarkupRules()).toEqual([acme, linode]);
      const globex: MarkupRule = { ...acme, organizationId: 'globex', percent: 7 };
      await older.catalog.saveMarkupRule(globex);
      expect(await older.catalog.listMarkupRules()).toEqual([acme, globex, linode]);
      expect(await older.catalog.deleteMarkupRule('acme-gpu', 'acme')).toBe(true);
      expect(await older.catalog.deleteMarkupRule('linode', 'acme')).toBe(false);
      expect(await older.catalog.listMarkupRules()).toEqual([globex, linode]);
      expect((await older.migrate()).applied).toEqual([]);
    });

    it('keeps names and descriptions with characters no store keeps as U+FFFD, and finds nothing for such an instance', async () => {
      const { catalog: repository } = hooks.storage();
      const catalog = sampleProviderCatalog('digitalocean-main', FIRST_SYNC, { apps: ['wordpress'] }, { app: { description: 'a\u0000b' } });
      await repository.replaceProviderCatalog('digitalocean-main', catalog, FIRST_SYNC);
      expect((await repository.listApps())[0]?.description).toBe('a\ufffdb');
      expect(await repository.listApps({ providerInstances: ['digitalocean-main\u0000'] })).toEqual([]);
    });

    it('upgrades a database of the previous schema, keeping its data, and then stores a catalog', async () => {
      const previous = await hooks.previousSchema();
      const migration = await previous.migrate();
      expect(migration.applied.length).toBeGreaterThan(0);
      expect(migration.current).toBe((await hooks.storage().migrate()).current);
      expect(await previous.healthCheck()).toMatchObject({ ok: true });
      expect((await previous.state.get('kept'))?.value).toEqual(PREVIOUS_RELEASE_STATE);
      const catalog = sampleProviderCatalog('aws-us-east-1', FIRST_SYNC, { plans: ['t3.micro'], regions: ['us-east-1'] });
      await previous.catalog.replaceProviderCatalog('aws-us-east-1', catalog, FIRST_SYNC);
      expect(await previous.catalog.listPlans()).toEqual(catalog.plans);
      expect((await previous.migrate()).applied).toEqual([]);
    });
  });
}
