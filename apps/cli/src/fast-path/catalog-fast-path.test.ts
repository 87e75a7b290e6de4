import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planView } from '@ohf/application-cqrs';
import { CatalogPlanSchema, queryPlans, type CatalogPlanInput, type MarkupRule, type PlanQueryInput } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../cli/parse-arguments.js';
import { COMMANDS } from '../commands/commands.js';
import { catalogPlansQueryOf, selectPlans, type FastPlanQuery } from './catalog-fast-path.js';
import { planFieldsOf, readFreshCatalogSnapshot, writeCatalogSnapshot } from './catalog-snapshot.js';
import { directoriesOf } from './template-fast-path.js';

// The fast path keeps its own copy of the plan query (domain-core would load zod); these keep
// the two in step on the same plans, and its answer byte for byte with the full path's printing.

const plan = (input: Partial<CatalogPlanInput> & Pick<CatalogPlanInput, 'providerInstance' | 'planId'>) =>
  CatalogPlanSchema.parse({
    providerType: 'linode',
    name: `Plan ${input.planId}`,
    vcpus: 2,
    memoryGb: 4,
    diskGb: 80,
    basePriceHourly: 0.03,
    basePriceMonthly: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...input,
  });

// Ties on every sort key, unknown prices, plans in no region, GPUs, accents and case in names.
const PLANS = [
  plan({ providerInstance: 'linode-main', planId: 'g6-standard-2' }),
  plan({ providerInstance: 'linode-main', planId: 'G6-standard-1', vcpus: 1, memoryGb: 2, basePriceHourly: 0.015, regions: ['us-east'] }),
  plan({ providerInstance: 'linode-main', planId: 'g1-gpu', vcpus: 8, memoryGb: 32, gpus: 1, basePriceHourly: 1.5, regions: ['us-east', 'eu-west'] }),
  plan({ providerInstance: 'linode-eu', planId: 'g6-standard-2', regions: ['eu-west'] }),
  plan({ providerInstance: 'linode-eu', planId: 'g6-unpriced', basePriceHourly: null, vcpus: 4 }),
  plan({ providerInstance: 'Aws-main', providerType: 'aws', planId: 'm5.large', vcpus: 2, memoryGb: 8, basePriceHourly: 0.096, regions: ['eu-west'] }),
  plan({ providerInstance: 'aws-main', providerType: 'aws', planId: 't3.micro', vcpus: 2, memoryGb: 1, basePriceHourly: 0.0104, regions: ['us-east'] }),
  plan({ providerInstance: 'aws-main', providerType: 'aws', planId: 'étoile', vcpus: 2, memoryGb: 1, basePriceHourly: 0.0104, name: 'Étoile ✓' }),
  plan({ providerInstance: 'aws-main', providerType: 'aws', planId: 'retired', active: false }),
];
const RULES: MarkupRule[] = [
  { id: 'all', percent: 10, fixedHourly: 0 },
  { id: 'eu', providerInstance: 'linode-eu', percent: 0, fixedHourly: 0.006 },
];

const QUERIES: PlanQueryInput[] = [
  {},
  { sort: 'vcpus' },
  { sort: 'memory', limit: 3 },
  { provider: 'linode-main' },
  { providerType: 'aws', sort: 'vcpus' },
  { region: 'eu-west' },
  { minVcpus: 2, minMemoryGb: 4 },
  { minMemoryGb: 1.5, sort: 'memory' },
  { gpus: 1 },
  { gpus: 0, limit: 1 },
  { provider: 'nowhere' },
];

const identities = (plans: readonly { provider: string; planId: string }[]) => plans.map((entry) => `${entry.provider}/${entry.planId}`);
const everyPlan = queryPlans(PLANS, {}, RULES).map(planView);

describe("the fast path's plan query is the domain's", () => {
  it.each(QUERIES)('%j', (query) => {
    const expected = queryPlans(PLANS, query, RULES).map(planView);
    expect(identities(selectPlans(planFieldsOf(everyPlan), { sort: 'price', ...query } as FastPlanQuery))).toEqual(identities(expected));
  });
});

describe('the fast path reads `catalog plans` as the full path does', () => {
  it.each([
    [['catalog', 'plans'], { sort: 'price' }],
    [['catalog', 'plans', '--format', 'json', '--sort=vcpus', '--limit', '2', '--limit', '3'], { sort: 'vcpus', limit: 3 }],
    [['catalog', 'plans', '--provider', 'aws-main', '--provider-type', 'aws', '--region', 'eu-west'], { provider: 'aws-main', providerType: 'aws', region: 'eu-west', sort: 'price' }],
    [['catalog', 'plans', '--min-vcpus', '1.5', '--min-memory-gb=0', '--gpus', '1'], { minVcpus: 1.5, minMemoryGb: 0, gpus: 1, sort: 'price' }],
  ])('%j', (argv, query) => {
    expect(catalogPlansQueryOf(argv)).toEqual(query);
    const parsed = parseCommandLine(argv, COMMANDS);
    expect(parsed.command?.path).toEqual(['catalog', 'plans']);
    expect(parsed.positionals).toEqual([]);
  });

  it.each([
    ['catalog', 'plans', '--help'],
    ['catalog', 'plans', '--format', 'table'],
    ['catalog', 'plans', '--config-dir', '/etc/ohf'],
    ['catalog', 'plans', '--limit', '0'],
    ['catalog', 'plans', '--limit', '-1'],
    ['catalog', 'plans', '--gpus', '1.5'],
    ['catalog', 'plans', '--min-vcpus', ''],
    ['catalog', 'plans', '--sort', 'name'],
    ['catalog', 'plans', '--provider', ''],
    ['catalog', 'plans', '--region'],
    ['catalog', 'plans', '--dry-run'],
    ['catalog', 'plans', 'extra'],
    ['catalog', 'plans', '--', '--limit'],
    ['--format', 'json', 'catalog', 'plans'],
    ['catalog', 'regions'],
  ])('leaves %j to the full path', (...argv) => {
    expect(catalogPlansQueryOf(argv)).toBeUndefined();
  });
});

describe('the catalog snapshot', () => {
  const root = mkdtempSync(join(tmpdir(), 'ohf-catalog-snapshot-'));
  const environment = { HF_PROVIDER_CONFDIR: join(root, 'conf'), HF_PROVIDER_WORKDIR: root, LANG: 'C.UTF-8' };
  const directories = directoriesOf(environment, root);
  const storage = { strategy: 'sqlite', path: join(root, 'request_database.db') };
  writeFileSync(storage.path, 'database');
  const content = { configuredProviders: ['linode-main', 'linode-eu', 'aws-main', 'Aws-main'], syncedAt: { 'linode-main': '2026-01-01T00:00:00.000Z' }, plans: everyPlan };

  it.each(QUERIES)('prints what the full path prints for %j', (query) => {
    writeCatalogSnapshot(root, directories, environment, storage, content);
    const snapshot = readFreshCatalogSnapshot(root, directories, environment)!;
    const chosen = selectPlans(snapshot.plans()!, { sort: 'price', ...query } as FastPlanQuery);
    const full = `${JSON.stringify({ plans: queryPlans(PLANS, query, RULES).map(planView) }, null, 2)}\n`;
    expect(snapshot.answerOf(chosen).toString('utf8')).toBe(full);
    if (Object.keys(query).length === 0) expect(snapshot.unfilteredAnswer.toString('utf8')).toBe(full);
  });

  it('is not trusted once the database, the configuration or the collation changed', () => {
    writeCatalogSnapshot(root, directories, environment, storage, content);
    expect(readFreshCatalogSnapshot(root, directories, environment)).toBeDefined();
    expect(readFreshCatalogSnapshot(root, directories, { ...environment, LANG: 'de_DE.UTF-8' })).toBeUndefined();
    expect(readFreshCatalogSnapshot(root, directories, { ...environment, HF_LOG_LEVEL: 'debug' })).toBeUndefined();
    writeFileSync(`${storage.path}-wal`, 'a write');
    expect(readFreshCatalogSnapshot(root, directories, environment)).toBeUndefined();
    writeCatalogSnapshot(root, directories, environment, storage, content);
    utimesSync(storage.path, new Date(), new Date(Date.now() + 5_000));
    expect(readFreshCatalogSnapshot(root, directories, environment)).toBeUndefined();
  });

  it('prints an empty catalog as the full path does', () => {
    writeCatalogSnapshot(root, directories, environment, storage, { ...content, plans: [] });
    const snapshot = readFreshCatalogSnapshot(root, directories, environment)!;
    expect(snapshot.unfilteredAnswer.toString('utf8')).toBe(`${JSON.stringify({ plans: [] }, null, 2)}\n`);
    expect(snapshot.plans()).toEqual([]);
  });

  it('is never written for a database server', () => {
    const server = mkdtempSync(join(tmpdir(), 'ohf-catalog-snapshot-'));
    writeCatalogSnapshot(server, directoriesOf(environment, server), environment, { strategy: 'postgres' }, content);
    expect(readFreshCatalogSnapshot(server, directoriesOf(environment, server), environment)).toBeUndefined();
  });
});
