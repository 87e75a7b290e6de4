import { randomInt } from 'node:crypto';
import {
  defineComputeProvider,
  encodeStringTags,
  mapWithConcurrency,
  parseProviderOptions,
  ProviderSdkError,
  REDACTED,
  type CallOptionsV1,
  type ComputeProviderAdapter,
  type ComputeProviderOptions,
  type CreateBatch,
  type DefinedComputeProvider,
  type ProviderErrorCodeV1,
  type ProviderTemplateV1,
  type TemplateValidationResultV1,
  type WarningV1,
} from '@ohf/provider-sdk';
import {
  filterByAny,
  filterByTags,
  INSTANCE_CREATE_OPERATION,
  INSTANCES_PATH,
  LinodeApiClient,
  OWN_AND_LINODE_STACKSCRIPTS,
  STACKSCRIPTS_PATH,
} from './linode-api.js';
import { LinodeEmptyResponseSchema } from './linode-api-schemas/linode-empty-response-schema.js';
import { LinodeImageSchema } from './linode-api-schemas/linode-image-schema.js';
import { LinodeInstanceSchema } from './linode-api-schemas/linode-instance-schema.js';
import { LinodeProfileSchema } from './linode-api-schemas/linode-profile-schema.js';
import { LinodeRegionSchema } from './linode-api-schemas/linode-region-schema.js';
import { LinodeStackScriptSchema } from './linode-api-schemas/linode-stackscript-schema.js';
import { LinodeTypeSchema } from './linode-api-schemas/linode-type-schema.js';
import { linodeImageToImage, linodeRegionToLocation, linodeStackScriptToApp, linodeTypeToSize } from './linode-catalog-mapping.js';
import { buildCreateInstanceBody, resolveMachineSpec, type LinodeCreateInstanceBody, type LinodeMachineSpec } from './linode-create-instance-body.js';
import { LINODE_PROVIDER_ID, normalizeLinodeFailure } from './linode-errors.js';
import { linodeInstanceToInstance } from './linode-instance-mapping.js';
import { buildLinodeLabel } from './linode-label.js';
import { LinodeProviderSettingsSchema, type LinodeProviderSettings, type LinodeProviderSettingsInput } from './linode-settings.js';
import { LINODE_STATE_MAP } from './linode-state-map.js';
import { LinodeTemplateOptionsSchema, type LinodeTemplateOptions } from './linode-template-options.js';
import { generateRootPassword, type RandomIntSource } from './root-password.js';

/** What `validateCredentials` found out about the token. */
export type LinodeCredentialsCheck =
  | { readonly valid: true; readonly username: string; readonly restricted: boolean }
  | { readonly valid: false; readonly code: ProviderErrorCodeV1; readonly message: string };

/** The skeleton's options plus the integer source tests replace (root passwords, label suffixes). */
export interface LinodeProviderOptions extends ComputeProviderOptions {
  /** Uniform integer source; the crypto RNG by default. */
  readonly randomInt?: RandomIntSource;
}

/** What only Linode offers beside the spec. */
interface LinodeExtras {
  /** Checks the token against `GET /profile`; a rejected or missing token is `valid: false`. */
  validateCredentials(options?: CallOptionsV1): Promise<LinodeCredentialsCheck>;
}

/** The Linode provider: the spec, every optional member, and Linode's credentials check. */
export type LinodeProvider = DefinedComputeProvider<LinodeExtras> &
  Required<Pick<DefinedComputeProvider<LinodeExtras>, 'findInstancesByName' | 'findInstancesByTagKey' | 'listApps' | 'performAction'>>;

interface LinodePlan {
  readonly options: LinodeTemplateOptions;
  readonly spec: LinodeMachineSpec;
}

const SERVICE = 'linode';
const MARKETPLACE_LABEL = 'One-Click';
const LABEL_SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LABEL_SUFFIX_LENGTH = 6;
// Labels per X-Filter: keeps the header well under common 8 KiB header limits.
const LABELS_PER_FILTER = 100;
// Linode tags: 3 to 50 characters.
const TAG_RULES = { maxLength: 50, minLength: 3 } as const;
const isLinodeId = (id: string): boolean => /^\d+$/.test(id);
// Template fields Linode has no use for: reported, not fatal.
const IGNORED_TEMPLATE_FIELDS: readonly (readonly [keyof ProviderTemplateV1, string])[] = [
  ['fleetType', 'Linode creates machines one by one; fleet types do not apply'],
  ['subnetIds', 'use providerOptions.linode.vpc or interfaces for Linode networking'],
  ['securityGroupIds', 'use providerOptions.linode.firewall_id for Linode firewalls'],
  ['keyName', 'use providerOptions.linode.authorized_keys or authorized_users for SSH access'],
  ['rootDeviceVolumeSize', 'the Linode type fixes the disk size'],
];

/** Linode's own parts; everything else is the SDK's skeleton. */
function linodeAdapter(
  randomIntSource: RandomIntSource,
): ComputeProviderAdapter<LinodeProviderSettings, LinodeProviderSettingsInput, LinodeApiClient, LinodePlan, string, LinodeExtras> {
  const labelSuffix = (): string =>
    Array.from({ length: LABEL_SUFFIX_LENGTH }, () => LABEL_SUFFIX_ALPHABET.charAt(randomIntSource(LABEL_SUFFIX_ALPHABET.length))).join('');
  const bodyFor = (batch: CreateBatch<LinodePlan>): LinodeCreateInstanceBody => {
    const { options, spec } = batch.plan;
    const rootPassword = options.root_pass ?? generateRootPassword(randomIntSource);
    batch.secrets.push(rootPassword);
    const { requestId, template } = batch.request;
    return buildCreateInstanceBody({
      template,
      options,
      spec,
      label: buildLinodeLabel({ prefix: options.label_prefix, templateId: template.templateId, requestId, suffix: labelSuffix() }),
      tags: [...new Set([...encodeStringTags(batch.tags, TAG_RULES), ...(options.tags ?? [])])],
      rootPassword,
    });
  };
  const ownTags = (tags: Readonly<Record<string, string>>): string[] => encodeStringTags(tags, TAG_RULES);

  return {
    providerId: LINODE_PROVIDER_ID,
    displayName: 'Linode',
    settingsSchema: LinodeProviderSettingsSchema,
    credentials: {
      describe: (settings) => `\`token\` in its config or the ${settings.tokenEnvironmentVariable} environment variable`,
      read: (settings, env) => settings.token ?? env[settings.tokenEnvironmentVariable],
    },
    stateMap: LINODE_STATE_MAP,
    capabilities: (settings) => ({
      apis: ['Instances'],
      pricingModels: ['ondemand'],
      fleetTypes: [],
      maxInstancesPerCall: 1,
      describeBatchSize: settings.pageSize,
      supportsStopStart: true,
      supportsDryRun: true,
    }),
    limits: (settings) => ({
      createConcurrency: settings.concurrency,
      callConcurrency: settings.concurrency,
      catalogCacheTtlMs: settings.catalogCacheTtlMs,
      createRetry: settings.retry,
    }),
    // Linode ids are integers: anything else never existed there.
    isValidId: isLinodeId,
    normalizeError: normalizeLinodeFailure,
    connect: ({ settings, credentials, fetch, now, sleep, random }) =>
      new LinodeApiClient({ settings, token: credentials, ...(fetch ? { fetch } : {}), now, sleep, random }),

    planTemplate(template) {
      const options = parseProviderOptions({ providerId: LINODE_PROVIDER_ID, providerOptions: template.providerOptions, schema: LinodeTemplateOptionsSchema });
      const spec = resolveMachineSpec(template, options);
      return { plan: { options, spec }, instanceType: spec.type, location: spec.region };
    },
    templateWarnings,
    checkTemplate: async ({ spec }, catalog) => {
      const [locations, sizes, images] = await Promise.all([catalog.listLocations(), catalog.listSizes(), catalog.listImages()]);
      const errors: TemplateValidationResultV1['errors'] = [];
      const missing = (field: string, message: string): void => void errors.push({ field: `providerOptions.linode.${field}`, message, code: 'VALIDATION_ERROR' });
      if (!locations.some((location) => location.id === spec.region)) missing('region', `Linode has no region "${spec.region}"`);
      if (!sizes.some((size) => size.id === spec.type)) missing('type', `Linode has no type "${spec.type}"`);
      if (!images.some((image) => image.id === spec.image)) missing('image', `Linode has no image "${spec.image}" visible to this token`);
      return { errors, warnings: [] };
    },

    async listByTags(client, tags, { signal }) {
      const encoded = ownTags(tags);
      const found = await client.listInstances(encoded.length === 0 ? {} : filterByTags(encoded), 'findInstancesByTag', signal);
      // X-Filter is the server's: the tags are checked again here.
      return found.filter((instance) => encoded.every((tag) => (instance.tags ?? []).includes(tag))).map(linodeInstanceToInstance);
    },
    // X-Filter matches whole tags only: the account's instances are read page by page and the key checked by the skeleton.
    listByTagKey: async (client, _tagKey, { signal }) => (await client.listInstances({}, 'findInstancesByTagKey', signal)).map(linodeInstanceToInstance),
    // Linode has no host names; labels are what schedulers see.
    async listByNames(client, names, { signal }) {
      const batches: string[][] = [];
      for (let offset = 0; offset < names.length; offset += LABELS_PER_FILTER) batches.push(names.slice(offset, offset + LABELS_PER_FILTER));
      const pages = await mapWithConcurrency(batches, 4, (batch) => client.listInstances(filterByAny('label', batch), 'findInstancesByName', signal));
      return pages.flat().filter((instance) => names.includes(instance.label)).map(linodeInstanceToInstance);
    },
    async createBatch(client, batch, { signal }) {
      const body = bodyFor(batch);
      const request = { method: 'POST' as const, path: INSTANCES_PATH, body, schema: LinodeInstanceSchema, operation: INSTANCE_CREATE_OPERATION, retry: false };
      return [linodeInstanceToInstance(await client.request({ ...request, ...(signal ? { signal } : {}) }))];
    },
    async deleteOne(client, id, { signal }) {
      await client.request({ method: 'DELETE', path: `${INSTANCES_PATH}/${id}`, schema: LinodeEmptyResponseSchema, operation: 'terminateInstance', ...(signal ? { signal } : {}) });
    },
    describeBatch: async (client, ids, { signal }) =>
      (await client.listInstances(filterByAny('id', ids.map(Number)), 'describeInstances', signal)).map(linodeInstanceToInstance),
    listLocations: async (client, { signal }) =>
      (await client.listAll({ path: '/regions', item: LinodeRegionSchema, operation: 'listLocations', signal })).map(linodeRegionToLocation),
    async listSizes(client, { signal }) {
      const [types, regions] = await Promise.all([
        client.listAll({ path: '/linode/types', item: LinodeTypeSchema, operation: 'listSizes', signal }),
        client.listAll({ path: '/regions', item: LinodeRegionSchema, operation: 'listSizes', signal }),
      ]);
      return types.map((type) => linodeTypeToSize(type, regions));
    },
    listImages: async (client, { signal }) =>
      (await client.listAll({ path: '/images', item: LinodeImageSchema, operation: 'listImages', signal })).map(linodeImageToImage),
    // The account's own StackScripts and Linode's Marketplace apps: of Linode's StackScripts,
    // those labelled "One-Click", as Linode's Cloud Manager picks them (the rest are helpers).
    listApps: async (client, { signal }) =>
      (await client.listAll({ path: STACKSCRIPTS_PATH, item: LinodeStackScriptSchema, operation: 'listApps', filter: OWN_AND_LINODE_STACKSCRIPTS, signal }))
        .filter((script) => script.mine === true || script.label.includes(MARKETPLACE_LABEL))
        .map(linodeStackScriptToApp),
    // Linode's own words are the spec's: POST /linode/instances/{id}/boot|shutdown|reboot.
    async performAction(client, id, action, { signal }) {
      const operation = `${action}Instance`;
      await client.request({ method: 'POST', path: `${INSTANCES_PATH}/${id}/${action}`, schema: LinodeEmptyResponseSchema, operation, ...(signal ? { signal } : {}) });
    },
    async checkHealth(client, { signal }) {
      const profile = await client.request({ method: 'GET', path: '/profile', schema: LinodeProfileSchema, operation: 'healthCheck', retry: false, ...(signal ? { signal } : {}) });
      return { details: { endpoint: '/profile', username: profile.username, restricted: profile.restricted ?? false } };
    },
    healthDetails: { endpoint: '/profile' },

    plannedCalls: {
      listByTags: (tags) => ({ service: SERVICE, operation: `GET ${INSTANCES_PATH}`, input: { 'X-Filter': filterByTags(ownTags(tags)) } }),
      createBatch: (batch) => ({ service: SERVICE, operation: `POST ${INSTANCES_PATH}`, input: { ...bodyFor(batch), root_pass: REDACTED } }),
      deleteOne: (id) => ({ service: SERVICE, operation: `DELETE ${INSTANCES_PATH}/${id}`, input: { linodeId: id } }),
      performAction: (id, action) => ({ service: SERVICE, operation: `POST ${INSTANCES_PATH}/${id}/${action}`, input: { linodeId: id } }),
    },

    extras: (kit) => ({
      async validateCredentials(options = {}) {
        const signal = options.signal;
        try {
          const profile = await kit.run('validateCredentials', (client) =>
            client.request({ method: 'GET', path: '/profile', schema: LinodeProfileSchema, operation: 'validateCredentials', ...(signal ? { signal } : {}) }),
          );
          return { valid: true, username: profile.username, restricted: profile.restricted ?? false };
        } catch (error) {
          if (ProviderSdkError.isInstance(error) && ['MISSING_CREDENTIALS', 'INVALID_CREDENTIALS', 'FORBIDDEN'].includes(error.code)) {
            return { valid: false, code: error.code, message: error.message };
          }
          throw error;
        }
      },
    }),
  };
}

function templateWarnings(template: ProviderTemplateV1): WarningV1[] {
  const warnings: WarningV1[] = [];
  for (const [field, message] of IGNORED_TEMPLATE_FIELDS) {
    const value = template[field];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    warnings.push({ type: 'unsupported', feature: field, message: `${field} is ignored: ${message}` });
  }
  if (template.vmTypes && Object.keys(template.vmTypes).length > 1 && !template.vmType && !template.providerOptions?.linode?.type) {
    warnings.push({ type: 'unsupported', feature: 'vmTypes', message: 'Linode uses one type per template; the first of vmTypes is used' });
  }
  return warnings;
}

const linode = defineComputeProvider(linodeAdapter(randomInt));

/** What the provider registry loads for `type: linode` instances in config.yaml. */
export const linodeProviderDefinition = linode.definition;

/**
 * A Linode (API v4) compute provider over fetch. The token comes from `settings.token` or the
 * environment variable (`LINODE_TOKEN`); without one, the first call that needs the API fails
 * with MISSING_CREDENTIALS naming the variable.
 */
export function createLinodeProvider(
  settings: LinodeProviderSettingsInput | LinodeProviderSettings = {},
  options: LinodeProviderOptions = {},
): LinodeProvider {
  const factory = options.randomInt ? defineComputeProvider(linodeAdapter(options.randomInt)) : linode;
  return factory.create(settings, options) as LinodeProvider;
}
