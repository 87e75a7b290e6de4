import {
  InvalidProviderOptionsError,
  OHF_TAG_KEYS,
  ProviderTemplateV1Schema,
  ProviderValidationError,
  UnsupportedCapabilityError,
} from '@ohf/provider-sdk';
import type {
  CallOptionsV1,
  ComputeProviderV1,
  CreateInstancesRequestV1,
  CreateInstancesResultV1,
  HealthCheckResultV1,
  ImageV1,
  InstanceV1,
  LocationV1,
  ProviderCapabilitiesV1,
  ProviderContextV1,
  ProviderTemplateV1,
  ReleaseRequestResultV1,
  RetryPolicy,
  SizeV1,
  TemplateValidationResultV1,
  TerminateResultV1,
} from '@ohf/provider-sdk';
import { AwsCatalog } from './catalog/aws-catalog.js';
import { AwsApi, AwsCallScope } from './clients/aws-api.js';
import { AWS_PROVIDER_ID } from './errors/aws-error.js';
import { handlerFor, enabledApis, selectApi } from './handlers/select-handler.js';
import type { AwsTemplate } from './handlers/template-offerings.js';
import { checkAwsHealth } from './health/health-check.js';
import { ImageResolver } from './images/image-resolver.js';
import { DESCRIBE_BATCH_SIZE, describeEc2Instances, findEc2InstancesByTag, findEc2InstancesByTagKey } from './instances/describe-instances.js';
import { findEc2InstancesByName } from './instances/find-instances-by-name.js';
import { toInstanceV1 } from './instances/instance-mapping.js';
import { releaseEc2RequestResources } from './instances/release-request-resources.js';
import { terminateEc2Instances } from './instances/terminate-instances.js';
import { LaunchTemplateManager } from './launch-template/launch-template-manager.js';
import { CloudWatchMetrics } from './metrics/cloudwatch-metrics.js';
import { AwsProviderSettingsSchema } from './settings/aws-provider-settings.js';
import type { AwsProviderSettings, AwsProviderSettingsInput } from './settings/aws-provider-settings.js';
import { resourceTags } from './tags/aws-tags.js';
import { validateAwsTemplate } from './validation/validate-template.js';

/** Hooks that make the provider deterministic under test; production leaves them unset. */
export interface AwsProviderRuntimeOptions {
  /** Waits between our own retries (default: a real timer). */
  readonly sleep?: RetryPolicy['sleep'];
  /** Jitter source of the retry backoff. */
  readonly random?: () => number;
  /** Clock for expiry times, caches and latency figures. */
  readonly now?: () => number;
}

/** The AWS provider: the v1 contract plus what is particular to AWS. */
export interface AwsComputeProvider extends ComputeProviderV1 {
  readonly providerId: 'aws';
  readonly region: string;
  /** The settings after defaults were applied. */
  readonly settings: AwsProviderSettings;
  findInstancesByName(names: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]>;
  findInstancesByTagKey(tagKey: string, options?: CallOptionsV1): Promise<InstanceV1[]>;
  releaseRequestResources(requestId: string, options?: CallOptionsV1): Promise<ReleaseRequestResultV1>;
  /** Drops the cached catalog (zones, instance types, images) and resolved SSM image ids. */
  clearCaches(): void;
  /** Closes the SDK clients' sockets. */
  dispose(): Promise<void>;
}

/**
 * Creates the AWS provider for one configured instance. Nothing is sent and no AWS SDK module
 * is loaded until the first call that needs it.
 */
export function createAwsProvider(
  settings: AwsProviderSettingsInput,
  context: Partial<ProviderContextV1> = {},
  runtime: AwsProviderRuntimeOptions = {},
): AwsComputeProvider {
  const parsed = AwsProviderSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new InvalidProviderOptionsError(`Invalid AWS provider settings${field ? ` at "${field}"` : ''}: ${issue?.message ?? 'invalid'}`, {
      providerId: AWS_PROVIDER_ID,
      field,
      details: { issues: parsed.error.issues.map((entry) => ({ path: entry.path.join('.'), message: entry.message })) },
    });
  }
  return new AwsProvider(parsed.data, context, runtime);
}

class AwsProvider implements AwsComputeProvider {
  readonly specificationVersion = 'v1' as const;
  readonly providerId = 'aws' as const;
  readonly instanceName: string;
  readonly capabilities: ProviderCapabilitiesV1;
  readonly settings: AwsProviderSettings;
  readonly region: string;
  readonly #api: AwsApi;
  readonly #now: () => number;
  readonly #images: ImageResolver;
  readonly #catalog: AwsCatalog;
  readonly #launchTemplates: LaunchTemplateManager;
  readonly #metrics: CloudWatchMetrics | undefined;
  readonly #logger: ProviderContextV1['logger'];

  constructor(settings: AwsProviderSettings, context: Partial<ProviderContextV1>, runtime: AwsProviderRuntimeOptions) {
    const env = context.env ?? process.env;
    const region = settings.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
    if (!region) {
      throw new InvalidProviderOptionsError('AWS provider settings need a region (or AWS_REGION in the environment)', {
        providerId: AWS_PROVIDER_ID,
        field: 'region',
      });
    }
    this.settings = settings;
    this.region = region;
    this.instanceName = context.instanceName ?? `aws-${region}`;
    this.#now = runtime.now ?? Date.now;
    this.#logger = context.logger;
    this.#api = new AwsApi({
      settings,
      region,
      env,
      ...(context.logger ? { logger: context.logger } : {}),
      ...(runtime.sleep ? { sleep: runtime.sleep } : {}),
      ...(runtime.random ? { random: runtime.random } : {}),
      ...(runtime.now ? { now: runtime.now } : {}),
    });
    const clock = runtime.now ? { now: runtime.now } : {};
    this.#images = new ImageResolver(clock);
    this.#catalog = new AwsCatalog(clock);
    this.#launchTemplates = new LaunchTemplateManager(settings.resource_prefix);
    this.#metrics = settings.cloudwatch.enabled
      ? new CloudWatchMetrics({
          api: this.#api,
          namespace: settings.cloudwatch.namespace,
          instanceName: this.instanceName,
          now: this.#now,
          ...(context.logger ? { logger: context.logger } : {}),
        })
      : undefined;
    this.capabilities = {
      apis: enabledApis(settings),
      pricingModels: ['ondemand', 'spot', 'heterogeneous'],
      fleetTypes: settings.handlers.ec2_fleet.enabled ? ['instant', 'request', 'maintain'] : ['request', 'maintain'],
      maxInstancesPerCall: 1_000,
      describeBatchSize: DESCRIBE_BATCH_SIZE,
      supportsStopStart: false,
      supportsDryRun: true,
    };
  }

  async initialize(): Promise<void> {
    // Nothing to warm up: clients are created on first use so a CLI run that never calls AWS pays nothing.
  }

  healthCheck(options?: CallOptionsV1): Promise<HealthCheckResultV1> {
    return checkAwsHealth(this.#scope(options), this.#now);
  }

  listLocations(options?: CallOptionsV1): Promise<LocationV1[]> {
    return this.#catalog.listLocations(this.#scope(options));
  }

  listSizes(options?: CallOptionsV1): Promise<SizeV1[]> {
    return this.#catalog.listSizes(this.#scope(options));
  }

  listImages(options?: CallOptionsV1): Promise<ImageV1[]> {
    return this.#catalog.listImages(this.#scope(options));
  }

  async createInstances(request: CreateInstancesRequestV1, options?: CallOptionsV1): Promise<CreateInstancesResultV1> {
    const started = this.#now();
    const template = this.#parseTemplate(request.template);
    this.#assertValid(template);
    const scope = this.#scope(options);
    if (request.count <= 0) return { instances: [], ...(scope.dryRun ? { plannedCalls: [] } : {}) };
    const api = selectApi(template, this.settings);
    const existing = await this.#existingMachines(scope, request);
    if (existing.length >= request.count) {
      return { instances: existing, providerMetadata: { api, foundExisting: existing.length } };
    }
    const handlerRequest = existing.length > 0 ? { ...request, count: request.count - existing.length } : request;
    let result: CreateInstancesResultV1;
    try {
      result = await handlerFor(api).create({
        scope,
        settings: this.settings,
        request: handlerRequest,
        template,
        tags: resourceTags(request.tags, template.instanceTags),
        attempt: request.attempt ?? 1,
        launchTemplates: this.#launchTemplates,
        images: this.#images,
        now: this.#now,
      });
    } catch (error) {
      if (!scope.dryRun) {
        await this.#metrics?.publish({ operation: 'createInstances', api, machines: 0, failures: handlerRequest.count, latencyMs: this.#now() - started });
      }
      throw error;
    }
    const complete: CreateInstancesResultV1 = {
      ...result,
      instances: [...existing, ...result.instances],
      providerMetadata: { api, ...result.providerMetadata, ...(existing.length > 0 ? { foundExisting: existing.length } : {}) },
      ...(scope.dryRun ? { plannedCalls: scope.plannedCalls } : {}),
    };
    const failed = (complete.failures ?? []).reduce((sum, failure) => sum + failure.count, 0);
    this.#logger?.info(
      { provider: this.instanceName, requestId: request.requestId, api, created: result.instances.length, pending: complete.pendingCount ?? 0, failed, dryRun: scope.dryRun },
      'AWS create finished',
    );
    if (this.#metrics && !scope.dryRun) {
      await this.#metrics.publish({ operation: 'createInstances', api, machines: complete.instances.length, failures: failed, latencyMs: this.#now() - started });
    }
    return complete;
  }

  async describeInstances(ids: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]> {
    if (ids.length === 0) return [];
    const instances = (await describeEc2Instances(this.#scope(options), ids)).map(toInstanceV1);
    return this.#failStuckPending(instances, options);
  }

  /**
   * `instance_pending_timeout_seconds`: a machine still `pending` that long after its launch
   * will not come up; it is terminated (through terminateInstances, so a fleet does not replace
   * it) and reported `failed`. A termination that fails is tried again on the next describe.
   */
  async #failStuckPending(instances: InstanceV1[], options: CallOptionsV1 | undefined): Promise<InstanceV1[]> {
    const limitSeconds = this.settings.instance_pending_timeout_seconds;
    if (!limitSeconds) return instances;
    const now = this.#now();
    const stuck = instances.filter(
      (instance) => instance.state === 'pending' && instance.launchTime !== undefined && now - Date.parse(instance.launchTime) > limitSeconds * 1000,
    );
    if (stuck.length === 0) return instances;
    const reason = `pending for more than ${limitSeconds} s (instance_pending_timeout_seconds); terminated`;
    try {
      await this.terminateInstances(stuck.map((instance) => instance.id), options);
      this.#logger?.warn({ provider: this.instanceName, instances: stuck.map((instance) => instance.id), limitSeconds }, 'terminated machines pending too long');
    } catch (error) {
      this.#logger?.warn(
        { provider: this.instanceName, instances: stuck.map((instance) => instance.id), code: (error as { code?: string }).code },
        'could not terminate machines pending too long; trying again on the next describe',
      );
    }
    const stuckIds = new Set(stuck.map((instance) => instance.id));
    return instances.map((instance) =>
      stuckIds.has(instance.id) ? { ...instance, state: 'failed', providerMetadata: { ...instance.providerMetadata, failureReason: reason } } : instance,
    );
  }

  async terminateInstances(ids: readonly string[], options?: CallOptionsV1): Promise<TerminateResultV1> {
    const started = this.#now();
    const scope = this.#scope(options);
    const result = await terminateEc2Instances(scope, ids);
    if (this.#metrics && !scope.dryRun && ids.length > 0) {
      await this.#metrics.publish({
        operation: 'terminateInstances',
        machines: result.terminated.length,
        failures: result.failures?.length ?? 0,
        latencyMs: this.#now() - started,
      });
    }
    return result;
  }

  async findInstancesByTag(tags: Readonly<Record<string, string>>, options?: CallOptionsV1): Promise<InstanceV1[]> {
    if (Object.keys(tags).length === 0) {
      // Without a filter DescribeInstances answers with every machine of the account.
      throw new ProviderValidationError('findInstancesByTag needs at least one tag', { providerId: AWS_PROVIDER_ID, field: 'tags' });
    }
    return (await findEc2InstancesByTag(this.#scope(options), tags)).map(toInstanceV1);
  }

  async findInstancesByName(names: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]> {
    if (names.length === 0) return [];
    return (await findEc2InstancesByName(this.#scope(options), names)).map(toInstanceV1);
  }

  async findInstancesByTagKey(tagKey: string, options?: CallOptionsV1): Promise<InstanceV1[]> {
    if (tagKey === '') throw new ProviderValidationError('findInstancesByTagKey needs a tag key', { providerId: AWS_PROVIDER_ID, field: 'tagKey' });
    return (await findEc2InstancesByTagKey(this.#scope(options), tagKey)).map(toInstanceV1);
  }

  async releaseRequestResources(requestId: string, options?: CallOptionsV1): Promise<ReleaseRequestResultV1> {
    const result = await releaseEc2RequestResources(this.#scope(options), this.settings.resource_prefix, requestId);
    this.#logger?.info(
      { provider: this.instanceName, requestId, released: result.released, terminated: result.terminated?.length ?? 0, dryRun: options?.dryRun === true },
      'AWS resources of a request released',
    );
    return result;
  }

  async validateTemplate(template: ProviderTemplateV1): Promise<TemplateValidationResultV1> {
    const parsed = ProviderTemplateV1Schema.safeParse(template);
    if (!parsed.success) {
      return {
        errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message, code: 'VALIDATION_ERROR' })),
        warnings: [],
      };
    }
    return validateAwsTemplate(parsed.data, this.settings);
  }

  clearCaches(): void {
    this.#catalog.clear();
    this.#images.clear();
  }

  async dispose(): Promise<void> {
    await this.#api.dispose();
  }

  /**
   * A later try of a request first looks for the machines earlier tries created (by the
   * request's tags): the ClientToken of a new try differs on purpose, so AWS alone would not
   * stop it from creating them again.
   */
  async #existingMachines(scope: AwsCallScope, request: CreateInstancesRequestV1): Promise<InstanceV1[]> {
    const requestId = request.tags[OHF_TAG_KEYS.requestId];
    if ((request.attempt ?? 1) <= 1 || !requestId) return [];
    const providerInstance = request.tags[OHF_TAG_KEYS.providerInstance];
    const found = await findEc2InstancesByTag(scope, {
      [OHF_TAG_KEYS.requestId]: requestId,
      ...(providerInstance ? { [OHF_TAG_KEYS.providerInstance]: providerInstance } : {}),
    });
    return found.map(toInstanceV1).filter((instance) => !['terminated', 'shutting_down', 'stopping', 'stopped'].includes(instance.state));
  }

  #scope(options: CallOptionsV1 | undefined): AwsCallScope {
    return new AwsCallScope(this.#api, {
      ...(options?.dryRun ? { dryRun: true } : {}),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  #parseTemplate(template: ProviderTemplateV1): AwsTemplate {
    const parsed = ProviderTemplateV1Schema.safeParse(template);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderValidationError(`Template is invalid: ${issue?.path.join('.')}: ${issue?.message}`, {
        providerId: AWS_PROVIDER_ID,
        field: issue?.path.join('.') ?? '',
      });
    }
    return parsed.data as AwsTemplate;
  }

  #assertValid(template: AwsTemplate): void {
    const { errors } = validateAwsTemplate(template, this.settings);
    const first = errors[0];
    if (!first) return;
    const message = `Template ${template.templateId} cannot be launched on ${this.instanceName}: ${errors
      .map((error) => `${error.field}: ${error.message}`)
      .join('; ')}`;
    const options = { providerId: AWS_PROVIDER_ID, field: first.field, details: { errors } };
    if (first.code === 'API_NOT_SUPPORTED') throw new UnsupportedCapabilityError(message, options);
    throw new ProviderValidationError(message, options);
  }
}
