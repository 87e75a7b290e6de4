import { planView, type ListCatalogPlansResult, type ProviderSyncOutcome } from '@ohf/application-cqrs';
import { NotFoundError } from '@ohf/domain-core';
import { closestMatch } from '@ohf/runtime';
import { storageLocationOf } from '../composition/compose-runtime.js';
import { writeCatalogSnapshot } from '../fast-path/catalog-snapshot.js';
import { cacheDirectoryOf } from '../fast-path/template-fast-path.js';
import { storageStamp } from '../fast-path/template-usage.js';
import type { CliContext } from '../cli/cli-context.js';
import type { CommandDefinition, OptionDefinition, OptionValues } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { UsageError } from '../cli/parse-arguments.js';
import { defined, dispatch } from './dispatch.js';

const text = (options: OptionValues, name: string): string | undefined =>
  typeof options[name] === 'string' ? (options[name] as string) : undefined;

/** A numeric option: absent, or a number the flag allows (whole where it must be). */
function numberOption(options: OptionValues, name: string, kind: 'whole' | 'positive whole' | 'decimal'): number | undefined {
  const value = text(options, name);
  if (value === undefined) return undefined;
  const number = value.trim() === '' ? Number.NaN : Number(value);
  const valid = Number.isFinite(number) && number >= 0 && (kind === 'decimal' || Number.isInteger(number)) && (kind !== 'positive whole' || number > 0);
  if (!valid) {
    const expected = kind === 'decimal' ? 'a number ≥ 0' : kind === 'whole' ? 'a whole number ≥ 0' : 'a whole number ≥ 1';
    throw new UsageError(`--${name} must be ${expected} (got "${value}").`);
  }
  return number;
}

/**
 * The --provider value, once known to name an instance: a typo would otherwise list nothing, or
 * sync nothing, without a word. Instances registered at run time are asked for only when the
 * name is not in the configuration, so the usual listing stays a storage read.
 */
async function knownProvider(context: CliContext, options: OptionValues): Promise<string | undefined> {
  const provider = text(options, 'provider');
  if (provider === undefined) return undefined;
  const configured = (await context.runtime()).loaded.configuration.providers.providers.map((instance) => instance.name);
  if (configured.includes(provider)) return provider;
  const names = (await dispatch(context, { type: 'ListAvailableProviders' })).providers.map((instance) => instance.name);
  if (names.includes(provider)) return provider;
  const suggestion = closestMatch(provider, names);
  throw new NotFoundError(
    'PROVIDER_NOT_FOUND',
    `No provider instance is named "${provider}"${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}; the known ones are ${names.join(', ') || 'none'}.`,
    { details: { provider, available_providers: names } },
  );
}

/** Listing reads storage only: when nothing was synced yet, an empty answer needs its reason. */
function sayWhenNeverSynced(context: CliContext, syncedAt: Readonly<Record<string, string>>, provider: string | undefined): void {
  const synced = provider === undefined ? Object.keys(syncedAt).length > 0 : syncedAt[provider] !== undefined;
  if (!synced) {
    context.progress(`The catalog${provider === undefined ? '' : ` of ${provider}`} was never synced: run \`ohfp catalog sync${provider === undefined ? '' : ` --provider ${provider}`}\` to read it from the provider${provider === undefined ? 's' : ''}.`);
  }
}

/**
 * Leaves every priced plan for the fast path of `catalog plans`, written once storage is closed.
 * Not for a database server (another process may change it unseen), nor while the configuration
 * has unknown keys (the full path warns about them on every call).
 */
async function rememberPricedPlans(context: CliContext, everyPlan?: ListCatalogPlansResult): Promise<void> {
  const runtime = await context.runtime();
  const { loaded } = runtime;
  const storage = storageLocationOf(loaded);
  if (storageStamp(storage) === undefined || loaded.unknownKeys.length > 0) return;
  try {
    const { plans, syncedAt } = everyPlan ?? (await dispatch(context, { type: 'ListCatalogPlans' }));
    const content = { configuredProviders: loaded.configuration.providers.providers.map((instance) => instance.name), syncedAt, plans: plans.map(planView) };
    runtime.whenClosed(() => writeCatalogSnapshot(cacheDirectoryOf(loaded.paths, context.environment), loaded.paths, context.environment, storage, content));
  } catch (error) {
    // Only the next listing's speed depends on it: the command's own answer stands.
    runtime.logger.debug({ err: error }, 'catalog snapshot not recorded');
  }
}

const PROVIDER_OPTION: OptionDefinition = { name: 'provider', type: 'string', valueName: 'NAME', description: 'Only this provider instance.' };
const PROVIDER_TYPE_OPTION: OptionDefinition = { name: 'provider-type', type: 'string', valueName: 'TYPE', description: 'Only instances of this provider type (aws, linode, digitalocean).' };

const SYNC_HINT = 'Reads storage only (no provider call); `ohfp catalog sync` refreshes it.';

interface CatalogScopeOptions {
  readonly provider?: string;
  readonly providerType?: string;
}

interface Listing<Entry> {
  readonly entries: readonly Entry[];
  readonly syncedAt: Readonly<Record<string, string>>;
}

function listingCommand<Entry>(
  verb: 'regions' | 'images' | 'apps',
  summary: string,
  list: (context: CliContext, scope: CatalogScopeOptions) => Promise<Listing<Entry>>,
  columns: readonly string[],
  row: (entry: Entry) => readonly unknown[],
): CommandDefinition {
  return {
    path: ['catalog', verb],
    group: 'Catalog',
    summary,
    description: SYNC_HINT,
    options: [PROVIDER_OPTION, PROVIDER_TYPE_OPTION],
    examples: [`ohfp catalog ${verb} --provider linode-main --format table`],
    fieldOptions: { provider: 'provider', providerType: 'provider-type' },
    run: async (invocation, context) => {
      const provider = await knownProvider(context, invocation.options);
      const { entries, syncedAt } = await list(context, defined({ provider, providerType: text(invocation.options, 'provider-type') }));
      sayWhenNeverSynced(context, syncedAt, provider);
      return { exitCode: EXIT_CODES.success, output: { [verb]: entries }, table: { columns, rows: entries.map(row) } };
    },
  };
}

export const catalogCommands: readonly CommandDefinition[] = [
  {
    path: ['catalog', 'plans'],
    group: 'Catalog',
    summary: 'Plans of every provider instance with their price (base + markup), cheapest first.',
    description: `${SYNC_HINT} Prices are per hour and per month in the pricing currency; the base price is the provider's, the price is what users pay.`,
    options: [
      PROVIDER_OPTION,
      PROVIDER_TYPE_OPTION,
      { name: 'region', type: 'string', valueName: 'REGION', description: 'Only plans offered in this region.' },
      { name: 'min-vcpus', type: 'string', valueName: 'N', description: 'At least N vCPUs.' },
      { name: 'min-memory-gb', type: 'string', valueName: 'N', description: 'At least N GB of memory (decimals allowed).' },
      { name: 'gpus', type: 'string', valueName: 'N', description: 'At least N GPUs.' },
      { name: 'sort', type: 'string', valueName: 'price|vcpus|memory', description: 'Order (default price; unknown prices last).' },
      { name: 'limit', type: 'string', valueName: 'N', description: 'At most N plans.' },
    ],
    examples: ['ohfp catalog plans --min-vcpus 4 --min-memory-gb 8 --limit 10 --format table', 'ohfp catalog plans --provider-type aws --region eu-central-1 --gpus 1'],
    fieldOptions: {
      provider: 'provider',
      providerType: 'provider-type',
      region: 'region',
      minVcpus: 'min-vcpus',
      minMemoryGb: 'min-memory-gb',
      gpus: 'gpus',
      sort: 'sort',
      limit: 'limit',
    },
    run: async (invocation, context) => {
      const { options } = invocation;
      const query = defined({
        providerType: text(options, 'provider-type'),
        region: text(options, 'region'),
        minVcpus: numberOption(options, 'min-vcpus', 'decimal'),
        minMemoryGb: numberOption(options, 'min-memory-gb', 'decimal'),
        gpus: numberOption(options, 'gpus', 'whole'),
        sort: text(options, 'sort'),
        limit: numberOption(options, 'limit', 'positive whole'),
      });
      const provider = await knownProvider(context, options);
      const result: ListCatalogPlansResult = await dispatch(context, { type: 'ListCatalogPlans', ...query, ...defined({ provider }) });
      sayWhenNeverSynced(context, result.syncedAt, provider);
      await rememberPricedPlans(context, Object.keys(query).length === 0 && provider === undefined ? result : undefined);
      const plans = result.plans.map(planView);
      return {
        exitCode: EXIT_CODES.success,
        output: { plans },
        table: {
          columns: ['provider', 'planId', 'vcpus', 'memoryGb', 'diskGb', 'gpus', 'basePriceHourly', 'priceHourly', 'priceMonthly', 'currency', 'regions'],
          rows: plans.map((plan) => [
            plan.provider,
            plan.planId,
            plan.vcpus,
            plan.memoryGb,
            plan.diskGb,
            plan.gpus,
            plan.basePriceHourly ?? '-',
            plan.priceHourly ?? '-',
            plan.priceMonthly ?? '-',
            plan.currency,
            plan.regions,
          ]),
        },
      };
    },
  },
  listingCommand(
    'regions',
    'Regions of every provider instance.',
    async (context, scope) => {
      const { regions, syncedAt } = await dispatch(context, { type: 'ListCatalogRegions', ...scope });
      return { entries: regions, syncedAt };
    },
    ['provider', 'regionId', 'name', 'country', 'available'], (region) => [
    region.providerInstance,
    region.regionId,
    region.name,
    region.country,
    region.available,
  ]),
  listingCommand(
    'images',
    'Images of every provider instance, with OS family and version.',
    async (context, scope) => {
      const { images, syncedAt } = await dispatch(context, { type: 'ListCatalogImages', ...scope });
      return { entries: images, syncedAt };
    },
    ['provider', 'imageId', 'osFamily', 'osVersion', 'name'], (image) => [
    image.providerInstance,
    image.imageId,
    image.osFamily,
    image.osVersion,
    image.name,
  ]),
  listingCommand(
    'apps',
    'One-click apps: Linode StackScripts and DigitalOcean Marketplace apps.',
    async (context, scope) => {
      const { apps, syncedAt } = await dispatch(context, { type: 'ListCatalogApps', ...scope });
      return { entries: apps, syncedAt };
    },
    ['provider', 'appId', 'kind', 'name'], (app) => [
    app.providerInstance,
    app.appId,
    app.kind,
    app.name,
  ]),
  {
    path: ['catalog', 'sync'],
    group: 'Catalog',
    summary: 'Read plans, regions, images and apps from the providers into the stored catalog.',
    description:
      'Every enabled provider instance, or one. An instance that fails (credentials, an outage) keeps its last catalog and is reported; the exit code is 5 when one failed. The price file (catalog.price_file, default prices.json in the config directory) fills in or overrides prices.',
    options: [PROVIDER_OPTION],
    examples: ['ohfp catalog sync', 'ohfp catalog sync --provider aws-us-east-1 --format table'],
    fieldOptions: { provider: 'provider' },
    run: async (invocation, context) => {
      const provider = await knownProvider(context, invocation.options);
      context.progress(`Syncing the catalog of ${provider ?? 'every enabled provider instance'}…`);
      const result = await dispatch(context, { type: 'SyncCatalog', ...defined({ provider }) });
      for (const outcome of result.providers) context.progress(describeOutcome(outcome));
      await rememberPricedPlans(context);
      const failed = result.providers.some((outcome) => !outcome.ok);
      return {
        exitCode: failed ? EXIT_CODES.provider : EXIT_CODES.success,
        output: result,
        table: {
          columns: ['provider', 'ok', 'plans', 'regions', 'images', 'apps', 'error'],
          rows: result.providers.map((outcome) => [
            outcome.provider,
            outcome.ok,
            outcome.plans,
            outcome.regions,
            outcome.images,
            outcome.apps,
            outcome.error === undefined ? '' : `${outcome.error.code}: ${outcome.error.message}`,
          ]),
        },
      };
    },
  },
];

function describeOutcome(outcome: ProviderSyncOutcome): string {
  if (!outcome.ok) return `  ${outcome.provider}: failed (${outcome.error?.code}): ${outcome.error?.message}; its stored catalog is unchanged`;
  return `  ${outcome.provider}: ${outcome.plans} plans, ${outcome.regions} regions, ${outcome.images} images, ${outcome.apps} apps`;
}
