import { defineComputeProvider, defineProvider, InvalidProviderOptionsError, ProviderTemplateV1Schema, ProviderValidationError } from '@ohf/provider-sdk';
import type {
  ProviderTemplateV1,
  CloudCall,
  ComputeProviderAdapter,
  ComputeProviderOptions,
  CreateInstancesResultV1,
  CreateRequest,
  DefinedComputeProvider,
  OperationCall,
  TerminateResultV1,
} from '@ohf/provider-sdk';
import { AwsCatalog } from './catalog/aws-catalog.js';
import { AwsApi, AwsCallScope } from './aws-api.js';
import { AWS_PROVIDER_ID, classifyAwsError } from './aws-errors.js';
import { handlerFor, enabledApis, selectApi } from './handlers/select-handler.js';
import type { AwsTemplate } from './handlers/template-offerings.js';
import { checkAwsHealth } from './health/health-check.js';
import { launchPermissionCheckOf, sendLaunchDryRun } from './health/launch-permissions.js';
import type { LaunchPermissionCheck } from './health/launch-permissions.js';
import { ImageResolver } from './images/image-resolver.js';
import { DESCRIBE_BATCH_SIZE, describeEc2Instances, findEc2InstancesByTag, findEc2InstancesByTagKey, isEc2InstanceId } from './instances/describe-instances.js';
import { existingMachines } from './instances/existing-machines.js';
import { failStuckPending } from './instances/fail-stuck-pending.js';
import { findEc2InstancesByName } from './instances/find-instances-by-name.js';
import { toInstanceV1 } from './instances/instance-mapping.js';
import { performEc2Action, plannedEc2Action } from './instances/power-actions.js';
import { releaseEc2RequestResources } from './instances/release-request-resources.js';
import { terminateEc2Instances } from './instances/terminate-instances.js';
import { LaunchTemplateManager } from './launch-template/launch-template-manager.js';
import { CloudWatchMetrics } from './metrics/cloudwatch-metrics.js';
import { AwsProviderSettingsSchema } from './aws-settings.js';
import type { AwsProviderSettings, AwsProviderSettingsInput } from './aws-settings.js';
import { EC2_INSTANCE_STATE_MAP } from './aws-state-map.js';
import { resourceTags } from './tags/aws-tags.js';
import { launchableTemplate } from './validation/launchable-template.js';
import { validateAwsTemplate } from './validation/validate-template.js';

/** The skeleton's options: the host's context plus the clock, sleep and jitter tests replace. */
export type AwsProviderOptions = ComputeProviderOptions;

/** What only AWS offers beside the spec. */
interface AwsExtras {
  readonly providerId: 'aws';
  readonly region: string;
  /** The settings after defaults were applied. */
  readonly settings: AwsProviderSettings;
  /** Drops the cached catalog (zones, instance types, images) and resolved SSM image ids. */
  clearCaches(): void;
  /**
   * Whether these credentials may launch the template: a RunInstances with DryRun built from it
   * (image, instance type, subnet, security groups, key, instance profile, tags). Launches
   * nothing and never throws for what AWS answers: `permitted` (DryRunOperation), `forbidden`
   * (UnauthorizedOperation, naming the permission) or `rejected` (with AWS's redacted message).
   */
  checkLaunchPermissions(template: ProviderTemplateV1): Promise<LaunchPermissionCheck>;
}

/** The AWS provider: the spec, every optional member, and what is particular to AWS. */
export type AwsComputeProvider = DefinedComputeProvider<AwsExtras> &
  Required<Pick<DefinedComputeProvider<AwsExtras>, 'findInstancesByName' | 'findInstancesByTagKey' | 'performAction' | 'dispose'>>;

/** The cloud client of one configured instance, built on its first call. */
interface AwsConnection {
  readonly api: AwsApi;
  readonly settings: AwsProviderSettings;
  readonly launchTemplates: LaunchTemplateManager;
  readonly metrics: CloudWatchMetrics | undefined;
}

/** What the adapter of one configured instance is built from. */
interface AwsInstanceParts {
  readonly region: string;
  readonly instanceName: string;
  readonly options: AwsProviderOptions;
}

/**
 * The AWS adapter of one configured instance. AWS provisions whole requests through its
 * handlers (EC2 Fleet, Spot Fleet, Auto Scaling, RunInstances) and returns machines through
 * their groups, so it takes the skeleton's request-level hooks.
 */
function awsAdapter({ region, instanceName, options }: AwsInstanceParts): ComputeProviderAdapter<AwsProviderSettings, AwsProviderSettingsInput, AwsConnection, AwsTemplate, string, AwsExtras> {
  const now = options.now ?? Date.now;
  const clock = options.now ? { now: options.now } : {};
  const images = new ImageResolver(clock);
  const catalog = new AwsCatalog({ ...clock, logger: options.logger });
  const scope = (client: AwsConnection, call: CloudCall & { dryRun?: boolean }): AwsCallScope =>
    new AwsCallScope(client.api, { ...(call.dryRun ? { dryRun: true } : {}), ...(call.signal ? { signal: call.signal } : {}) });

  const terminate = async (client: AwsConnection, ids: readonly string[], call: OperationCall): Promise<TerminateResultV1> => {
    const started = now();
    const result = await terminateEc2Instances(scope(client, call), ids);
    if (!call.dryRun && ids.length > 0) {
      await client.metrics?.publish({ operation: 'terminateInstances', machines: result.terminated.length, failures: result.failures?.length ?? 0, latencyMs: now() - started });
    }
    return result;
  };

  return {
    providerId: AWS_PROVIDER_ID,
    displayName: 'AWS',
    settingsSchema: AwsProviderSettingsSchema,
    settingsPath: '',
    stateMap: EC2_INSTANCE_STATE_MAP,
    capabilities: (settings) => ({
      apis: enabledApis(settings),
      pricingModels: ['ondemand', 'spot', 'heterogeneous'],
      fleetTypes: settings.handlers.ec2_fleet.enabled ? ['instant', 'request', 'maintain'] : ['request', 'maintain'],
      maxInstancesPerCall: 1_000,
      describeBatchSize: DESCRIBE_BATCH_SIZE,
      supportsStopStart: true,
      supportsDryRun: true,
    }),
    isValidId: isEc2InstanceId,
    normalizeError: (error, operation) => classifyAwsError(error, { operation }),
    connect({ settings }) {
      // Clients are created on first use, so a CLI run that never calls AWS loads no SDK module.
      const env = options.env ?? process.env;
      const api = new AwsApi({
        settings,
        region,
        env,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.random ? { random: options.random } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      const metrics = settings.cloudwatch.enabled
        ? new CloudWatchMetrics({ api, namespace: settings.cloudwatch.namespace, instanceName, now, ...(options.logger ? { logger: options.logger } : {}) })
        : undefined;
      return { api, settings, launchTemplates: new LaunchTemplateManager(settings.resource_prefix), metrics };
    },
    dispose: (client) => client.api.dispose(),

    planTemplate: (template, settings) => ({ plan: launchableTemplate(template, settings, instanceName) }),
    validateTemplate(template, settings) {
      const parsed = ProviderTemplateV1Schema.safeParse(template);
      if (parsed.success) return validateAwsTemplate(parsed.data, settings);
      return { errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message, code: 'VALIDATION_ERROR' })), warnings: [] };
    },

    async listByTags(client, tags, call) {
      if (Object.keys(tags).length === 0) {
        // Without a filter DescribeInstances answers with every machine of the account.
        throw new ProviderValidationError('findInstancesByTag needs at least one tag', { providerId: AWS_PROVIDER_ID, field: 'tags' });
      }
      return (await findEc2InstancesByTag(scope(client, call), tags)).map(toInstanceV1);
    },
    async listByTagKey(client, tagKey, call) {
      if (tagKey === '') throw new ProviderValidationError('findInstancesByTagKey needs a tag key', { providerId: AWS_PROVIDER_ID, field: 'tagKey' });
      return (await findEc2InstancesByTagKey(scope(client, call), tagKey)).map(toInstanceV1);
    },
    listByNames: async (client, names, call) => (await findEc2InstancesByName(scope(client, call), names)).map(toInstanceV1),
    createRequest: (client, creation, call) => createRequest(client, creation, call),
    terminateMany: terminate,
    async describeBatch(client, ids, call) {
      const instances = (await describeEc2Instances(scope(client, call), ids)).map(toInstanceV1);
      const settings = client.settings;
      return failStuckPending(instances, {
        limitSeconds: settings.instance_pending_timeout_seconds,
        now,
        instanceName,
        logger: options.logger,
        terminate: (stuck) => terminate(client, stuck, { ...call, dryRun: false }),
      });
    },
    async releaseRequest(client, requestId, call) {
      const result = await releaseEc2RequestResources(scope(client, call), client.settings.resource_prefix, requestId);
      options.logger?.info(
        { provider: instanceName, requestId, released: result.released, terminated: result.terminated?.length ?? 0, dryRun: call.dryRun },
        'AWS resources of a request released',
      );
      return result;
    },
    performAction: (client, id, action, call) => performEc2Action(scope(client, call), id, action),
    listLocations: (client, call) => catalog.listLocations(scope(client, call)),
    listSizes: (client, call) => catalog.listSizes(scope(client, call), client.settings.pricing),
    listImages: (client, call) => catalog.listImages(scope(client, call)),
    async checkHealth(client, call) {
      const { status, message, details } = await checkAwsHealth(scope(client, call), now);
      return { status, ...(message === undefined ? {} : { message }), ...(details ? { details } : {}) };
    },

    plannedCalls: {
      listByTags: (tags) => ({
        service: 'EC2',
        operation: 'DescribeInstances',
        input: { Filters: Object.entries(tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] })) },
      }),
      performAction: plannedEc2Action,
    },

    extras: (kit) => ({
      providerId: AWS_PROVIDER_ID,
      region,
      settings: kit.settings,
      clearCaches() {
        kit.clearCatalogCache();
        catalog.clear();
        images.clear();
      },
      async checkLaunchPermissions(template) {
        try {
          await kit.run('EC2.RunInstances', (client) => sendLaunchDryRun(new AwsCallScope(client.api), template, kit.settings, instanceName, images));
        } catch (error) {
          return launchPermissionCheckOf(template.templateId, error);
        }
        // AWS answers every dry run with an error; a plain answer means something ignored DryRun.
        return { templateId: template.templateId, status: 'rejected', message: 'AWS answered a dry-run RunInstances without DryRunOperation' };
      },
    }),
  };

  /** One request through the handler of its API; a later try first counts what earlier tries created. */
  async function createRequest(client: AwsConnection, creation: CreateRequest<AwsTemplate>, call: OperationCall): Promise<CreateInstancesResultV1> {
    const { request, plan: template } = creation;
    const started = now();
    const settings = client.settings;
    const callScope = scope(client, call);
    const api = selectApi(template, settings);
    const existing = await existingMachines(callScope, request);
    if (existing.length >= request.count) return { instances: existing, providerMetadata: { api, foundExisting: existing.length } };
    const handlerRequest = existing.length > 0 ? { ...request, count: request.count - existing.length } : request;
    let result: CreateInstancesResultV1;
    try {
      result = await handlerFor(api).create({
        scope: callScope,
        settings,
        request: handlerRequest,
        template,
        tags: resourceTags(request.tags, template.instanceTags),
        attempt: request.attempt ?? 1,
        launchTemplates: client.launchTemplates,
        images,
        now,
      });
    } catch (error) {
      if (!call.dryRun) await client.metrics?.publish({ operation: 'createInstances', api, machines: 0, failures: handlerRequest.count, latencyMs: now() - started });
      throw error;
    }
    const complete: CreateInstancesResultV1 = {
      ...result,
      instances: [...existing, ...result.instances],
      providerMetadata: { api, ...result.providerMetadata, ...(existing.length > 0 ? { foundExisting: existing.length } : {}) },
      ...(call.dryRun ? { plannedCalls: callScope.plannedCalls } : {}),
    };
    const failed = (complete.failures ?? []).reduce((sum, failure) => sum + failure.count, 0);
    options.logger?.info(
      { provider: instanceName, requestId: request.requestId, api, created: result.instances.length, pending: complete.pendingCount ?? 0, failed, dryRun: call.dryRun },
      'AWS create finished',
    );
    if (!call.dryRun) await client.metrics?.publish({ operation: 'createInstances', api, machines: complete.instances.length, failures: failed, latencyMs: now() - started });
    return complete;
  }
}

/**
 * Creates the AWS provider for one configured instance. The region comes from the settings or
 * AWS_REGION / AWS_DEFAULT_REGION; nothing is sent and no AWS SDK module is loaded until the
 * first call that needs it. Credentials come from the AWS chain (or the settings' profile,
 * credentials file or role).
 */
export function createAwsProvider(settings: AwsProviderSettingsInput | AwsProviderSettings = {}, options: AwsProviderOptions = {}): AwsComputeProvider {
  const env = options.env ?? process.env;
  const given = typeof settings === 'object' && settings !== null ? (settings as { region?: unknown }).region : undefined;
  const region = typeof given === 'string' ? given : (env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION']);
  if (!region) {
    throw new InvalidProviderOptionsError('AWS provider settings need a region (or AWS_REGION in the environment)', { providerId: AWS_PROVIDER_ID, field: 'region' });
  }
  const instanceName = options.instanceName ?? `aws-${region}`;
  const factory = defineComputeProvider(awsAdapter({ region, instanceName, options }));
  return factory.create(settings, { ...options, instanceName }) as AwsComputeProvider;
}

/** What the provider registry loads for instances of `type: aws`. */
export const awsProviderDefinition = defineProvider<AwsProviderSettings>({
  type: 'aws',
  displayName: 'Amazon Web Services (EC2 Fleet, Spot Fleet, Auto Scaling, RunInstances)',
  settingsSchema: AwsProviderSettingsSchema,
  create: (settings, context) => createAwsProvider(settings, context),
});
