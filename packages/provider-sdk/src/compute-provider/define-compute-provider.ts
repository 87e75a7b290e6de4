import { TtlCache } from '../cache/ttl-cache.js';
import { defineProvider, type ProviderDefinitionV1 } from '../provider-definition/provider-definition-v1.js';
import type {
  CatalogReader,
  CloudCall,
  ComputeProviderAdapter,
  ComputeProviderOptions,
  DefinedComputeProvider,
} from './compute-provider-adapter.js';
import { checkHealth, validateTemplate } from './skeleton/check-health-and-template.js';
import { createInstances } from './skeleton/create-instances.js';
import { performAction } from './skeleton/perform-action.js';
import { describeInstances, findInstancesByName, findInstancesByTag, findInstancesByTagKey } from './skeleton/read-instances.js';
import { createSkeletonRuntime, type SkeletonRuntime } from './skeleton/skeleton-runtime.js';
import { releaseRequestResources, terminateInstances } from './skeleton/terminate-instances.js';
import type { AppV1, CallOptionsV1, ComputeProviderV1, ImageV1, LocationV1, SizeV1 } from './v1/compute-provider-v1.js';

/** What `defineComputeProvider` gives a provider package: its factory and its registry entry. */
export interface ComputeProviderFactory<Settings, SettingsInput, Extras extends object> {
  /** Parses `settings` (InvalidProviderOptionsError naming `config.<field>`) and builds one provider instance. */
  create(settings?: SettingsInput | Settings, options?: ComputeProviderOptions): DefinedComputeProvider<Extras>;
  /** For the registry and the runtime: the type, the settings schema and `create`. */
  readonly definition: ProviderDefinitionV1<Settings>;
}

/**
 * The one shape of a compute provider. The adapter implements what is its cloud's own (list by
 * tag, create a batch, delete one, describe a batch, the catalog, a health probe, a state map,
 * an error normalizer, an id check); this adds every rule that is not about one cloud:
 *
 * - **Settings** are parsed with the adapter's zod schema when the provider is built; a bad
 *   value throws InvalidProviderOptionsError (VALIDATION_ERROR) naming `config.<field>`.
 * - **Credentials** are read when the provider is built but required only by the first call
 *   that reaches the cloud (`initialize` included): it fails with MISSING_CREDENTIALS naming
 *   where they are looked for; `healthCheck` reports it as `unhealthy`; a dry run needs none.
 * - **Create** is idempotent: the request's live machines (by its ownership tags) count towards
 *   `count`, only the shortfall is created, in batches of `maxInstancesPerCall`; only a 429 is
 *   repeated. A bad `count` is a ProviderValidationError (VALIDATION_ERROR). Partial fulfilment
 *   is reported in `failures`; when nothing is placed, capacity and quota answers are still
 *   reported in `failures` and any other error is thrown.
 * - **Terminate** fans out per id; a machine that is gone, or an id this cloud can never have,
 *   is `alreadyGone`.
 * - **Describe** leaves unknown and foreign ids out and reads in batches of `describeBatchSize`.
 * - **Health**: 429 is `degraded`; auth failures and unreachable or failing clouds `unhealthy`.
 * - **Dry runs** send no create or delete and return `plannedCalls`.
 * - **Catalog** reads are cached (TtlCache, one hour unless the adapter says otherwise); the
 *   provider has `listApps` only when the adapter has it.
 * - **Errors** are normalized (adapter's normalizer for anything untyped) and redacted.
 */
export function defineComputeProvider<Settings, SettingsInput, Connection, Plan, Credentials = string, Extras extends object = object>(
  adapter: ComputeProviderAdapter<Settings, SettingsInput, Connection, Plan, Credentials, Extras>,
): ComputeProviderFactory<Settings, SettingsInput, Extras> {
  const create = (settings?: SettingsInput | Settings, options: ComputeProviderOptions = {}): DefinedComputeProvider<Extras> =>
    buildProvider(createSkeletonRuntime(adapter, settings, options), adapter) as DefinedComputeProvider<Extras>;
  return {
    create,
    definition: defineProvider<Settings>({
      type: adapter.providerId,
      displayName: adapter.displayName,
      settingsSchema: adapter.settingsSchema,
      create: (settings, context) => create(settings, context),
    }),
  };
}

function buildProvider<Settings, Connection, Extras extends object>(
  runtime: SkeletonRuntime,
  adapter: ComputeProviderAdapter<Settings, unknown, Connection, unknown, unknown, Extras>,
): ComputeProviderV1 {
  const catalog = new TtlCache<LocationV1[] | SizeV1[] | ImageV1[] | AppV1[]>({ ttlMs: runtime.limits.catalogCacheTtlMs, now: runtime.now });
  const callOf = (options: CallOptionsV1): CloudCall => (options.signal ? { signal: options.signal } : {});
  const cached = <Item extends LocationV1 | SizeV1 | ImageV1 | AppV1>(
    kind: string,
    options: CallOptionsV1,
    read: (connection: Connection, call: CloudCall) => Promise<Item[]>,
  ): Promise<Item[]> =>
    catalog.getOrLoad(kind, () => runtime.run(kind, (connection) => read(connection as Connection, callOf(options)))) as Promise<Item[]>;

  const provider: ComputeProviderV1 & { clearCatalogCache(): void } = {
    specificationVersion: 'v1',
    providerId: adapter.providerId,
    instanceName: runtime.instanceName,
    capabilities: runtime.capabilities,

    async initialize() {
      runtime.connection();
    },
    healthCheck: (options = {}) => checkHealth(runtime, options),
    listLocations: (options = {}) => cached('listLocations', options, adapter.listLocations),
    listSizes: (options = {}) => cached('listSizes', options, adapter.listSizes),
    listImages: (options = {}) => cached('listImages', options, adapter.listImages),
    clearCatalogCache: () => catalog.clear(),
    createInstances: (request, options = {}) => createInstances(runtime, request, options),
    describeInstances: (ids, options = {}) => describeInstances(runtime, ids, options),
    terminateInstances: (ids, options = {}) => terminateInstances(runtime, ids, options),
    findInstancesByTag: (tags, options = {}) => findInstancesByTag(runtime, tags, options),
    releaseRequestResources: (requestId, options = {}) =>
      releaseRequestResources(runtime, requestId, options, (tags, findOptions) => findInstancesByTag(runtime, tags, findOptions)),
    validateTemplate: (template, options = {}) => {
      const reader: CatalogReader = {
        listLocations: () => provider.listLocations(options),
        listSizes: () => provider.listSizes(options),
        listImages: () => provider.listImages(options),
      };
      return validateTemplate(runtime, template, reader);
    },
    async dispose() {
      catalog.clear();
    },
  };
  if (adapter.listApps) {
    const listApps = adapter.listApps;
    provider.listApps = (options = {}) => cached('listApps', options, listApps);
  }
  if (adapter.performAction) {
    const perform = adapter.performAction;
    provider.performAction = (id, action, options = {}) => performAction(runtime, perform, id, action, options);
  }
  if (adapter.listByNames) provider.findInstancesByName = (names, options = {}) => findInstancesByName(runtime, names, options);
  if (adapter.listByTagKey) provider.findInstancesByTagKey = (tagKey, options = {}) => findInstancesByTagKey(runtime, tagKey, options);
  if (adapter.dispose) {
    const disposeConnection = adapter.dispose;
    provider.dispose = async () => {
      catalog.clear();
      const connection = runtime.connectedClient();
      if (connection !== undefined) await disposeConnection(connection as Connection);
    };
  }
  const extras = adapter.extras?.({
    settings: runtime.settings as Settings,
    instanceName: runtime.instanceName,
    connection: () => runtime.connection() as Connection,
    provider,
    clearCatalogCache: () => catalog.clear(),
    run: (operation, work) => runtime.run(operation, (connection) => work(connection as Connection)),
  });
  return Object.assign(provider, extras);
}
