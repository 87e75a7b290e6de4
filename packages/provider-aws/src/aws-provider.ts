import { defineProvider, InvalidProviderOptionsError, ProviderTemplateV1Schema, ProviderValidationError } from '@ohf/provider-sdk';
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
import { AwsApi, AwsCallScope } from './aws-api.js';
import { AWS_PROVIDER_ID } from './aws-errors.js';
import { handlerFor, enabledApis, selectApi } from './handlers/select-handler.js';
import { checkAwsHealth } from './health/health-check.js';
import { ImageResolver } from './images/image-resolver.js';
import { DESCRIBE_BATCH_SIZE, describeEc2Instances, findEc2InstancesByTag, findEc2InstancesByTagKey } from './instances/describe-instances.js';
import { existingMachines } from './instances/existing-machines.js';
import { failStuckPending } from './instances/fail-stuck-pending.js';
import { findEc2InstancesByName } from './instances/find-instances-by-name.js';
import { toInstanceV1 } from './instances/instance-mapping.js';
import { releaseEc2RequestResources } from './instances/release-request-resources.js';
import { terminateEc2Instances } from './instances/terminate-instances.js';
import { LaunchTemplateManager } from './launch-template/launch-template-manager.js';
import { CloudWatchMetrics } from './metrics/cloudwatch-metrics.js';
import { AwsProviderSettingsSchema } from './aws-settings.js';
import type { AwsProviderSettings, AwsProviderSettingsInput } from './aws-settings.js';
import { resourceTags } from './tags/aws-tags.js';
import { launchableTemplate } from './validation/launchable-template.js';
import { validateAwsTemplate } from './validation/validate-template.js';

/**
 * What the host hands one configured instance (name, logger, environment), plus hooks that
 * make the provider deterministic under test; production leaves the hooks unset.
 */
export interface AwsProviderOptions extends Partial<ProviderContextV1> {
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
export function createAwsProvider(settings: AwsProviderSettingsInput, options: AwsProviderOptions = {}): AwsComputeProvider {
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
  return new AwsProvider(parsed.data, options);
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

  constructor(settings: AwsProviderSettings, options: AwsProviderOptions) {
    const env = options.env ?? process.env;
    const region = settings.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
    if (!region) {
      throw new InvalidProviderOptionsError('AWS provider settings need a region (or AWS_REGION in the environment)', {
        providerId: AWS_PROVIDER_ID,
        field: 'region',
      });
    }
    this.settings = settings;
    this.region = region;
    this.instanceName = options.instanceName ?? `aws-${region}`;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger;
    this.#api = new AwsApi({
      settings,
      region,
      env,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const clock = options.now ? { now: options.now } : {};
    this.#images = new ImageResolver(clock);
    this.#catalog = new AwsCatalog(clock);
    this.#launchTemplates = new LaunchTemplateManager(settings.resource_prefix);
    this.#metrics = settings.cloudwatch.enabled
      ? new CloudWatchMetrics({
          api: this.#api,
          namespace: settings.cloudwatch.namespace,
          instanceName: this.instanceName,
          now: this.#now,
          ...(options.logger ? { logger: options.logger } : {}),
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
    const template = launchableTemplate(request.template, this.settings, this.instanceName);
    if (!Number.isInteger(request.count) || request.count < 1) {
      throw new ProviderValidationError(`count must be a whole number of machines (1 or more), got ${request.count}`, { providerId: AWS_PROVIDER_ID, field: 'count' });
    }
    const scope = this.#scope(options);
    const api = selectApi(template, this.settings);
    const existing = await existingMachines(scope, request);
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
    return failStuckPending(instances, {
      limitSeconds: this.settings.instance_pending_timeout_seconds,
      now: this.#now,
      instanceName: this.instanceName,
      logger: this.#logger,
      terminate: (stuck) => this.terminateInstances(stuck, options),
    });
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

  #scope(options: CallOptionsV1 | undefined): AwsCallScope {
    return new AwsCallScope(this.#api, {
      ...(options?.dryRun ? { dryRun: true } : {}),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }
}

/** What the provider registry loads for instances of `type: aws`. */
export const awsProviderDefinition = defineProvider<AwsProviderSettings>({
  type: 'aws',
  displayName: 'Amazon Web Services (EC2 Fleet, Spot Fleet, Auto Scaling, RunInstances)',
  settingsSchema: AwsProviderSettingsSchema,
  create: (settings, context) => createAwsProvider(settings, context),
});
