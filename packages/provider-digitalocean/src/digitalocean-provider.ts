import {
  InvalidProviderOptionsError,
  OHF_TAG_KEYS,
  ProviderSdkError,
  ProviderValidationError,
  TtlCache,
  createHttpClient,
  type CallOptionsV1,
  type ComputeProviderV1,
  type CreateInstancesRequestV1,
  type CreateInstancesResultV1,
  type FailureV1,
  type HealthCheckResultV1,
  type ImageV1,
  type InstanceV1,
  type LocationV1,
  type PlannedCallV1,
  type ProviderCapabilitiesV1,
  type ProviderErrorCodeV1,
  type ProviderLoggerV1,
  type ProviderTemplateV1,
  type ReleaseRequestResultV1,
  type SizeV1,
  type TemplateValidationResultV1,
  type TerminateResultV1,
  type WarningV1,
} from '@ohf/provider-sdk';
import type { DigitalOceanImage, DigitalOceanRegion, DigitalOceanSize } from './api/catalog-schemas.js';
import { DigitalOceanApi, type DropletActionType } from './api/digitalocean-api.js';
import { MAX_DROPLETS_PER_CREATE, type DropletCreateRequest } from './api/droplet-create-request.js';
import type { Droplet } from './api/droplet-schema.js';
import { hasNextPage, pageCount } from './api/pagination.js';
import { createDigitalOceanRateLimiters } from './digitalocean-rate-limits.js';
import {
  DigitalOceanSettingsSchema,
  resolveDigitalOceanToken,
  type DigitalOceanSettingsInput,
} from './digitalocean-settings.js';
import { DIGITALOCEAN_TAG_RULES, digitalOceanRequestTag, encodeDigitalOceanTags, hasAllTags } from './digitalocean-tags.js';
import {
  MAX_USER_DATA_BYTES,
  parseDigitalOceanTemplateOptions,
  type DigitalOceanTemplateOptions,
} from './digitalocean-template-options.js';
import { dropletNames } from './droplet-names.js';
import { dropletToInstance } from './droplet-to-instance.js';
import { mapWithConcurrency } from '@ohf/provider-sdk';
import { DIGITALOCEAN_PROVIDER_ID, normalizeDigitalOceanError } from './normalize-digitalocean-error.js';

/** Power and reboot actions on one droplet; `boot` is DigitalOcean's `power_on`. */
export type DigitalOceanDropletAction = 'boot' | 'shutdown' | 'reboot' | 'power_off';

const ACTION_TYPES: Readonly<Record<DigitalOceanDropletAction, DropletActionType>> = {
  boot: 'power_on',
  shutdown: 'shutdown',
  reboot: 'reboot',
  power_off: 'power_off',
};

/** What the host hands the provider, plus the clocks tests replace. */
export interface DigitalOceanProviderContext {
  /** The configured instance name; default 'digitalocean'. */
  readonly instanceName?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly logger?: ProviderLoggerV1;
  /** Where `DIGITALOCEAN_TOKEN` is read from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Wall clock in epoch ms (rate-limit resets, cache expiry, latency). */
  readonly now?: () => number;
  /** Waits between retries and while rate limited. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
}

export interface DropletActionResult {
  readonly id: string;
  readonly action: DigitalOceanDropletAction;
  readonly actionId: number;
  /** `in-progress`, `completed` or `errored`. */
  readonly status: string;
}

export interface CredentialsValidationResult {
  readonly valid: boolean;
  readonly code?: ProviderErrorCodeV1;
  readonly message?: string;
  readonly account?: { readonly uuid: string; readonly status: string; readonly dropletLimit?: number };
}

/** The spec v1 contract plus what only DigitalOcean offers. */
export interface DigitalOceanComputeProvider extends ComputeProviderV1 {
  /** Boots, shuts down, reboots or powers off one droplet (`POST /v2/droplets/{id}/actions`). */
  performAction(id: string, action: DigitalOceanDropletAction, options?: CallOptionsV1): Promise<DropletActionResult>;
  /** Deletes every droplet carrying `tag` in one call (`DELETE /v2/droplets?tag_name=`). */
  terminateByTag(tag: string, options?: CallOptionsV1): Promise<void>;
  /** Droplets named `names` (the droplet name is its host name) or with one of them as private address. */
  findInstancesByName(names: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]>;
  /** Every droplet carrying a tag with this key (pages through the account's droplets). */
  findInstancesByTagKey(tagKey: string, options?: CallOptionsV1): Promise<InstanceV1[]>;
  /** DigitalOcean launches droplets only: releasing a request deletes its tagged droplets in one call. */
  releaseRequestResources(requestId: string, options?: CallOptionsV1): Promise<ReleaseRequestResultV1>;
  /** Forgets the cached sizes, images and regions. */
  clearCatalogCache(): void;
  /** Whether the token is accepted (`GET /v2/account`); rejected tokens are a result, not an error. */
  validateCredentials(options?: CallOptionsV1): Promise<CredentialsValidationResult>;
}

const CAPABILITIES: ProviderCapabilitiesV1 = Object.freeze({
  apis: ['Droplets'],
  pricingModels: ['ondemand'],
  fleetTypes: [],
  maxInstancesPerCall: MAX_DROPLETS_PER_CREATE,
  describeBatchSize: 200,
  supportsStopStart: true,
  supportsDryRun: true,
}) as ProviderCapabilitiesV1;

// Calls the API may have carried out even when the answer was lost: repeated only after a 429.
const NOT_REPEATABLE = new Set(['createDroplets', 'dropletAction']);
// Calls per droplet (deletes, single gets) in flight at once; the rate limiter paces them.
const CALL_CONCURRENCY = 5;
const FATAL_BEFORE_ANY_MACHINE: ReadonlySet<string> = new Set([
  'MISSING_CREDENTIALS',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'VALIDATION_ERROR',
]);
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

/**
 * A DigitalOcean (API v2) provider over fetch. Settings are validated here too, so a
 * programmatic caller gets the same defaults and errors as the registry. A missing token
 * fails at once with MISSING_CREDENTIALS naming `DIGITALOCEAN_TOKEN`.
 */
export function createDigitalOceanProvider(
  settings: DigitalOceanSettingsInput = {},
  context: DigitalOceanProviderContext = {},
): DigitalOceanComputeProvider {
  return new DigitalOceanProvider(settings, context);
}

class DigitalOceanProvider implements DigitalOceanComputeProvider {
  readonly specificationVersion = 'v1' as const;
  readonly providerId = DIGITALOCEAN_PROVIDER_ID;
  readonly instanceName: string;
  readonly capabilities = CAPABILITIES;

  readonly #api: DigitalOceanApi;
  readonly #now: () => number;
  readonly #logger: ProviderLoggerV1 | undefined;
  readonly #sizes: TtlCache<SizeV1[]>;
  readonly #locations: TtlCache<LocationV1[]>;
  readonly #images: TtlCache<ImageV1[]>;

  constructor(settingsInput: DigitalOceanSettingsInput, context: DigitalOceanProviderContext) {
    const parsed = DigitalOceanSettingsSchema.safeParse(settingsInput);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['config', ...(issue?.path ?? []).map(String)].join('.');
      throw new InvalidProviderOptionsError(`Invalid DigitalOcean settings: ${field}: ${issue?.message ?? 'invalid'}`, {
        providerId: DIGITALOCEAN_PROVIDER_ID,
        field,
      });
    }
    const settings = parsed.data;
    const token = resolveDigitalOceanToken(settings, context.env ?? process.env);
    this.instanceName = context.instanceName ?? DIGITALOCEAN_PROVIDER_ID;
    this.#now = context.now ?? Date.now;
    this.#logger = context.logger;

    const limiters = createDigitalOceanRateLimiters({
      ...settings.rateLimits,
      now: this.#now,
      ...(context.sleep ? { sleep: context.sleep } : {}),
    });
    const http = createHttpClient({
      providerId: DIGITALOCEAN_PROVIDER_ID,
      // The paths carry `/v2`; a base URL that already ends with it would double it.
      baseUrl: settings.baseUrl.replace(/\/+$/, '').replace(/\/v2$/, ''),
      ...(context.fetch ? { fetch: context.fetch } : {}),
      timeoutMs: settings.timeoutMs,
      headers: { authorization: `Bearer ${token}` },
      retry: {
        ...settings.retry,
        shouldRetry: (error) =>
          ProviderSdkError.isInstance(error) &&
          error.retryable &&
          (!NOT_REPEATABLE.has(error.operation ?? '') || error.code === 'RATE_LIMIT_EXCEEDED'),
        ...(context.sleep ? { sleep: context.sleep } : {}),
        ...(context.random ? { random: context.random } : {}),
        onRetry: ({ attempt, delayMs, error }) =>
          this.#logger?.warn(
            { provider: this.instanceName, attempt, delayMs, code: (error as { code?: string }).code, operation: (error as { operation?: string }).operation },
            'DigitalOcean call retried',
          ),
      },
      rateLimiter: limiters.perMinute,
      normalizeError: (response) => normalizeDigitalOceanError(response, { now: this.#now }),
      secrets: [token],
      onResponse: ({ headers }) => limiters.observe(headers),
      now: this.#now,
    });
    this.#api = new DigitalOceanApi({ http, hourlyLimiter: limiters.perHour, pageSize: settings.pageSize });
    const cacheOptions = { ttlMs: settings.catalogTtlMs, now: this.#now };
    this.#sizes = new TtlCache(cacheOptions);
    this.#locations = new TtlCache(cacheOptions);
    this.#images = new TtlCache(cacheOptions);
  }

  async initialize(): Promise<void> {
    // Nothing to open: the token was checked at construction and fetch needs no setup.
  }

  async healthCheck(options: CallOptionsV1 = {}): Promise<HealthCheckResultV1> {
    const startedAt = this.#now();
    try {
      const account = await this.#api.getAccount({ ...signalOf(options), retry: false });
      const status = account.status === 'active' ? 'healthy' : account.status === 'warning' ? 'degraded' : 'unhealthy';
      return {
        status,
        latencyMs: this.#now() - startedAt,
        checkedAt: new Date(this.#now()).toISOString(),
        ...(status === 'healthy' ? {} : { message: `DigitalOcean account is ${account.status}${account.status_message?.trim() ? `: ${account.status_message.trim()}` : ''}` }),
        details: { endpoint: 'GET /v2/account', accountStatus: account.status },
      };
    } catch (error) {
      if (!ProviderSdkError.isInstance(error)) throw error;
      return {
        status: 'unhealthy',
        latencyMs: this.#now() - startedAt,
        checkedAt: new Date(this.#now()).toISOString(),
        message: error.message,
        details: { endpoint: 'GET /v2/account', code: error.code, retryable: error.retryable },
      };
    }
  }

  async validateCredentials(options: CallOptionsV1 = {}): Promise<CredentialsValidationResult> {
    try {
      const account = await this.#api.getAccount({ ...signalOf(options), retry: false });
      return {
        valid: true,
        account: {
          uuid: account.uuid,
          status: account.status,
          ...(account.droplet_limit === undefined ? {} : { dropletLimit: account.droplet_limit }),
        },
      };
    } catch (error) {
      if (ProviderSdkError.isInstance(error) && (error.code === 'INVALID_CREDENTIALS' || error.code === 'FORBIDDEN')) {
        return { valid: false, code: error.code, message: error.message };
      }
      throw error;
    }
  }

  listLocations(options: CallOptionsV1 = {}): Promise<LocationV1[]> {
    return this.#locations.getOrLoad('regions', async () => (await this.#api.listRegions(signalOf(options))).map(regionToLocation));
  }

  listSizes(options: CallOptionsV1 = {}): Promise<SizeV1[]> {
    return this.#sizes.getOrLoad('sizes', async () => (await this.#api.listSizes(signalOf(options))).map(sizeToSize));
  }

  listImages(options: CallOptionsV1 = {}): Promise<ImageV1[]> {
    return this.#images.getOrLoad('images', async () => {
      const [distributions, own] = await Promise.all([
        this.#api.listImages({ type: 'distribution' }, signalOf(options)),
        this.#api.listImages({ private: true }, signalOf(options)),
      ]);
      const byId = new Map<number, DigitalOceanImage>();
      for (const image of [...distributions, ...own]) if (!byId.has(image.id)) byId.set(image.id, image);
      return [...byId.values()].map(imageToImage);
    });
  }

  clearCatalogCache(): void {
    this.#sizes.clear();
    this.#locations.clear();
    this.#images.clear();
  }

  async createInstances(request: CreateInstancesRequestV1, options: CallOptionsV1 = {}): Promise<CreateInstancesResultV1> {
    if (!Number.isInteger(request.count) || request.count < 0) {
      throw new ProviderValidationError(`count must be a whole number of machines, got ${request.count}`, {
        providerId: DIGITALOCEAN_PROVIDER_ID,
        field: 'count',
      });
    }
    const template = request.template;
    assertOnDemand(template);
    const doOptions = parseDigitalOceanTemplateOptions(template);
    const requestIdValue = request.tags[OHF_TAG_KEYS.requestId] ?? request.requestId;
    const requestTag = digitalOceanRequestTag(requestIdValue);
    const tags = encodeDigitalOceanTags({
      ...template.instanceTags,
      [OHF_TAG_KEYS.templateId]: template.templateId,
      [OHF_TAG_KEYS.providerInstance]: this.instanceName,
      ...request.tags,
      [OHF_TAG_KEYS.requestId]: requestIdValue,
    });
    const baseBody = createBody(doOptions, tags, template.userData);
    const warnings = foreignFieldWarnings(template);
    const nameFor = (firstIndex: number, count: number): string[] =>
      dropletNames({ templateId: template.templateId, requestId: request.requestId, firstIndex, count });

    if (options.dryRun) {
      const plannedCalls: PlannedCallV1[] = [
        { service: 'digitalocean', operation: 'GET /v2/droplets', input: { tag_name: requestTag, per_page: this.#api.pageSize } },
        ...batchSizes(request.count).map((size, index) => ({
          service: 'digitalocean',
          operation: 'POST /v2/droplets',
          input: { ...baseBody, names: nameFor(index * MAX_DROPLETS_PER_CREATE + 1, size) },
        })),
      ];
      return { instances: [], failures: [], warnings, plannedCalls };
    }

    // Idempotency: droplets already tagged for this request (by any earlier attempt) count
    // towards it, so a retry creates only the shortfall.
    const existing = (await this.#api.listDroplets({ tagName: requestTag, ...signalOf(options) })).filter((droplet) =>
      hasAllTags(droplet.tags, [requestTag]),
    );
    const created: Droplet[] = [];
    const failures: FailureV1[] = [];
    const shortfall = Math.max(0, request.count - existing.length);
    for (const size of batchSizes(shortfall)) {
      const names = nameFor(existing.length + created.length + 1, size);
      try {
        created.push(...(await this.#api.createDroplets({ ...baseBody, names }, signalOf(options))));
      } catch (error) {
        if (!ProviderSdkError.isInstance(error)) throw error;
        if (existing.length + created.length === 0 && FATAL_BEFORE_ANY_MACHINE.has(error.code)) throw error;
        // Later batches would most likely fail the same way; the caller retries the rest
        // (idempotently) or fails over.
        failures.push({
          code: error.code,
          message: error.message,
          retryable: error.retryable,
          ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
          count: shortfall - created.length,
          instanceType: doOptions.size,
          location: doOptions.region,
        });
        break;
      }
    }
    if (created.length > 0) {
      this.#logger?.info({ provider: this.instanceName, requestId: request.requestId, created: created.length, existing: existing.length }, 'DigitalOcean droplets created');
    }
    return {
      instances: [...existing, ...created].map(dropletToInstance),
      failures,
      warnings,
      providerMetadata: { requestTag, reused: existing.length },
    };
  }

  async describeInstances(ids: readonly string[], options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    const wanted = new Set(ids.filter(isDropletId).map((id) => String(Number(id))));
    if (wanted.size === 0) return [];
    const found = new Map<string, Droplet>();
    const collect = (droplets: readonly Droplet[]): void => {
      for (const droplet of droplets) if (wanted.has(String(droplet.id))) found.set(String(droplet.id), droplet);
    };
    const pageSize = this.#api.pageSize;
    const first = await this.#api.listDropletsPage(1, signalOf(options));
    collect(first.items);
    const missing = (): string[] => [...wanted].filter((id) => !found.has(id));
    if (missing().length > 0 && hasNextPage(first.envelope, 1, pageSize, first.items.length)) {
      const remainingPages = (pageCount(first.envelope, pageSize) ?? Number.POSITIVE_INFINITY) - 1;
      if (missing().length < remainingPages) {
        // A large account and a few machines: fetching those few costs less than the pages.
        await mapWithConcurrency(missing(), CALL_CONCURRENCY, async (id) => {
          try {
            const droplet = await this.#api.getDroplet(Number(id), signalOf(options));
            if (String(droplet.id) === id) found.set(id, droplet);
          } catch (error) {
            if (!(ProviderSdkError.isInstance(error) && error.code === 'MACHINE_NOT_FOUND')) throw error;
          }
        });
      } else {
        for (let page = 2; missing().length > 0; page += 1) {
          const next = await this.#api.listDropletsPage(page, signalOf(options));
          collect(next.items);
          if (!hasNextPage(next.envelope, page, pageSize, next.items.length)) break;
        }
      }
    }
    return ids.flatMap((id) => {
      const droplet = isDropletId(id) ? found.get(String(Number(id))) : undefined;
      return droplet ? [dropletToInstance(droplet)] : [];
    });
  }

  async findInstancesByTag(tags: Readonly<Record<string, string>>, options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    const encoded = encodeDigitalOceanTags(tags);
    const requestId = tags[OHF_TAG_KEYS.requestId];
    const primary = requestId === undefined ? encoded[0] : digitalOceanRequestTag(requestId);
    const droplets = await this.#api.listDroplets({ ...(primary === undefined ? {} : { tagName: primary }), ...signalOf(options) });
    return droplets.filter((droplet) => hasAllTags(droplet.tags, encoded)).map(dropletToInstance);
  }

  async findInstancesByName(names: readonly string[], options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    const wanted = new Set(names.filter((name) => name !== ''));
    if (wanted.size === 0) return [];
    // The API filters by one exact name per call: reading the account's pages costs less for many names.
    const droplets = await this.#api.listDroplets(signalOf(options));
    return droplets
      .map(dropletToInstance)
      .filter((instance) => [instance.name, instance.privateIpAddress].some((name) => name !== null && wanted.has(name)));
  }

  async findInstancesByTagKey(tagKey: string, options: CallOptionsV1 = {}): Promise<InstanceV1[]> {
    // Tag names are whole strings: the account's droplets are read page by page and the key checked here.
    const droplets = await this.#api.listDroplets(signalOf(options));
    return droplets.map(dropletToInstance).filter((instance) => Object.hasOwn(instance.tags, tagKey));
  }

  async releaseRequestResources(requestId: string, options: CallOptionsV1 = {}): Promise<ReleaseRequestResultV1> {
    const requestTag = digitalOceanRequestTag(requestId);
    const tagged = await this.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: requestId }, options);
    const ids = tagged.map((instance) => instance.id);
    const plannedCalls: PlannedCallV1[] = [{ service: 'digitalocean', operation: 'DELETE /v2/droplets', input: { tag_name: requestTag } }];
    if (options.dryRun) return { released: [], terminated: [], alreadyGone: [], failures: [], plannedCalls: ids.length > 0 ? plannedCalls : [] };
    if (ids.length > 0) await this.terminateByTag(requestTag, options);
    return { released: [], terminated: ids, alreadyGone: [], failures: [] };
  }

  async terminateInstances(ids: readonly string[], options: CallOptionsV1 = {}): Promise<TerminateResultV1> {
    const unique = [...new Set(ids)];
    if (options.dryRun) {
      return {
        terminated: [],
        plannedCalls: unique.filter(isDropletId).map((id) => ({ service: 'digitalocean', operation: `DELETE /v2/droplets/${id}`, input: { droplet_id: Number(id) } })),
      };
    }
    const terminated: string[] = [];
    const alreadyGone: string[] = [];
    const failures: { id: string; code: ProviderErrorCodeV1; message: string; retryable: boolean }[] = [];
    await mapWithConcurrency(unique, CALL_CONCURRENCY, async (id) => {
      if (!isDropletId(id)) {
        // Not "already gone": a wrong id (say, our own machine id) must not pass for a deleted droplet.
        failures.push({ id, code: 'VALIDATION_ERROR', message: `"${id}" is not a DigitalOcean droplet id`, retryable: false });
        return;
      }
      try {
        await this.#api.deleteDroplet(Number(id), signalOf(options));
        terminated.push(id);
      } catch (error) {
        if (!ProviderSdkError.isInstance(error)) throw error;
        if (error.code === 'MACHINE_NOT_FOUND') alreadyGone.push(id);
        else failures.push({ id, code: error.code, message: error.message, retryable: error.retryable });
      }
    });
    const position = (id: string): number => unique.indexOf(id);
    const byInput = (left: string, right: string): number => position(left) - position(right);
    return {
      terminated: terminated.sort(byInput),
      alreadyGone: alreadyGone.sort(byInput),
      failures: failures.sort((left, right) => byInput(left.id, right.id)),
    };
  }

  async terminateByTag(tag: string, options: CallOptionsV1 = {}): Promise<void> {
    if (tag.length === 0 || tag.length > DIGITALOCEAN_TAG_RULES.maxLength || !DIGITALOCEAN_TAG_RULES.pattern.test(tag)) {
      throw new ProviderValidationError(`"${tag}" is not a DigitalOcean tag name (letters, digits, _, - and :, at most 255)`, {
        providerId: DIGITALOCEAN_PROVIDER_ID,
        field: 'tag',
      });
    }
    if (options.dryRun) return;
    try {
      await this.#api.deleteDropletsByTag(tag, signalOf(options));
    } catch (error) {
      // An unknown tag has no droplets left to delete.
      if (!(ProviderSdkError.isInstance(error) && error.code === 'MACHINE_NOT_FOUND')) throw error;
    }
  }

  async performAction(id: string, action: DigitalOceanDropletAction, options: CallOptionsV1 = {}): Promise<DropletActionResult> {
    if (!isDropletId(id)) {
      throw new ProviderValidationError(`"${id}" is not a DigitalOcean droplet id`, { providerId: DIGITALOCEAN_PROVIDER_ID, field: 'id' });
    }
    const type = ACTION_TYPES[action];
    if (type === undefined) {
      throw new ProviderValidationError(`Unknown droplet action "${String(action)}"; use one of ${Object.keys(ACTION_TYPES).join(', ')}`, {
        providerId: DIGITALOCEAN_PROVIDER_ID,
        field: 'action',
      });
    }
    const result = await this.#api.postDropletAction(Number(id), type, signalOf(options));
    return { id, action, actionId: result.id, status: result.status };
  }

  async validateTemplate(template: ProviderTemplateV1, options: CallOptionsV1 = {}): Promise<TemplateValidationResultV1> {
    const errors: TemplateValidationResultV1['errors'] = [];
    const warnings: TemplateValidationResultV1['warnings'] = foreignFieldWarnings(template).map((warning) => ({
      ...(warning.feature === undefined ? {} : { field: warning.feature }),
      message: warning.message,
    }));
    if (template.priceType !== undefined && template.priceType !== 'ondemand') {
      errors.push({ field: 'priceType', message: `DigitalOcean has no ${template.priceType} pricing; use ondemand`, code: 'PRICING_MODEL_UNSUPPORTED' });
    }
    if (template.userData !== undefined && Buffer.byteLength(template.userData, 'utf8') > MAX_USER_DATA_BYTES) {
      errors.push({ field: 'userData', message: 'DigitalOcean accepts at most 64 KiB of user data', code: 'VALIDATION_ERROR' });
    }
    let doOptions: DigitalOceanTemplateOptions | undefined;
    try {
      doOptions = parseDigitalOceanTemplateOptions(template);
    } catch (error) {
      if (!ProviderSdkError.isInstance(error)) throw error;
      const issues = (error.details['issues'] as { field: string; message: string }[] | undefined) ?? [{ field: error.field ?? 'providerOptions.digitalocean', message: error.message }];
      for (const issue of issues) errors.push({ field: issue.field, message: issue.message, code: 'VALIDATION_ERROR' });
    }
    if (doOptions) await this.#checkAgainstCatalog(doOptions, errors, warnings, options);
    return { errors, warnings };
  }

  async dispose(): Promise<void> {
    this.clearCatalogCache();
  }

  async #checkAgainstCatalog(
    doOptions: DigitalOceanTemplateOptions,
    errors: TemplateValidationResultV1['errors'],
    warnings: TemplateValidationResultV1['warnings'],
    options: CallOptionsV1,
  ): Promise<void> {
    try {
      const [locations, sizes] = await Promise.all([this.listLocations(options), this.listSizes(options)]);
      const region = locations.find((location) => location.id === doOptions.region);
      const size = sizes.find((candidate) => candidate.id === doOptions.size);
      if (!region) errors.push({ field: 'providerOptions.digitalocean.region', message: `Unknown region "${doOptions.region}"`, code: 'VALIDATION_ERROR' });
      else if (!region.available) warnings.push({ field: 'providerOptions.digitalocean.region', message: `Region "${doOptions.region}" is not taking new droplets` });
      if (!size) errors.push({ field: 'providerOptions.digitalocean.size', message: `Unknown size "${doOptions.size}"`, code: 'VALIDATION_ERROR' });
      else if (region && size.locations && !size.locations.includes(region.id)) {
        errors.push({ field: 'providerOptions.digitalocean.size', message: `Size "${doOptions.size}" is not offered in region "${doOptions.region}"`, code: 'INSUFFICIENT_CAPACITY' });
      }
    } catch (error) {
      if (!ProviderSdkError.isInstance(error)) throw error;
      warnings.push({ message: `Region and size were not checked against the DigitalOcean catalog: ${error.message}` });
    }
  }
}

/** Sizes of the create calls for `count` droplets: tens, then the remainder. */
export function batchSizes(count: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= MAX_DROPLETS_PER_CREATE) sizes.push(Math.min(MAX_DROPLETS_PER_CREATE, left));
  return sizes;
}

function createBody(options: DigitalOceanTemplateOptions, tags: string[], userData: string | undefined): Omit<DropletCreateRequest, 'names'> {
  return {
    region: options.region,
    size: options.size,
    image: options.image,
    ssh_keys: options.ssh_keys,
    ...(options.backups === undefined ? {} : { backups: options.backups }),
    ...(options.ipv6 === undefined ? {} : { ipv6: options.ipv6 }),
    ...(options.monitoring === undefined ? {} : { monitoring: options.monitoring }),
    ...(options.vpc_uuid === undefined ? {} : { vpc_uuid: options.vpc_uuid }),
    ...(userData === undefined ? {} : { user_data: userData }),
    tags,
  };
}

function assertOnDemand(template: ProviderTemplateV1): void {
  if (template.priceType === undefined || template.priceType === 'ondemand') return;
  throw new ProviderSdkError('PRICING_MODEL_UNSUPPORTED', `DigitalOcean has no ${template.priceType} pricing; template "${template.templateId}" must use ondemand`, {
    providerId: DIGITALOCEAN_PROVIDER_ID,
    field: 'priceType',
    retryable: false,
  });
}

function foreignFieldWarnings(template: ProviderTemplateV1): WarningV1[] {
  return FOREIGN_TEMPLATE_FIELDS.filter((field) => {
    const value = template[field];
    return value !== undefined && !(Array.isArray(value) && value.length === 0);
  }).map((field) => ({ type: 'unsupported' as const, feature: field, message: `${field} does not apply to DigitalOcean and is ignored` }));
}

function isDropletId(id: string): boolean {
  return /^[1-9]\d{0,15}$/.test(id);
}

function signalOf(options: CallOptionsV1): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

function sizeToSize(size: DigitalOceanSize): SizeV1 {
  return {
    id: size.slug,
    name: size.description ? `${size.slug} (${size.description})` : size.slug,
    vcpus: size.vcpus,
    memoryMiB: size.memory,
    diskGiB: size.disk,
    hourlyPriceUsd: size.price_hourly,
    locations: size.regions,
    providerMetadata: {
      available: size.available,
      ...(size.price_monthly == null ? {} : { monthlyPriceUsd: size.price_monthly }),
      ...(size.transfer === undefined ? {} : { transferTiB: size.transfer }),
    },
  };
}

function regionToLocation(region: DigitalOceanRegion): LocationV1 {
  return {
    id: region.slug,
    name: region.name,
    available: region.available,
    providerMetadata: { features: region.features, sizes: region.sizes },
  };
}

function imageToImage(image: DigitalOceanImage): ImageV1 {
  return {
    id: image.slug ?? String(image.id),
    name: image.name ?? image.slug ?? String(image.id),
    ...(image.distribution === undefined ? {} : { distribution: image.distribution }),
    providerMetadata: {
      imageId: image.id,
      ...(image.type === undefined ? {} : { type: image.type }),
      ...(image.public === undefined ? {} : { public: image.public }),
      regions: image.regions,
      ...(image.min_disk_size == null ? {} : { minDiskGiB: image.min_disk_size }),
    },
  };
}
