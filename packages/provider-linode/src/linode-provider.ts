import { randomInt } from 'node:crypto';
import {
  encodeStringTags,
  InvalidProviderOptionsError,
  OHF_TAG_KEYS,
  parseProviderOptions,
  ProviderSdkError,
  REDACTED,
  redactError,
  redactSecrets,
  retryWithBackoff,
  sleep as defaultSleep,
  TtlCache,
  type CallOptionsV1,
  type ComputeProviderV1,
  type CreateInstancesRequestV1,
  type CreateInstancesResultV1,
  type FailureV1,
  type HealthCheckResultV1,
  type ImageV1,
  type LocationV1,
  type PlannedCallV1,
  type ProviderCapabilitiesV1,
  type ProviderContextV1,
  type ProviderErrorCodeV1,
  type ProviderTemplateV1,
  type InstanceV1,
  type ReleaseRequestResultV1,
  type SizeV1,
  type TemplateValidationResultV1,
  type TerminateResultV1,
  type WarningV1,
} from '@ohf/provider-sdk';
import { INSTANCE_CREATE_OPERATION, LinodeApiClient } from './linode-api-client.js';
import { LinodeEmptyResponseSchema } from './linode-api/linode-empty-response-schema.js';
import { LinodeImageSchema } from './linode-api/linode-image-schema.js';
import { LinodeInstanceSchema, type LinodeInstance } from './linode-api/linode-instance-schema.js';
import { LinodeProfileSchema } from './linode-api/linode-profile-schema.js';
import { LinodeRegionSchema } from './linode-api/linode-region-schema.js';
import { LinodeTypeSchema } from './linode-api/linode-type-schema.js';
import { linodeImageToImage, linodeRegionToLocation, linodeTypeToSize } from './linode-catalog-mapping.js';
import {
  buildCreateInstanceBody,
  resolveMachineSpec,
  type LinodeCreateInstanceBody,
  type LinodeMachineSpec,
} from './linode-create-instance-body.js';
import { LINODE_PROVIDER_ID } from './linode-error-normalizer.js';
import { linodeInstanceToInstance } from './linode-instance-mapping.js';
import { buildLinodeLabel } from './linode-label.js';
import { LinodeProviderSettingsSchema, type LinodeProviderSettings, type LinodeProviderSettingsInput } from './linode-settings.js';
import { LinodeTemplateOptionsSchema, type LinodeTemplateOptions } from './linode-template-options.js';
import { filterByIds, filterByLabels, filterByTags } from './linode-x-filter.js';
import { mapWithConcurrency } from '@ohf/provider-sdk';
import { generateRootPassword, type RandomIntSource } from './root-password.js';

/** The power actions Linode offers on an instance. */
export const LINODE_INSTANCE_ACTIONS = ['boot', 'shutdown', 'reboot'] as const;
export type LinodeInstanceAction = (typeof LINODE_INSTANCE_ACTIONS)[number];

/** What `validateCredentials` found out about the token. */
export type LinodeCredentialsCheck =
  | { readonly valid: true; readonly username: string; readonly restricted: boolean }
  | { readonly valid: false; readonly code: ProviderErrorCodeV1; readonly message: string };

/** The host's context plus the sources tests replace to stay fast and deterministic. */
export interface LinodeProviderContext extends Partial<ProviderContextV1> {
  /** Clock in epoch milliseconds (rate limits, latency, `Retry-After`). */
  readonly now?: () => number;
  /** How waiting happens (retry backoff, rate-limit pauses). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1) for retry backoff. */
  readonly random?: () => number;
  /** Uniform integer source for root passwords and label suffixes; the crypto RNG by default. */
  readonly randomInt?: RandomIntSource;
}

/** The Linode provider: ComputeProviderV1 plus Linode's power actions and catalog cache control. */
export interface LinodeProvider extends ComputeProviderV1 {
  /** Instances labelled with one of `names` (Linode has no host names; labels are what schedulers see). */
  findInstancesByName(names: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]>;
  /** Every instance carrying a tag with this key (pages through the account's instances). */
  findInstancesByTagKey(tagKey: string, options?: CallOptionsV1): Promise<InstanceV1[]>;
  /** Linode launches instances only: releasing a request deletes the instances tagged with it. */
  releaseRequestResources(requestId: string, options?: CallOptionsV1): Promise<ReleaseRequestResultV1>;
  /** Boots, shuts down or reboots one instance. Unknown id → MACHINE_NOT_FOUND. */
  performAction(id: string, action: LinodeInstanceAction, options?: CallOptionsV1): Promise<void>;
  /** Checks the token against `GET /profile`; a rejected or missing token is `valid: false`. */
  validateCredentials(options?: CallOptionsV1): Promise<LinodeCredentialsCheck>;
  /** Forgets cached types, images and regions. */
  clearCatalogCache(): void;
}

const SERVICE = 'linode';
const INSTANCES_PATH = '/linode/instances';
const LABEL_SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LABEL_SUFFIX_LENGTH = 6;
// Labels per X-Filter: keeps the header well under common 8 KiB header limits.
const LABELS_PER_FILTER = 100;
// Linode tags: 3 to 50 characters.
const TAG_RULES = { maxLength: 50, minLength: 3 } as const;
// Errors after which the remaining creates of a request would fail the same way.
const STOPS_FURTHER_CREATES: ReadonlySet<ProviderErrorCodeV1> = new Set([
  'MISSING_CREDENTIALS',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'VALIDATION_ERROR',
  'QUOTA_EXCEEDED',
  'INSUFFICIENT_CAPACITY',
]);

/**
 * A Linode (API v4) compute provider over fetch. The token comes from `settings.token` or
 * the environment variable (`LINODE_TOKEN`); without one, every call that needs the API
 * fails with MISSING_CREDENTIALS naming the variable.
 */
export function createLinodeProvider(
  settingsInput: LinodeProviderSettingsInput | LinodeProviderSettings = {},
  context: LinodeProviderContext = {},
): LinodeProvider {
  const settings = parseSettings(settingsInput);
  const environment = context.env ?? process.env;
  const token = settings.token ?? environment[settings.tokenEnvironmentVariable] ?? undefined;
  const instanceName = context.instanceName ?? 'linode';
  const now = context.now ?? Date.now;
  const random = context.random ?? Math.random;
  const randomIntSource = context.randomInt ?? randomInt;
  const logger = context.logger;
  const client = new LinodeApiClient({
    settings,
    token: token === '' ? undefined : token,
    instanceName,
    fetch: context.fetch,
    now,
    sleep: context.sleep ?? defaultSleep,
    random,
  });
  const catalog = new TtlCache<SizeV1[] | ImageV1[] | LocationV1[]>({ ttlMs: settings.catalogCacheTtlMs, now });

  const capabilities: ProviderCapabilitiesV1 = {
    apis: ['Instances'],
    pricingModels: ['ondemand'],
    fleetTypes: [],
    maxInstancesPerCall: 1,
    describeBatchSize: settings.pageSize,
    supportsStopStart: true,
    supportsDryRun: true,
  };

  function labelSuffix(): string {
    let suffix = '';
    for (let index = 0; index < LABEL_SUFFIX_LENGTH; index += 1) {
      suffix += LABEL_SUFFIX_ALPHABET.charAt(randomIntSource(LABEL_SUFFIX_ALPHABET.length));
    }
    return suffix;
  }

  async function listInstances(filter: Record<string, unknown>, operation: string, signal?: AbortSignal): Promise<LinodeInstance[]> {
    return client.listAll({ path: INSTANCES_PATH, item: LinodeInstanceSchema, operation, filter, signal });
  }

  /** Instances carrying every one of the encoded tags (checked again here: filters are the server's). */
  async function listByEncodedTags(encodedTags: readonly string[], operation: string, signal?: AbortSignal): Promise<LinodeInstance[]> {
    const found = await listInstances(filterByTags(encodedTags), operation, signal);
    return found.filter((instance) => encodedTags.every((tag) => (instance.tags ?? []).includes(tag)));
  }

  function parseTemplateOptions(template: ProviderTemplateV1): LinodeTemplateOptions {
    return parseProviderOptions({
      providerId: LINODE_PROVIDER_ID,
      providerOptions: template.providerOptions,
      schema: LinodeTemplateOptionsSchema,
    });
  }

  async function createOne(
    body: LinodeCreateInstanceBody,
    signal: AbortSignal | undefined,
  ): Promise<LinodeInstance> {
    // A 429 means Linode did not act on the call, so it is safe to repeat; any other failure
    // might have created the machine and is left to the next idempotent attempt of the request.
    return retryWithBackoff(
      () =>
        client.request({
          method: 'POST',
          path: INSTANCES_PATH,
          body,
          schema: LinodeInstanceSchema,
          operation: INSTANCE_CREATE_OPERATION,
          retry: false,
          ...(signal ? { signal } : {}),
        }),
      {
        ...client.retryPolicy,
        shouldRetry: (error) => ProviderSdkError.isInstance(error) && error.code === 'RATE_LIMIT_EXCEEDED',
        ...(signal ? { signal } : {}),
      },
    );
  }

  const provider: LinodeProvider = {
    specificationVersion: 'v1',
    providerId: LINODE_PROVIDER_ID,
    instanceName,
    capabilities,

    async initialize() {
      client.requireToken();
    },

    async healthCheck(options = {}): Promise<HealthCheckResultV1> {
      const startedAt = now();
      const checkedAt = new Date(startedAt).toISOString();
      try {
        const profile = await client.request({
          method: 'GET',
          path: '/profile',
          schema: LinodeProfileSchema,
          operation: 'healthCheck',
          retry: false,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        return {
          status: 'healthy',
          latencyMs: Math.max(0, now() - startedAt),
          checkedAt,
          details: { endpoint: '/profile', username: profile.username, restricted: profile.restricted ?? false },
        };
      } catch (error) {
        const code = ProviderSdkError.isInstance(error) ? error.code : 'INTERNAL';
        return {
          // Throttled means reachable and authorised, only busy.
          status: code === 'RATE_LIMIT_EXCEEDED' ? 'degraded' : 'unhealthy',
          latencyMs: Math.max(0, now() - startedAt),
          checkedAt,
          message: error instanceof Error ? error.message : String(error),
          details: { endpoint: '/profile', code },
        };
      }
    },

    async validateCredentials(options = {}): Promise<LinodeCredentialsCheck> {
      try {
        const profile = await client.request({
          method: 'GET',
          path: '/profile',
          schema: LinodeProfileSchema,
          operation: 'validateCredentials',
          ...(options.signal ? { signal: options.signal } : {}),
        });
        return { valid: true, username: profile.username, restricted: profile.restricted ?? false };
      } catch (error) {
        if (
          ProviderSdkError.isInstance(error) &&
          (error.code === 'MISSING_CREDENTIALS' || error.code === 'INVALID_CREDENTIALS' || error.code === 'FORBIDDEN')
        ) {
          return { valid: false, code: error.code, message: error.message };
        }
        throw error;
      }
    },

    async listSizes(options = {}) {
      return (await catalog.getOrLoad('sizes', async () => {
        const types = await client.listAll({ path: '/linode/types', item: LinodeTypeSchema, operation: 'listSizes', signal: options.signal });
        return types.map(linodeTypeToSize);
      })) as SizeV1[];
    },

    async listImages(options = {}) {
      return (await catalog.getOrLoad('images', async () => {
        const images = await client.listAll({ path: '/images', item: LinodeImageSchema, operation: 'listImages', signal: options.signal });
        return images.map(linodeImageToImage);
      })) as ImageV1[];
    },

    async listLocations(options = {}) {
      return (await catalog.getOrLoad('locations', async () => {
        const regions = await client.listAll({ path: '/regions', item: LinodeRegionSchema, operation: 'listLocations', signal: options.signal });
        return regions.map(linodeRegionToLocation);
      })) as LocationV1[];
    },

    clearCatalogCache() {
      catalog.clear();
    },

    async createInstances(request: CreateInstancesRequestV1, options: CallOptionsV1 = {}): Promise<CreateInstancesResultV1> {
      if (!Number.isInteger(request.count) || request.count < 0) {
        throw new InvalidProviderOptionsError(`count must be a whole number of machines, got ${request.count}`, {
          providerId: LINODE_PROVIDER_ID,
          field: 'count',
        });
      }
      const { template } = request;
      const templateOptions = parseTemplateOptions(template);
      const spec = resolveMachineSpec(template, templateOptions);
      const tagValues: Record<string, string> = {
        ...template.instanceTags,
        [OHF_TAG_KEYS.requestId]: request.requestId,
        [OHF_TAG_KEYS.templateId]: template.templateId,
        [OHF_TAG_KEYS.providerInstance]: instanceName,
        ...request.tags,
      };
      const tags = [...new Set([...encodeStringTags(tagValues, TAG_RULES), ...(templateOptions.tags ?? [])])];
      // The machines of this request on this provider instance, whatever attempt made them.
      const ownershipTags = encodeStringTags(
        {
          [OHF_TAG_KEYS.requestId]: tagValues[OHF_TAG_KEYS.requestId] as string,
          [OHF_TAG_KEYS.providerInstance]: tagValues[OHF_TAG_KEYS.providerInstance] as string,
        },
        TAG_RULES,
      );
      const warnings = templateWarnings(template);
      const secrets = templateOptions.root_pass ? [templateOptions.root_pass] : [];
      const bodyFor = (): LinodeCreateInstanceBody => {
        const rootPassword = templateOptions.root_pass ?? generateRootPassword(randomIntSource);
        secrets.push(rootPassword);
        return buildCreateInstanceBody({
          template,
          options: templateOptions,
          spec,
          label: buildLinodeLabel({
            prefix: templateOptions.label_prefix,
            templateId: template.templateId,
            requestId: request.requestId,
            suffix: labelSuffix(),
          }),
          tags,
          rootPassword,
        });
      };

      if (options.dryRun) {
        const plannedCalls: PlannedCallV1[] = [
          { service: SERVICE, operation: `GET ${INSTANCES_PATH}`, input: { 'X-Filter': filterByTags(ownershipTags) } },
        ];
        for (let index = 0; index < request.count; index += 1) {
          plannedCalls.push({ service: SERVICE, operation: `POST ${INSTANCES_PATH}`, input: { ...bodyFor(), root_pass: REDACTED } });
        }
        return { instances: [], failures: [], warnings, plannedCalls };
      }

      const existing = (await listByEncodedTags(ownershipTags, 'findRequestInstances', options.signal)).filter(
        (instance) => instance.status !== 'deleting',
      );
      const shortfall = Math.max(0, request.count - existing.length);
      const created: LinodeInstance[] = [];
      const failed: { error: unknown; count: number }[] = [];
      let stoppedBy: { error: unknown; count: number } | undefined;

      await mapWithConcurrency(
        Array.from({ length: shortfall }, (_, index) => index),
        settings.concurrency,
        async () => {
          if (stoppedBy) {
            stoppedBy.count += 1;
            return;
          }
          const body = bodyFor();
          try {
            const instance = await createOne(body, options.signal);
            created.push(instance);
            logger?.info(
              { provider: LINODE_PROVIDER_ID, instanceName, operation: 'createInstance', linodeId: instance.id, label: body.label, region: body.region, type: body.type },
              'Linode instance created',
            );
          } catch (error) {
            const failure = { error, count: 1 };
            failed.push(failure);
            if (ProviderSdkError.isInstance(error) && STOPS_FURTHER_CREATES.has(error.code)) stoppedBy ??= failure;
            logger?.warn(
              { provider: LINODE_PROVIDER_ID, instanceName, operation: 'createInstance', label: body.label, error: messageOf(error, secrets) },
              'Linode instance create failed',
            );
          }
        },
      );

      const instances = [...existing, ...created].map(linodeInstanceToInstance);
      if (instances.length === 0 && failed.length > 0) throw redactError(failed[0]?.error, secrets);
      return {
        instances,
        failures: groupFailures(failed, spec, secrets),
        warnings,
        providerMetadata: { existingCount: existing.length, createdCount: created.length },
      };
    },

    async describeInstances(ids, options = {}) {
      const numericIds = [...new Set(ids.filter((id) => /^\d+$/.test(id)).map(Number))];
      const batches: number[][] = [];
      for (let offset = 0; offset < numericIds.length; offset += settings.pageSize) {
        batches.push(numericIds.slice(offset, offset + settings.pageSize));
      }
      const pages = await mapWithConcurrency(batches, settings.concurrency, (batch) =>
        listInstances(filterByIds(batch), 'describeInstances', options.signal),
      );
      const byId = new Map(pages.flat().map((instance) => [String(instance.id), instance]));
      return ids.flatMap((id) => {
        const instance = byId.get(id);
        return instance ? [linodeInstanceToInstance(instance)] : [];
      });
    },

    async findInstancesByTag(tags, options = {}) {
      const encoded = encodeStringTags(tags, TAG_RULES);
      if (encoded.length === 0) {
        const all = await listInstances({}, 'findInstancesByTag', options.signal);
        return all.map(linodeInstanceToInstance);
      }
      return (await listByEncodedTags(encoded, 'findInstancesByTag', options.signal)).map(linodeInstanceToInstance);
    },

    async findInstancesByName(names, options = {}) {
      const labels = [...new Set(names.filter((name) => name !== ''))];
      const batches: string[][] = [];
      for (let offset = 0; offset < labels.length; offset += LABELS_PER_FILTER) batches.push(labels.slice(offset, offset + LABELS_PER_FILTER));
      const pages = await mapWithConcurrency(batches, settings.concurrency, (batch) =>
        listInstances(filterByLabels(batch), 'findInstancesByName', options.signal),
      );
      const wanted = new Set(labels);
      return pages.flat().filter((instance) => wanted.has(instance.label)).map(linodeInstanceToInstance);
    },

    async findInstancesByTagKey(tagKey, options = {}) {
      // X-Filter matches whole tags only: the account's instances are read page by page and the key checked here.
      const all = await listInstances({}, 'findInstancesByTagKey', options.signal);
      return all.map(linodeInstanceToInstance).filter((instance) => Object.hasOwn(instance.tags, tagKey));
    },

    async releaseRequestResources(requestId, options = {}): Promise<ReleaseRequestResultV1> {
      const tagged = await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: requestId }, options);
      const live = tagged.filter((instance) => instance.rawState !== 'deleting').map((instance) => instance.id);
      const deleting = tagged.filter((instance) => instance.rawState === 'deleting').map((instance) => instance.id);
      const result = await provider.terminateInstances(live, options);
      return {
        released: [],
        terminated: [...(result.terminated ?? []), ...(options.dryRun ? [] : deleting)],
        alreadyGone: result.alreadyGone ?? [],
        failures: result.failures ?? [],
        ...(options.dryRun ? { plannedCalls: result.plannedCalls ?? [] } : {}),
      };
    },

    async terminateInstances(ids, options = {}): Promise<TerminateResultV1> {
      const unique = [...new Set(ids)];
      if (options.dryRun) {
        return {
          terminated: [],
          alreadyGone: [],
          failures: [],
          plannedCalls: unique.map((id) => ({ service: SERVICE, operation: `DELETE ${INSTANCES_PATH}/${id}`, input: { linodeId: id } })),
        };
      }
      const result = { terminated: [] as string[], alreadyGone: [] as string[], failures: [] as Exclude<TerminateResultV1['failures'], undefined> };
      await mapWithConcurrency(unique, settings.concurrency, async (id) => {
        // Linode ids are integers: anything else never existed there.
        if (!/^\d+$/.test(id)) {
          result.alreadyGone.push(id);
          return;
        }
        try {
          await client.request({
            method: 'DELETE',
            path: `${INSTANCES_PATH}/${id}`,
            schema: LinodeEmptyResponseSchema,
            operation: 'terminateInstance',
            ...(options.signal ? { signal: options.signal } : {}),
          });
          result.terminated.push(id);
        } catch (error) {
          if (ProviderSdkError.isInstance(error) && error.code === 'MACHINE_NOT_FOUND') {
            result.alreadyGone.push(id);
            return;
          }
          if (ProviderSdkError.isInstance(error) && (error.code === 'MISSING_CREDENTIALS' || error.code === 'INVALID_CREDENTIALS')) throw error;
          result.failures.push({
            id,
            code: ProviderSdkError.isInstance(error) ? error.code : 'INTERNAL',
            message: messageOf(error, []),
            retryable: ProviderSdkError.isInstance(error) ? error.retryable : false,
          });
        }
      });
      // Concurrent deletes finish in any order; answer in the caller's order.
      const order = (id: string): number => unique.indexOf(id);
      result.terminated.sort((left, right) => order(left) - order(right));
      result.alreadyGone.sort((left, right) => order(left) - order(right));
      result.failures.sort((left, right) => order(left.id) - order(right.id));
      return result;
    },

    async performAction(id, action, options = {}) {
      if (!(LINODE_INSTANCE_ACTIONS as readonly string[]).includes(action)) {
        throw new InvalidProviderOptionsError(`Unknown Linode action "${action}"; expected one of ${LINODE_INSTANCE_ACTIONS.join(', ')}`, {
          providerId: LINODE_PROVIDER_ID,
          field: 'action',
        });
      }
      if (!/^\d+$/.test(id)) {
        throw new InvalidProviderOptionsError(`"${id}" is not a Linode instance id (Linode ids are integers)`, {
          providerId: LINODE_PROVIDER_ID,
          field: 'id',
        });
      }
      await client.request({
        method: 'POST',
        path: `${INSTANCES_PATH}/${id}/${action}`,
        schema: LinodeEmptyResponseSchema,
        operation: `${action}Instance`,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    },

    async validateTemplate(template, options = {}): Promise<TemplateValidationResultV1> {
      const errors: TemplateValidationResultV1['errors'] = [];
      const warnings: TemplateValidationResultV1['warnings'] = templateWarnings(template).map((warning) => ({
        ...(warning.feature ? { field: warning.feature } : {}),
        message: warning.message,
      }));
      if (template.priceType && template.priceType !== 'ondemand') {
        errors.push({ field: 'priceType', message: `Linode sells on-demand machines only, not "${template.priceType}"`, code: 'PRICING_MODEL_UNSUPPORTED' });
      }
      if (template.providerApi && !capabilities.apis.includes(template.providerApi)) {
        errors.push({ field: 'providerApi', message: `Linode provisions through ${capabilities.apis.join(', ')}, not "${template.providerApi}"`, code: 'API_NOT_SUPPORTED' });
      }
      let spec: LinodeMachineSpec | undefined;
      try {
        spec = resolveMachineSpec(template, parseTemplateOptions(template));
      } catch (error) {
        if (!ProviderSdkError.isInstance(error)) throw error;
        const issues = (error.details as { issues?: { field: string; message: string }[] }).issues;
        if (issues?.length) errors.push(...issues.map((issue) => ({ field: issue.field, message: issue.message, code: error.code })));
        else errors.push({ field: error.field ?? 'providerOptions.linode', message: error.message, code: error.code });
      }
      if (spec) {
        try {
          const [locations, sizes, images] = await Promise.all([provider.listLocations(options), provider.listSizes(options), provider.listImages(options)]);
          if (!locations.some((location) => location.id === spec.region)) {
            errors.push({ field: 'providerOptions.linode.region', message: `Linode has no region "${spec.region}"`, code: 'VALIDATION_ERROR' });
          }
          if (!sizes.some((size) => size.id === spec.type)) {
            errors.push({ field: 'providerOptions.linode.type', message: `Linode has no type "${spec.type}"`, code: 'VALIDATION_ERROR' });
          }
          if (!images.some((image) => image.id === spec.image)) {
            errors.push({ field: 'providerOptions.linode.image', message: `Linode has no image "${spec.image}" visible to this token`, code: 'VALIDATION_ERROR' });
          }
        } catch (error) {
          warnings.push({ message: `Region, type and image could not be checked against the Linode catalog: ${messageOf(error, [])}` });
        }
      }
      return { errors, warnings };
    },

    async dispose() {
      catalog.clear();
    },
  };
  return provider;
}

function parseSettings(input: LinodeProviderSettingsInput | LinodeProviderSettings): LinodeProviderSettings {
  const result = LinodeProviderSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'settings';
  throw new InvalidProviderOptionsError(`Invalid Linode provider settings: ${field}: ${issue?.message ?? 'invalid'}`, {
    providerId: LINODE_PROVIDER_ID,
    field,
  });
}

/** Template fields Linode has no use for: reported, not fatal. */
function templateWarnings(template: ProviderTemplateV1): WarningV1[] {
  const warnings: WarningV1[] = [];
  const ignored: [keyof ProviderTemplateV1, string][] = [
    ['fleetType', 'Linode creates machines one by one; fleet types do not apply'],
    ['subnetIds', 'use providerOptions.linode.vpc or interfaces for Linode networking'],
    ['securityGroupIds', 'use providerOptions.linode.firewall_id for Linode firewalls'],
    ['keyName', 'use providerOptions.linode.authorized_keys or authorized_users for SSH access'],
    ['rootDeviceVolumeSize', 'the Linode type fixes the disk size'],
  ];
  for (const [field, message] of ignored) {
    const value = template[field];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    warnings.push({ type: 'unsupported', feature: field, message: `${field} is ignored: ${message}` });
  }
  if (template.vmTypes && Object.keys(template.vmTypes).length > 1 && !template.vmType && !template.providerOptions?.linode?.type) {
    warnings.push({ type: 'unsupported', feature: 'vmTypes', message: 'Linode uses one type per template; the first of vmTypes is used' });
  }
  return warnings;
}

function groupFailures(failed: readonly { error: unknown; count: number }[], spec: LinodeMachineSpec, secrets: readonly string[]): FailureV1[] {
  const groups = new Map<string, FailureV1>();
  for (const { error, count } of failed) {
    const code: ProviderErrorCodeV1 = ProviderSdkError.isInstance(error) ? error.code : 'INTERNAL';
    const message = messageOf(error, secrets);
    const key = `${code}\u0000${message}`;
    const group = groups.get(key);
    if (group) {
      group.count += count;
      continue;
    }
    const retryAfterMs = ProviderSdkError.isInstance(error) ? error.retryAfterMs : undefined;
    groups.set(key, {
      code,
      message,
      retryable: ProviderSdkError.isInstance(error) ? error.retryable : false,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      count,
      instanceType: spec.type,
      location: spec.region,
    });
  }
  return [...groups.values()];
}

function messageOf(error: unknown, secrets: readonly string[]): string {
  return redactSecrets(error instanceof Error ? error.message : String(error), secrets);
}
