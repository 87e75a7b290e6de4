import { defineComputeProvider, mapWithConcurrency, OHF_TAG_KEYS, ProviderApiError, ProviderSdkError, ProviderValidationError } from '@ohf/provider-sdk';
import type { CallOptionsV1, ComputeProviderAdapter, ComputeProviderOptions, CreateBatch, DefinedComputeProvider } from '@ohf/provider-sdk';
import type { InstanceActionV1, ProviderErrorCodeV1, ProviderTemplateV1, TemplateValidationResultV1, WarningV1 } from '@ohf/provider-sdk';
import { createDigitalOceanApi, type DigitalOceanApi, type DropletActionType } from './digitalocean-api.js';
import { MAX_DROPLETS_PER_CREATE, type DropletCreateRequest } from './digitalocean-api-schemas/droplet-create-request.js';
import type { Droplet } from './digitalocean-api-schemas/droplet-schema.js';
import { hasNextPage, pageCount } from './digitalocean-api-schemas/pagination.js';
import { imagesToImages, oneClickToApp, regionToLocation, sizeToSize } from './digitalocean-catalog.js';
import { DIGITALOCEAN_PROVIDER_ID } from './digitalocean-errors.js';
import { DIGITALOCEAN_TOKEN_ENV, DigitalOceanSettingsSchema, readDigitalOceanToken, type DigitalOceanSettings, type DigitalOceanSettingsInput } from './digitalocean-settings.js';
import { DROPLET_STATE_MAP } from './digitalocean-state-map.js';
import { DIGITALOCEAN_TAG_RULES, digitalOceanRequestTag, encodeDigitalOceanTags, hasAllTags } from './digitalocean-tags.js';
import { MAX_USER_DATA_BYTES, parseDigitalOceanTemplateOptions, type DigitalOceanTemplateOptions } from './digitalocean-template-options.js';
import { dropletNames } from './droplet-names.js';
import { dropletToInstance } from './droplet-to-instance.js';

/** The spec's action words in DigitalOcean's droplet action types. */
const ACTION_TYPES: Readonly<Record<InstanceActionV1, DropletActionType>> = {
  boot: 'power_on',
  shutdown: 'shutdown',
  reboot: 'reboot',
};

export interface CredentialsValidationResult {
  readonly valid: boolean;
  readonly code?: ProviderErrorCodeV1;
  readonly message?: string;
  readonly account?: { readonly uuid: string; readonly status: string; readonly dropletLimit?: number };
}

/** What only DigitalOcean offers beside the spec. */
interface DigitalOceanExtras {
  /** Deletes every droplet carrying `tag` in one call (`DELETE /v2/droplets?tag_name=`). */
  terminateByTag(tag: string, options?: CallOptionsV1): Promise<void>;
  /** Whether the token is accepted (`GET /v2/account`); a missing or rejected token is a result, not an error. */
  validateCredentials(options?: CallOptionsV1): Promise<CredentialsValidationResult>;
}

/** The DigitalOcean provider: the spec, every optional member, and DigitalOcean's own calls. */
export type DigitalOceanProvider = DefinedComputeProvider<DigitalOceanExtras> &
  Required<Pick<DefinedComputeProvider<DigitalOceanExtras>, 'findInstancesByName' | 'findInstancesByTagKey' | 'listApps' | 'performAction'>>;

const SERVICE = 'digitalocean';
// Single-droplet gets in flight at once; the rate limiter paces them.
const CALL_CONCURRENCY = 5;
// Template fields that only mean something on other clouds.
const FOREIGN_TEMPLATE_FIELDS = [
  'subnetIds',
  'securityGroupIds',
  'keyName',
  'fleetType',
  'fleetRole',
  'allocationStrategy',
  'maxSpotPrice',
  'instanceProfile',
  'launchTemplateId',
  'rootDeviceVolumeSize',
  'volumeType',
  'iops',
] as const;
const isDropletId = (id: string): boolean => /^[1-9]\d{0,15}$/.test(id);
const callOf = (options: CallOptionsV1): { signal?: AbortSignal } => (options.signal ? { signal: options.signal } : {});

/** The body of one create call: the template's options, the machines' tags (the request tag last) and names. */
function createBody(batch: CreateBatch<DigitalOceanTemplateOptions>): DropletCreateRequest {
  const { plan: options, request } = batch;
  const { [OHF_TAG_KEYS.requestId]: requestId = request.requestId, ...otherTags } = batch.tags;
  return {
    names: dropletNames({ templateId: request.template.templateId, requestId: request.requestId, firstIndex: batch.firstIndex, count: batch.count }),
    region: options.region,
    size: options.size,
    image: options.image,
    ssh_keys: options.ssh_keys,
    ...(options.backups === undefined ? {} : { backups: options.backups }),
    ...(options.ipv6 === undefined ? {} : { ipv6: options.ipv6 }),
    ...(options.monitoring === undefined ? {} : { monitoring: options.monitoring }),
    ...(options.vpc_uuid === undefined ? {} : { vpc_uuid: options.vpc_uuid }),
    ...(request.template.userData === undefined ? {} : { user_data: request.template.userData }),
    tags: encodeDigitalOceanTags({ ...otherTags, [OHF_TAG_KEYS.requestId]: requestId }),
  };
}

/**
 * Droplets by id: the API has no lookup by several ids, so the account is paged (stopping once
 * all are seen), or, for a few ids in a large account, each is fetched on its own.
 */
async function describeDroplets(api: DigitalOceanApi, ids: readonly string[], signal: { signal?: AbortSignal }): Promise<Droplet[]> {
  const found = new Map<string, Droplet>();
  const collect = (droplets: readonly Droplet[]): void => {
    for (const droplet of droplets) if (ids.includes(String(droplet.id))) found.set(String(droplet.id), droplet);
  };
  const missing = (): string[] => ids.filter((id) => !found.has(id));
  const first = await api.listDropletsPage(1, signal);
  collect(first.items);
  if (missing().length === 0 || !hasNextPage(first.envelope, 1, api.pageSize, first.items.length)) return [...found.values()];
  const remainingPages = (pageCount(first.envelope, api.pageSize) ?? Number.POSITIVE_INFINITY) - 1;
  if (missing().length < remainingPages) {
    await mapWithConcurrency(missing(), CALL_CONCURRENCY, async (id) => {
      try {
        found.set(id, await api.getDroplet(Number(id), signal));
      } catch (error) {
        if (!(ProviderSdkError.isInstance(error) && error.code === 'MACHINE_NOT_FOUND')) throw error;
      }
    });
    return [...found.values()];
  }
  for (let page = 2; missing().length > 0; page += 1) {
    const next = await api.listDropletsPage(page, signal);
    collect(next.items);
    if (!hasNextPage(next.envelope, page, api.pageSize, next.items.length)) break;
  }
  return [...found.values()];
}

const digitalOceanAdapter: ComputeProviderAdapter<
  DigitalOceanSettings,
  DigitalOceanSettingsInput,
  DigitalOceanApi,
  DigitalOceanTemplateOptions,
  string,
  DigitalOceanExtras
> = {
  providerId: DIGITALOCEAN_PROVIDER_ID,
  displayName: 'DigitalOcean',
  settingsSchema: DigitalOceanSettingsSchema,
  credentials: { describe: () => `${DIGITALOCEAN_TOKEN_ENV} or the provider instance's \`token\` setting`, read: readDigitalOceanToken },
  stateMap: DROPLET_STATE_MAP,
  capabilities: () => ({
    apis: ['Droplets'],
    pricingModels: ['ondemand'],
    fleetTypes: [],
    maxInstancesPerCall: MAX_DROPLETS_PER_CREATE,
    describeBatchSize: 200,
    supportsStopStart: true,
    supportsDryRun: true,
  }),
  limits: (settings) => ({ callConcurrency: CALL_CONCURRENCY, catalogCacheTtlMs: settings.catalogTtlMs, createRetry: settings.retry }),
  describeStrategy: 'scan',
  isValidId: isDropletId,
  normalizeError: (error, operation) =>
    new ProviderApiError('INTERNAL', `digitalocean ${operation} failed: ${error instanceof Error ? error.message : String(error)}`, {
      providerId: DIGITALOCEAN_PROVIDER_ID,
      operation,
      retryable: false,
      cause: error,
    }),
  connect: createDigitalOceanApi,

  planTemplate: (template) => {
    const options = parseDigitalOceanTemplateOptions(template);
    return { plan: options, instanceType: options.size, location: options.region };
  },
  templateWarnings: (template) =>
    FOREIGN_TEMPLATE_FIELDS.filter((field) => {
      const value = template[field];
      return value !== undefined && !(Array.isArray(value) && value.length === 0);
    }).map((field): WarningV1 => ({ type: 'unsupported', feature: field, message: `${field} does not apply to DigitalOcean and is ignored` })),
  checkTemplate: async (options, catalog, template) => checkTemplate(options, await Promise.all([catalog.listLocations(), catalog.listSizes()]), template),

  async listByTags(api, tags, call) {
    const encoded = encodeDigitalOceanTags(tags);
    const requestId = tags[OHF_TAG_KEYS.requestId];
    const primary = requestId === undefined ? encoded[0] : digitalOceanRequestTag(requestId);
    const droplets = await api.listDroplets({ ...(primary === undefined ? {} : { tagName: primary }), ...call });
    return droplets.filter((droplet) => hasAllTags(droplet.tags, encoded)).map(dropletToInstance);
  },
  // Tag names are whole strings: the account's droplets are read page by page and the key checked by the skeleton.
  listByTagKey: async (api, _tagKey, call) => (await api.listDroplets(call)).map(dropletToInstance),
  // The API filters by one exact name per call: reading the account's pages costs less for many names.
  listByNames: async (api, names, call) =>
    (await api.listDroplets(call))
      .map(dropletToInstance)
      .filter((instance) => [instance.name, instance.privateIpAddress].some((name) => name !== null && names.includes(name))),
  createBatch: async (api, batch, call) => (await api.createDroplets(createBody(batch), call)).map(dropletToInstance),
  deleteOne: (api, id, call) => api.deleteDroplet(Number(id), call),
  deleteRequest: (api, requestId, call) => deleteByTag(api, digitalOceanRequestTag(requestId), call),
  describeBatch: async (api, ids, call) => (await describeDroplets(api, ids, call)).map(dropletToInstance),
  listLocations: async (api, call) => (await api.listRegions(call)).map(regionToLocation),
  listSizes: async (api, call) => (await api.listSizes(call)).map(sizeToSize),
  listImages: async (api, call) =>
    imagesToImages(await Promise.all([api.listImages({ type: 'distribution' }, call), api.listImages({ private: true }, call)])),
  // The API answers kubernetes apps too when the filter is ignored: only droplet apps can be created here.
  listApps: async (api, call) => (await api.listDropletOneClicks(call)).filter((oneClick) => oneClick.type === 'droplet').map(oneClickToApp),
  async performAction(api, id, action, call) {
    const answer = await api.postDropletAction(Number(id), ACTION_TYPES[action], call);
    return { actionId: String(answer.id) };
  },
  async checkHealth(api, call) {
    const account = await api.getAccount({ ...call, retry: false });
    const status = account.status === 'active' ? 'healthy' : account.status === 'warning' ? 'degraded' : 'unhealthy';
    const reason = account.status_message?.trim() ? `: ${account.status_message.trim()}` : '';
    return {
      status,
      ...(status === 'healthy' ? {} : { message: `DigitalOcean account is ${account.status}${reason}` }),
      details: { endpoint: 'GET /v2/account', accountStatus: account.status },
    };
  },
  healthDetails: { endpoint: 'GET /v2/account' },

  plannedCalls: {
    listByTags: (tags, settings) => ({
      service: SERVICE,
      operation: 'GET /v2/droplets',
      input: { tag_name: digitalOceanRequestTag(tags[OHF_TAG_KEYS.requestId] ?? ''), per_page: settings.pageSize },
    }),
    createBatch: (batch) => ({ service: SERVICE, operation: 'POST /v2/droplets', input: createBody(batch) }),
    deleteOne: (id) => ({ service: SERVICE, operation: `DELETE /v2/droplets/${id}`, input: { droplet_id: Number(id) } }),
    deleteRequest: (requestId) => ({ service: SERVICE, operation: 'DELETE /v2/droplets', input: { tag_name: digitalOceanRequestTag(requestId) } }),
    performAction: (id, action) => ({ service: SERVICE, operation: `POST /v2/droplets/${id}/actions`, input: { type: ACTION_TYPES[action] } }),
  },

  extras: (kit) => ({
    async terminateByTag(tag, options = {}) {
      if (tag.length === 0 || tag.length > DIGITALOCEAN_TAG_RULES.maxLength || !DIGITALOCEAN_TAG_RULES.pattern.test(tag)) {
        throw new ProviderValidationError(`"${tag}" is not a DigitalOcean tag name (letters, digits, _, - and :, at most 255)`, {
          providerId: DIGITALOCEAN_PROVIDER_ID,
          field: 'tag',
        });
      }
      if (!options.dryRun) await kit.run('deleteDropletsByTag', (api) => deleteByTag(api, tag, callOf(options)));
    },
    async validateCredentials(options = {}) {
      try {
        const account = await kit.run('validateCredentials', (api) => api.getAccount({ ...callOf(options), retry: false }));
        const dropletLimit = account.droplet_limit === undefined ? {} : { dropletLimit: account.droplet_limit };
        return { valid: true, account: { uuid: account.uuid, status: account.status, ...dropletLimit } };
      } catch (error) {
        if (ProviderSdkError.isInstance(error) && ['MISSING_CREDENTIALS', 'INVALID_CREDENTIALS', 'FORBIDDEN'].includes(error.code)) {
          return { valid: false, code: error.code, message: error.message };
        }
        throw error;
      }
    },
  }),
};

async function deleteByTag(api: DigitalOceanApi, tag: string, call: { signal?: AbortSignal }): Promise<void> {
  try {
    await api.deleteDropletsByTag(tag, call);
  } catch (error) {
    // An unknown tag has no droplets left to delete.
    if (!(ProviderSdkError.isInstance(error) && error.code === 'MACHINE_NOT_FOUND')) throw error;
  }
}

/** User data size, then region and size against the catalog (a size must be offered in the region). */
function checkTemplate(
  options: DigitalOceanTemplateOptions,
  [locations, sizes]: [Awaited<ReturnType<typeof digitalOceanAdapter.listLocations>>, Awaited<ReturnType<typeof digitalOceanAdapter.listSizes>>],
  template: ProviderTemplateV1,
): TemplateValidationResultV1 {
  const errors: TemplateValidationResultV1['errors'] = [];
  const warnings: TemplateValidationResultV1['warnings'] = [];
  const field = (name: string): string => `providerOptions.digitalocean.${name}`;
  if (template.userData !== undefined && Buffer.byteLength(template.userData, 'utf8') > MAX_USER_DATA_BYTES) {
    errors.push({ field: 'userData', message: 'DigitalOcean accepts at most 64 KiB of user data', code: 'VALIDATION_ERROR' });
  }
  const region = locations.find((location) => location.id === options.region);
  const size = sizes.find((candidate) => candidate.id === options.size);
  if (!region) errors.push({ field: field('region'), message: `Unknown region "${options.region}"`, code: 'VALIDATION_ERROR' });
  else if (!region.available) warnings.push({ field: field('region'), message: `Region "${options.region}" is not taking new droplets` });
  if (!size) errors.push({ field: field('size'), message: `Unknown size "${options.size}"`, code: 'VALIDATION_ERROR' });
  else if (region && size.locations && !size.locations.includes(region.id)) {
    errors.push({ field: field('size'), message: `Size "${options.size}" is not offered in region "${options.region}"`, code: 'INSUFFICIENT_CAPACITY' });
  }
  return { errors, warnings };
}

const digitalOcean = defineComputeProvider(digitalOceanAdapter);

/** What the provider registry loads for `type: digitalocean` instances in config.yaml. */
export const digitalOceanProviderDefinition = digitalOcean.definition;

/**
 * A DigitalOcean (API v2) provider over fetch. The token comes from `settings.token` or
 * `DIGITALOCEAN_TOKEN`; without one, the first call that needs the API fails with
 * MISSING_CREDENTIALS naming the variable.
 */
export function createDigitalOceanProvider(
  settings: DigitalOceanSettingsInput | DigitalOceanSettings = {},
  options: ComputeProviderOptions = {},
): DigitalOceanProvider {
  return digitalOcean.create(settings, options) as DigitalOceanProvider;
}
