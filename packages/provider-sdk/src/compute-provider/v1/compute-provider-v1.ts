import { z } from 'zod';
import { PROVIDER_RAISED_ERROR_CODES } from '../../errors/error-codes.js';
import { InstanceStateV1Schema } from './instance-state-v1.js';
import { FLEET_TYPES, PRICE_TYPES, type ProviderTemplateV1 } from './provider-template-v1.js';

/** The codes a v1 provider may throw: the shared vocabulary's provider codes. */
export const PROVIDER_ERROR_CODES_V1 = PROVIDER_RAISED_ERROR_CODES;
export const ProviderErrorCodeV1Schema = z.enum(PROVIDER_ERROR_CODES_V1);
export type ProviderErrorCodeV1 = z.infer<typeof ProviderErrorCodeV1Schema>;

export const ProviderCapabilitiesV1Schema = z.object({
  /** API names this provider can provision through (AWS: EC2Fleet, SpotFleet, ASG, RunInstances). */
  apis: z.array(z.string()).min(1),
  pricingModels: z.array(z.enum(PRICE_TYPES)).min(1),
  fleetTypes: z.array(z.enum(FLEET_TYPES)),
  /** Most machines one create call can ask for (DigitalOcean: 10, Linode: 1). */
  maxInstancesPerCall: z.number().int().positive(),
  /** Most ids one describe call takes (AWS: 1,000); 1 means no batching. */
  describeBatchSize: z.number().int().positive(),
  supportsStopStart: z.boolean(),
  supportsDryRun: z.boolean(),
});
export type ProviderCapabilitiesV1 = z.infer<typeof ProviderCapabilitiesV1Schema>;

export const LocationV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  country: z.string().optional(),
  available: z.boolean().default(true),
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type LocationV1 = z.infer<typeof LocationV1Schema>;

export const SizeV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  vcpus: z.number().nonnegative(),
  memoryMiB: z.number().nonnegative(),
  diskGiB: z.number().nonnegative(),
  hourlyPriceUsd: z.number().nonnegative().nullable(),
  /** The cloud's own monthly price when it publishes one (Linode, DigitalOcean); else hourly × 730. */
  monthlyPriceUsd: z.number().nonnegative().nullable().optional(),
  /** Spot price per hour in the instance's region, when the cloud sells spot capacity. */
  spotHourlyPriceUsd: z.number().nonnegative().nullable().optional(),
  gpus: z.number().int().nonnegative().optional(),
  /** `x86_64` or `arm64` (AWS names are mapped to these). */
  architecture: z.string().optional(),
  /** Outbound transfer included per month, in GB. */
  transferGb: z.number().nonnegative().nullable().optional(),
  locations: z.array(z.string()).optional(),
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type SizeV1 = z.infer<typeof SizeV1Schema>;

export const ImageV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  distribution: z.string().optional(),
  /** Lower-case OS family, e.g. `ubuntu`, `debian`, `amazon-linux`, `windows`. */
  osFamily: z.string().optional(),
  /** e.g. `24.04`, `12`, `2023`. */
  osVersion: z.string().optional(),
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type ImageV1 = z.infer<typeof ImageV1Schema>;

/** One-click software a machine can be created with: a Linode StackScript, a DigitalOcean Marketplace app. */
export const AppV1Schema = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(['stackscript', 'marketplace']),
  description: z.string().optional(),
  /** Images the app can be deployed on; absent when any image will do. */
  imageIds: z.array(z.string()).optional(),
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type AppV1 = z.infer<typeof AppV1Schema>;

export const InstanceV1Schema = z.object({
  /** The id the cloud gave the machine. */
  id: z.string().min(1),
  state: InstanceStateV1Schema,
  /** The provider's own state word, kept beside the normalized one. */
  rawState: z.string(),
  name: z.string().nullable().default(null),
  hostName: z.string().nullable().default(null),
  privateIpAddress: z.string().nullable().default(null),
  publicIpAddress: z.string().nullable().default(null),
  instanceType: z.string().optional(),
  location: z.string().optional(),
  /** ISO 8601 launch time. */
  launchTime: z.string().optional(),
  lifecycle: z.enum(['ondemand', 'spot']).optional(),
  tags: z.record(z.string(), z.string()).default({}),
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type InstanceV1 = z.infer<typeof InstanceV1Schema>;

export const WarningV1Schema = z.object({
  type: z.enum(['unsupported', 'other']),
  feature: z.string().optional(),
  message: z.string(),
});
export type WarningV1 = z.infer<typeof WarningV1Schema>;

export const FailureV1Schema = z.object({
  code: ProviderErrorCodeV1Schema,
  message: z.string(),
  retryable: z.boolean(),
  retryAfterMs: z.number().nonnegative().optional(),
  /** How many of the requested machines this failure accounts for. */
  count: z.number().int().nonnegative(),
  instanceType: z.string().optional(),
  location: z.string().optional(),
});
export type FailureV1 = z.infer<typeof FailureV1Schema>;

/** One exact call a provider sends (or would send, in a dry run) to its cloud. */
export const PlannedCallV1Schema = z.object({
  service: z.string(),
  operation: z.string(),
  input: z.unknown(),
});
export type PlannedCallV1 = z.infer<typeof PlannedCallV1Schema>;

/** The power actions every cloud offers on one machine, in the words the product uses. */
export const INSTANCE_ACTIONS_V1 = ['boot', 'shutdown', 'reboot'] as const;
export const InstanceActionV1Schema = z.enum(INSTANCE_ACTIONS_V1);
export type InstanceActionV1 = z.infer<typeof InstanceActionV1Schema>;

/** What `performAction` did: the cloud accepted the action (it may still be running). */
export const InstanceActionResultV1Schema = z.object({
  id: z.string().min(1),
  action: InstanceActionV1Schema,
  /** The cloud's reference for the action when it tracks one (a DigitalOcean action id). */
  actionId: z.string().optional(),
  plannedCalls: z.array(PlannedCallV1Schema).optional(),
});
export type InstanceActionResultV1 = z.input<typeof InstanceActionResultV1Schema>;

export interface CreateInstancesRequestV1 {
  readonly requestId: string;
  readonly template: ProviderTemplateV1;
  /**
   * How many machines this request wants on this provider instance in all: the provider
   * creates only those missing among the live machines tagged with this request id, so a
   * retried or resumed call never creates twice and a top-up asks for the new total.
   */
  readonly count: number;
  /** Stable across retries of the same request: the provider must not create twice for it. */
  readonly idempotencyKey: string;
  /** Tags every created resource carries (request id, template id, provider instance, …). */
  readonly tags: Readonly<Record<string, string>>;
  /** Which try of this request this is (1-based); part of AWS ClientTokens. */
  readonly attempt?: number;
}

export const CreateInstancesResultV1Schema = z.object({
  /** Machines the cloud created (or found already created for this request). */
  instances: z.array(InstanceV1Schema),
  /** Machines asked for but not created; partial fulfilment is normal, not an exception. */
  failures: z.array(FailureV1Schema).default([]),
  /** Machines accepted by an asynchronous API (a fleet, a group) whose ids come later. */
  pendingCount: z.number().int().nonnegative().default(0),
  warnings: z.array(WarningV1Schema).default([]),
  plannedCalls: z.array(PlannedCallV1Schema).optional(),
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
});
export type CreateInstancesResultV1 = z.input<typeof CreateInstancesResultV1Schema>;

export const TerminateResultV1Schema = z.object({
  terminated: z.array(z.string()),
  /** Ids that were already gone: success, not failure. */
  alreadyGone: z.array(z.string()).default([]),
  failures: z
    .array(z.object({ id: z.string(), code: ProviderErrorCodeV1Schema, message: z.string(), retryable: z.boolean() }))
    .default([]),
  plannedCalls: z.array(PlannedCallV1Schema).optional(),
});
export type TerminateResultV1 = z.input<typeof TerminateResultV1Schema>;

/** One resource a provider released for a request: a fleet deleted, a group removed, … */
export const ReleasedResourceV1Schema = z.object({
  /** What it is, in the cloud's words, e.g. `EC2Fleet`, `SpotFleet`, `AutoScalingGroup`. */
  kind: z.string().min(1),
  id: z.string().min(1),
  /** What was done to it, e.g. `deleted with its instances`. */
  action: z.string(),
});
export type ReleasedResourceV1 = z.infer<typeof ReleasedResourceV1Schema>;

/** What `releaseRequestResources` did (or, in a dry run, would do: `plannedCalls`). */
export const ReleaseRequestResultV1Schema = z.object({
  /** Fleets, groups and other launchers of the request that were deleted, cancelled or emptied. */
  released: z.array(ReleasedResourceV1Schema).default([]),
  /** Instances of the request now shutting down or terminated. */
  terminated: z.array(z.string()).default([]),
  /** Instances of the request that were already gone. */
  alreadyGone: z.array(z.string()).default([]),
  failures: TerminateResultV1Schema.shape.failures,
  plannedCalls: z.array(PlannedCallV1Schema).optional(),
});
export type ReleaseRequestResultV1 = z.input<typeof ReleaseRequestResultV1Schema>;

export const HealthCheckResultV1Schema = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  latencyMs: z.number().nonnegative(),
  checkedAt: z.string(),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type HealthCheckResultV1 = z.input<typeof HealthCheckResultV1Schema>;

export const TemplateValidationResultV1Schema = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string(), code: ProviderErrorCodeV1Schema.optional() })),
  warnings: z.array(z.object({ field: z.string().optional(), message: z.string() })),
});
export type TemplateValidationResultV1 = z.infer<typeof TemplateValidationResultV1Schema>;

export interface CallOptionsV1 {
  readonly signal?: AbortSignal;
  /** Plan only: return `plannedCalls` and send nothing to the cloud. */
  readonly dryRun?: boolean;
}

/**
 * The contract a compute provider implements. A breaking change adds `v2/` beside this
 * folder; the core accepts both during a major release.
 */
export interface ComputeProviderV1 {
  readonly specificationVersion: 'v1';
  /** The provider type: 'aws', 'linode', 'digitalocean' or a third party's id. */
  readonly providerId: string;
  /** The configured instance name (e.g. 'aws-us-east-1'). */
  readonly instanceName: string;
  readonly capabilities: ProviderCapabilitiesV1;

  initialize(options?: CallOptionsV1): Promise<void>;
  healthCheck(options?: CallOptionsV1): Promise<HealthCheckResultV1>;
  listLocations(options?: CallOptionsV1): Promise<LocationV1[]>;
  listSizes(options?: CallOptionsV1): Promise<SizeV1[]>;
  listImages(options?: CallOptionsV1): Promise<ImageV1[]>;
  /** OPTIONAL. One-click software offered by the cloud (StackScripts, Marketplace apps). */
  listApps?(options?: CallOptionsV1): Promise<AppV1[]>;
  createInstances(request: CreateInstancesRequestV1, options?: CallOptionsV1): Promise<CreateInstancesResultV1>;
  /**
   * The instances among `ids` this cloud knows (batched by `describeBatchSize`). An id it does
   * not know, including one in another cloud's format (an AWS id given to Linode), is left out
   * of the answer: "not here", never an error.
   */
  describeInstances(ids: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]>;
  terminateInstances(ids: readonly string[], options?: CallOptionsV1): Promise<TerminateResultV1>;
  /** Every live or recently gone instance carrying all the given tags (for reconciliation). */
  findInstancesByTag(tags: Readonly<Record<string, string>>, options?: CallOptionsV1): Promise<InstanceV1[]>;
  /**
   * OPTIONAL. Instances a scheduler names by host name rather than id: those whose `name` or
   * `hostName` (as `describeInstances` reports them) is one of `names`; a provider may also match
   * private IP addresses. Any state the cloud still reports. Batched: a few calls for all the
   * names, never one call per name. A name no instance has is simply absent from the answer.
   */
  findInstancesByName?(names: readonly string[], options?: CallOptionsV1): Promise<InstanceV1[]>;
  /**
   * OPTIONAL. Every instance carrying a tag with this key, whatever its value, in any state the
   * cloud still reports: reconciliation lists everything we launched with `ohf:request-id`.
   */
  findInstancesByTagKey?(tagKey: string, options?: CallOptionsV1): Promise<InstanceV1[]>;
  /**
   * OPTIONAL. Releases everything a request launched on this instance, so that nothing keeps
   * running or launching once the request is cancelled: fleets and groups that would launch (or
   * replace) machines are deleted, cancelled or scaled to zero, and the instances tagged with
   * the request id are terminated, whether or not anyone recorded them. Idempotent; a dry run
   * changes nothing and returns `plannedCalls`.
   */
  releaseRequestResources?(requestId: string, options?: CallOptionsV1): Promise<ReleaseRequestResultV1>;
  /**
   * OPTIONAL. Boots, shuts down or reboots one machine. An id this cloud can never have, or one
   * it does not know, is MACHINE_NOT_FOUND; an action outside `INSTANCE_ACTIONS_V1` is a
   * VALIDATION_ERROR. A dry run sends nothing and returns `plannedCalls`.
   */
  performAction?(id: string, action: InstanceActionV1, options?: CallOptionsV1): Promise<InstanceActionResultV1>;
  validateTemplate(template: ProviderTemplateV1, options?: CallOptionsV1): Promise<TemplateValidationResultV1>;
  /** Releases clients, timers and sockets. */
  dispose?(): Promise<void>;
}
